package publish

import (
	"fmt"
	"testing"
)

// The publish benchmarks: 2,000 small files (a report with many pages and
// screenshots), to the shared MinIO. bench/publish.sh runs the same against
// `aws s3 sync`.

func BenchmarkPublish2000(b *testing.B) {
	for _, layout := range []Layout{LayoutFlat, LayoutHistory} {
		b.Run(string(layout), func(b *testing.B) {
			bk := newBucket(b)
			dir := manyFiles(b, 2000)
			n := 0
			for b.Loop() {
				n++
				r := bk.mustPublish(dir, fmt.Sprintf("first-%d", n), Options{Layout: layout})
				if r.Unchanged != 0 {
					b.Fatalf("first publish found %d objects unchanged", r.Unchanged)
				}
			}
			b.ReportMetric(float64(2000*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

func BenchmarkRepublish2000Unchanged(b *testing.B) {
	for _, layout := range []Layout{LayoutFlat, LayoutHistory} {
		b.Run(string(layout), func(b *testing.B) {
			bk := newBucket(b)
			dir := manyFiles(b, 2000)
			bk.mustPublish(dir, "again", Options{Layout: layout})
			for b.Loop() {
				if r := bk.mustPublish(dir, "again", Options{Layout: layout}); r.Uploaded != 0 {
					b.Fatalf("re-publish of an unchanged folder uploaded %d objects", r.Uploaded)
				}
			}
		})
	}
}
