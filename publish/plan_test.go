package publish

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseDestination(t *testing.T) {
	for _, c := range []struct {
		in      string
		want    Destination
		wantErr bool
	}{
		{"s3://bucket", Destination{"bucket", ""}, false},
		{"s3://bucket/", Destination{"bucket", ""}, false},
		{"s3://bucket/e2e", Destination{"bucket", "e2e"}, false},
		{"s3://bucket/e2e/", Destination{"bucket", "e2e"}, false},
		{"s3://bucket//e2e//", Destination{"bucket", "e2e"}, false},
		{"s3://bucket/a//b", Destination{}, true},
		{"s3://my.bucket-1/team/e2e/main/", Destination{"my.bucket-1", "team/e2e/main"}, false},
		{"s3://bucket/a/../b", Destination{}, true},
		{"s3://", Destination{}, true},
		{"s3:///prefix", Destination{}, true},
		{"s3://Bucket/p", Destination{}, true},
		{"s3://b/p", Destination{}, true},
		{"s3://-bucket/p", Destination{}, true},
		{"s3://bucket_name", Destination{}, true},
		{"bucket/prefix", Destination{}, true},
		{"https://bucket.s3.amazonaws.com/p", Destination{}, true},
		{"S3://bucket", Destination{}, true},
		{"", Destination{}, true},
	} {
		got, err := ParseDestination(c.in)
		if (err != nil) != c.wantErr || got != c.want {
			t.Errorf("ParseDestination(%q) = %+v, %v; want %+v, error %v", c.in, got, err, c.want, c.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "s3://BUCKET[/PREFIX]") {
			t.Errorf("ParseDestination(%q) error %q does not show the expected form", c.in, err)
		}
	}
}

func TestDestinationURLs(t *testing.T) {
	d := Destination{Bucket: "reports", Prefix: "e2e/main"}
	for _, c := range []struct{ got, want string }{
		{d.String(), "s3://reports/e2e/main/"},
		{d.Key("runs", "42", "index.html"), "e2e/main/runs/42/index.html"},
		{Destination{Bucket: "reports"}.Key("index.html"), "index.html"},
		{d.httpsURL("", "eu-west-1", "e2e/main/index.html"), "https://reports.s3.eu-west-1.amazonaws.com/e2e/main/index.html"},
		{d.httpsURL("", "eu-west-1", "e2e/main/a b#.html"), "https://reports.s3.eu-west-1.amazonaws.com/e2e/main/a%20b%23.html"},
		{Destination{Bucket: "my.reports"}.httpsURL("", "us-east-1", "index.html"), "https://s3.us-east-1.amazonaws.com/my.reports/index.html"},
		{d.httpsURL("http://127.0.0.1:9000/", "us-east-1", "e2e/main/index.html"), "http://127.0.0.1:9000/reports/e2e/main/index.html"},
		{d.consoleURL("eu-west-1"), "https://s3.console.aws.amazon.com/s3/buckets/reports?prefix=e2e%2Fmain%2F&region=eu-west-1"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

func TestDiff(t *testing.T) {
	files := []*localFile{
		{rel: "new.html", size: 3, md5: "aaa"},
		{rel: "same.html", size: 3, md5: "bbb"},
		{rel: "resized.html", size: 4, md5: "ccc"},
		{rel: "multipart.webm", size: 9, md5: "ddd"},
	}
	remote := map[string]remoteObject{
		"same.html":      {etag: "bbb", size: 3},
		"resized.html":   {etag: "ccc-old", size: 3},
		"multipart.webm": {etag: "e1e1-2", size: 9},
		"gone.html":      {etag: "fff", size: 1},
		"gone/too.png":   {etag: "ggg", size: 1},
	}
	uploads, suspects, deletes, unchanged := diff(files, remote)
	rels := func(fs []*localFile) []string {
		var r []string
		for _, f := range fs {
			r = append(r, f.rel)
		}
		return r
	}
	if got, want := rels(uploads), []string{"new.html", "resized.html"}; !slices.Equal(got, want) {
		t.Errorf("uploads %q, want %q", got, want)
	}
	if got, want := rels(suspects), []string{"multipart.webm"}; !slices.Equal(got, want) {
		t.Errorf("suspects %q, want %q", got, want)
	}
	if want := []string{"gone.html", "gone/too.png"}; !slices.Equal(deletes, want) {
		t.Errorf("deletes %q, want %q", deletes, want)
	}
	if unchanged != 1 {
		t.Errorf("unchanged %d, want 1", unchanged)
	}
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":          "text/html; charset=utf-8",
		"features/Login.HTML": "text/html; charset=utf-8",
		"shot.PNG":            "image/png",
		"a.jpeg":              "image/jpeg",
		"trace.ndjson":        "application/x-ndjson; charset=utf-8",
		"trace.zip":           "application/zip",
		"LICENSE":             "application/octet-stream",
		"archive.tar.gz":      "application/gzip",
	} {
		if got := contentType(name); got != want {
			t.Errorf("contentType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB", 5 << 20: "5.0 MiB", 3 << 30: "3.0 GiB"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestSummaryAndURLs(t *testing.T) {
	var stdout strings.Builder
	p := &publisher{
		c:     &Client{region: "eu-west-1"},
		dest:  Destination{Bucket: "reports", Prefix: "e2e"},
		opts:  Options{Stdout: &stdout},
		runID: "kumite-e2e-42",
	}
	p.printSummary("reports", &Summary{RunID: "kumite-e2e-42", Uploaded: 3, UploadedBytes: 2048, Unchanged: 5, Deleted: 1, Duration: 1500 * time.Millisecond}, true)
	want := `published reports to s3://reports/e2e/ as run kumite-e2e-42: uploaded 3 (2.0 KiB), unchanged 5, deleted 1 in 1.5s
  report:  https://reports.s3.eu-west-1.amazonaws.com/e2e/runs/kumite-e2e-42/index.html
  latest:  https://reports.s3.eu-west-1.amazonaws.com/e2e/latest/index.html
  history: https://reports.s3.eu-west-1.amazonaws.com/e2e/index.html
  s3:      s3://reports/e2e/
  console: https://s3.console.aws.amazon.com/s3/buckets/reports?prefix=e2e%2F&region=eu-west-1
`
	if stdout.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", stdout.String(), want)
	}
}

func TestProgressCounter(t *testing.T) {
	var stderr syncBuffer
	o := &output{stdout: io.Discard, stderr: &stderr, progress: true}
	stop := o.startProgress(2, 1)
	o.uploaded("s3://b/a", 1)
	time.Sleep(250 * time.Millisecond)
	stop()
	if got := stderr.String(); !strings.Contains(got, "\r\033[Kuploaded 1/2, deleted 0/1") || !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("progress output %q", got)
	}
	var quiet syncBuffer
	o = &output{stdout: io.Discard, stderr: &quiet}
	o.startProgress(2, 1)()
	if quiet.String() != "" {
		t.Errorf("progress without a terminal printed %q", quiet.String())
	}
}
