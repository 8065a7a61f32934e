package publish

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/results"
)

// reportWithShots writes a report folder whose results.json names two
// screenshots; the second is not on disk.
func reportWithShots(t *testing.T) string {
	dir := t.TempDir()
	step := &results.Step{Keyword: "Then", Text: "x", Line: 3, Status: results.Failed, Attachments: []results.Attachment{
		{Name: "a", Path: "screenshots/a.jpg", MediaType: "image/jpeg"},
		{Name: "b", Path: "screenshots/b.jpg", MediaType: "image/jpeg"},
	}}
	run := &results.Run{Schema: results.SchemaVersion, ID: "r1", Features: []*results.Feature{{URI: "a.feature", Scenarios: []*results.Scenario{
		{Name: "s", Line: 2, Attempts: []*results.Attempt{{Number: 1, Worker: 1, Status: results.Failed, Steps: []*results.Step{step}}}},
	}}}}
	if err := results.Write(dir, run); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"screenshots/a.jpg": "jpeg a", "index.html": "<!DOCTYPE html>", "other.txt": "not needed"})
	return dir
}

func TestDownload(t *testing.T) {
	b := newBucket(t)
	dir := reportWithShots(t)
	b.mustPublish(dir, "flat", Options{Layout: LayoutFlat})
	b.mustPublish(dir, "history", Options{})

	for _, prefix := range []string{"flat", "history"} {
		to := filepath.Join(t.TempDir(), "src")
		missing, err := Download(context.Background(), b.client, b.dest(prefix), to)
		if err != nil {
			t.Fatalf("%s: %v", prefix, err)
		}
		if data, err := os.ReadFile(filepath.Join(to, "screenshots", "a.jpg")); err != nil || string(data) != "jpeg a" {
			t.Errorf("%s: screenshot a: %q %v", prefix, data, err)
		}
		if _, err := results.Read(to); err != nil {
			t.Errorf("%s: %v", prefix, err)
		}
		if _, err := os.Stat(filepath.Join(to, "other.txt")); err == nil {
			t.Errorf("%s: downloaded a file results.json does not name", prefix)
		}
		if len(missing) != 1 || !strings.HasSuffix(missing[0], "screenshots/b.jpg") {
			t.Errorf("%s: missing %v, want screenshots/b.jpg", prefix, missing)
		}
	}

	_, err := Download(context.Background(), b.client, b.dest("nothing-here"), t.TempDir())
	if exitcode.Of(err) != exitcode.Usage || !strings.Contains(err.Error(), "no results.json there nor under latest/") {
		t.Errorf("no report under the prefix: %v", err)
	}
}
