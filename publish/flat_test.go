package publish

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFlatFirstPublishThenUnchanged(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, files := report(t, nil)

	first := b.mustPublish(dir, "site", Options{Layout: LayoutFlat})
	if first.Uploaded != len(files) || first.Unchanged != 0 || first.Deleted != 0 {
		t.Errorf("first publish: uploaded %d, unchanged %d, deleted %d; want %d, 0, 0", first.Uploaded, first.Unchanged, first.Deleted, len(files))
	}
	if got := b.objects("site/"); !maps.Equal(got, files) {
		t.Errorf("objects after the first publish:\n got %q\nwant %q", got, files)
	}

	again := b.mustPublish(dir, "site", Options{Layout: LayoutFlat})
	if again.Uploaded != 0 || again.Unchanged != len(files) || again.Deleted != 0 {
		t.Errorf("unchanged re-publish: uploaded %d, unchanged %d, deleted %d; want 0, %d, 0\n%s", again.Uploaded, again.Unchanged, again.Deleted, len(files), again.stdout)
	}
	if !strings.Contains(again.stdout, "uploaded 0 (0 B), unchanged 8, deleted 0") {
		t.Errorf("summary does not say so:\n%s", again.stdout)
	}
}

func TestFlatModifiedAddedDeleted(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, files := report(t, nil)
	b.mustPublish(dir, "site", Options{Layout: LayoutFlat})
	// An object outside the prefix that shares its start must survive.
	neighbour, _ := report(t, nil)
	b.mustPublish(neighbour, "site2", Options{Layout: LayoutFlat})

	writeFiles(t, dir, map[string]string{
		"features/login.html": "<!DOCTYPE html><title>login, changed</title>",
		"features/new.html":   "new",
		// same size as before, different content: a size check is not enough
		"assets/report.css": "body{margin:1}",
	})
	if err := os.Remove(filepath.Join(dir, "screenshots", "fail.png")); err != nil {
		t.Fatal(err)
	}
	files["features/login.html"] = "<!DOCTYPE html><title>login, changed</title>"
	files["features/new.html"] = "new"
	files["assets/report.css"] = "body{margin:1}"
	delete(files, "screenshots/fail.png")

	r := b.mustPublish(dir, "site", Options{Layout: LayoutFlat, Verbose: true})
	if r.Uploaded != 3 || r.Deleted != 1 || r.Unchanged != len(files)-3 {
		t.Errorf("uploaded %d, deleted %d, unchanged %d; want 3, 1, %d\n%s", r.Uploaded, r.Deleted, r.Unchanged, len(files)-3, r.stdout)
	}
	if got := b.objects("site/"); !maps.Equal(got, files) {
		t.Errorf("objects:\n got %q\nwant %q", got, files)
	}
	if got := len(b.objects("site2/")); got != 8 {
		t.Errorf("site2/ has %d objects after publishing to site/, want 8", got)
	}
	for _, line := range []string{
		"upload s3://" + b.name + "/site/features/new.html (3 B)",
		"delete s3://" + b.name + "/site/screenshots/fail.png",
	} {
		if !strings.Contains(r.stdout, line+"\n") {
			t.Errorf("-v output lacks %q:\n%s", line, r.stdout)
		}
	}
}

func TestFlatToBucketRoot(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, files := report(t, nil)
	b.mustPublish(dir, "", Options{Layout: LayoutFlat, WholeBucket: true})
	os.Remove(filepath.Join(dir, "junit.xml"))
	delete(files, "junit.xml")
	r := b.mustPublish(dir, "", Options{Layout: LayoutFlat, WholeBucket: true})
	if r.Deleted != 1 {
		t.Errorf("deleted %d, want 1", r.Deleted)
	}
	if got := b.objects(""); !maps.Equal(got, files) {
		t.Errorf("bucket holds %q, want %q", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(files)))
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, _ := report(t, nil)
	b.mustPublish(dir, "site", Options{Layout: LayoutFlat})
	writeFiles(t, dir, map[string]string{"index.html": "changed", "extra.txt": "extra"})
	os.Remove(filepath.Join(dir, "junit.xml"))
	before := b.objects("")

	r := b.mustPublish(dir, "site", Options{Layout: LayoutFlat, DryRun: true})
	want := strings.Join([]string{
		"would upload s3://" + b.name + "/site/extra.txt (5 B)",
		"would upload s3://" + b.name + "/site/index.html (7 B)",
		"would delete s3://" + b.name + "/site/junit.xml",
		"dry run, nothing changed: would upload 2 (12 B), unchanged 6, would delete 1",
	}, "\n") + "\n"
	if got := sortedLines(r.stdout); got != sortedLines(want) {
		t.Errorf("dry run printed:\n%s\nwant:\n%s", r.stdout, want)
	}
	if after := b.objects(""); !maps.Equal(after, before) {
		t.Errorf("dry run changed the bucket")
	}

	// In the history layout, on an empty prefix, it creates nothing either.
	r = b.mustPublish(dir, "e2e", Options{DryRun: true})
	if got := b.objects("e2e/"); len(got) != 0 {
		t.Errorf("history dry run wrote %q", slices.Sorted(maps.Keys(got)))
	}
	for _, line := range []string{"/e2e/runs/", "/e2e/latest/index.html", "/e2e/history.json", "/e2e/index.html"} {
		if !strings.Contains(r.stdout, line) {
			t.Errorf("history dry run does not mention %s:\n%s", line, r.stdout)
		}
	}
}

func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestDeleteMoreThanOneBatch deletes 1,200 objects: two DeleteObjects
// calls of at most 1,000 keys.
func TestDeleteMoreThanOneBatch(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir := manyFiles(t, 1200)
	b.mustPublish(dir, "p", Options{Layout: LayoutFlat})
	small, files := report(t, nil)
	r := b.mustPublish(small, "p", Options{Layout: LayoutFlat})
	if r.Deleted != 1200 || r.Uploaded != len(files) {
		t.Errorf("deleted %d, uploaded %d; want 1200, %d", r.Deleted, r.Uploaded, len(files))
	}
	if got := b.objects("p/"); !maps.Equal(got, files) {
		t.Errorf("%d objects left, want the %d of the new folder", len(got), len(files))
	}
}
