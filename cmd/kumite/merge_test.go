package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/internal/s3test"
	"github.com/kumite/kumite/publish"
	"github.com/kumite/kumite/reporter"
	"github.com/kumite/kumite/results"
)

// shardedSuite is what the merge tests run: demo features with
// screenshots, an outline, and an undefined step (which fails at once).
func shardedSuite(t *testing.T) []string {
	var paths []string
	for _, p := range []string{"features/login.feature", "features/screenshots.feature", "features/escaping.feature", "demo/failing/undefined_step.feature"} {
		a, err := filepath.Abs(filepath.Join("..", "..", p))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, a)
	}
	return paths
}

// runSuite runs the suite (a shard of it with shard "I/N") into out.
func runSuite(t *testing.T, out, shard string) *results.Run {
	t.Helper()
	args := []string{"run", "--serve", "demo", "--workers", "2", "--out", out}
	if shard != "" {
		args = append(args, "--shard", shard)
	}
	r := kumite(t, append(args, shardedSuite(t)...)...)
	run := readResults(t, out, r)
	if want := map[results.Status]int{results.Passed: 0, results.Failed: 1}[run.Status]; r.code != want {
		t.Fatalf("kumite %s: a %s run exited %d\n%s", strings.Join(args, " "), run.Status, r.code, r)
	}
	return run
}

// byScenario maps uri:line name to status.
func byScenario(run *results.Run) map[string]results.Status {
	out := map[string]results.Status{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			out[fmt.Sprintf("%s:%d %s", f.URI, s.Line, s.Name)] = s.Status
		}
	}
	return out
}

// assertMerged checks a merged report against the unsharded run.
func assertMerged(t *testing.T, out string, whole *results.Run) *results.Run {
	t.Helper()
	merged, err := results.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	if merged.Counts != whole.Counts || merged.Status != whole.Status {
		t.Errorf("merged: %s %+v, unsharded: %s %+v", merged.Status, merged.Counts, whole.Status, whole.Counts)
	}
	got, want := byScenario(merged), byScenario(whole)
	if len(got) != len(want) {
		t.Errorf("merged %d scenarios, unsharded %d", len(got), len(want))
	}
	for k, st := range want {
		if got[k] != st {
			t.Errorf("%s: merged %q, unsharded %q", k, got[k], st)
		}
	}
	shards, shots := map[int]bool{}, 0
	for _, f := range merged.Features {
		for _, s := range f.Scenarios {
			for _, a := range s.Attempts {
				shards[a.Shard] = true
				for _, st := range a.Steps {
					for _, at := range st.Attachments {
						shots++
						if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(at.Path))); err != nil {
							t.Errorf("screenshot of %s: %v", s.Name, err)
						}
					}
				}
			}
		}
	}
	if !shards[1] || !shards[2] || len(shards) != 2 {
		t.Errorf("attempts come from shards %v, want 1 and 2 (workers of each shard apart)", shards)
	}
	if shots == 0 {
		t.Errorf("the merged report has no screenshot")
	}
	for _, name := range []string{"index.html", reporter.TimelineFile, reporter.JUnitFile, reporter.CucumberFile, "features"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("merged report lacks %s: %v", name, err)
		}
	}
	junit, _ := os.ReadFile(filepath.Join(out, reporter.JUnitFile))
	if want := fmt.Sprintf(`tests="%d" failures="%d" errors="%d"`, whole.Counts.Total, whole.Counts.Failed, whole.Counts.Undefined); !strings.Contains(string(junit), want) {
		t.Errorf("merged junit.xml lacks %s", want)
	}
	return merged
}

// TestReportMergeShards runs the suite whole and in two shards for real,
// merges the shards from folders and from MinIO, and compares with the
// whole run; then publishes the merged report as one run.
func TestReportMergeShards(t *testing.T) {
	dir := t.TempDir()
	whole := runSuite(t, filepath.Join(dir, "whole"), "")
	s1 := runSuite(t, filepath.Join(dir, "s1"), "1/2")
	s2 := runSuite(t, filepath.Join(dir, "s2"), "2/2")
	if whole.Counts.Undefined != 1 {
		t.Errorf("the whole run: %+v, want the undefined step's scenario", whole.Counts)
	}
	if s1.Counts.Total == 0 || s2.Counts.Total == 0 || s1.Counts.Total+s2.Counts.Total != whole.Counts.Total {
		t.Fatalf("shards ran %d + %d scenarios, the whole suite %d", s1.Counts.Total, s2.Counts.Total, whole.Counts.Total)
	}

	t.Run("folders", func(t *testing.T) {
		out := filepath.Join(dir, "merged")
		r := kumite(t, "report", "merge", "--out", out, filepath.Join(dir, "s1"), filepath.Join(dir, "s2"))
		// The suite has an undefined step: the merged run fails, as the
		// whole run does, and exits 1 after writing the report.
		if r.code != 1 || !strings.Contains(r.stdout, fmt.Sprintf("merged 2 reports: %d scenarios", whole.Counts.Total)) {
			t.Fatalf("want exit 1 (the merged run failed) and a summary\n%s", r)
		}
		merged := assertMerged(t, out, whole)
		if cj, _ := os.ReadFile(filepath.Join(out, reporter.CucumberFile)); !strings.Contains(string(cj), `"output": [`) || strings.Contains(string(cj), `"embeddings"`) {
			t.Errorf("cucumber.json without --cucumber-embed: want screenshot paths, no embeddings")
		}
		if !merged.Start.Equal(minTime(s1.Start, s2.Start)) || !merged.End.Equal(maxTime(s1.End, s2.End)) {
			t.Errorf("merged %v..%v, want the earliest start and the latest end", merged.Start, merged.End)
		}
	})

	t.Run("cucumber-embed", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "merged")
		r := kumite(t, "report", "merge", "--cucumber-embed", "--out", out, filepath.Join(dir, "s1"), filepath.Join(dir, "s2"))
		if r.code != 1 {
			t.Fatalf("want exit 1 (the merged run failed)\n%s", r)
		}
		var features []struct {
			Elements []struct {
				Steps []struct {
					Embeddings []struct {
						MimeType string `json:"mime_type"`
						Data     string `json:"data"`
					} `json:"embeddings"`
				} `json:"steps"`
			} `json:"elements"`
		}
		cj, err := os.ReadFile(filepath.Join(out, reporter.CucumberFile))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(cj, &features); err != nil {
			t.Fatal(err)
		}
		embedded := 0
		for _, f := range features {
			for _, el := range f.Elements {
				for _, st := range el.Steps {
					for _, e := range st.Embeddings {
						if e.MimeType == "image/jpeg" && strings.HasPrefix(e.Data, "/9j/") { // base64 of a JPEG's FF D8 FF
							embedded++
						}
					}
				}
			}
		}
		if embedded == 0 {
			t.Errorf("cucumber.json with --cucumber-embed embeds no JPEG screenshot")
		}
	})

	t.Run("minio", func(t *testing.T) {
		srv := s3test.Start(t)
		bucket := srv.NewBucket(t)
		env := append(srv.Env(), "PATH="+os.Getenv("PATH"), "HOME="+t.TempDir())
		// Shard 1 published flat, shard 2 with the history layout (its latest/).
		for _, p := range [][]string{
			{"publish", "--layout", "flat", filepath.Join(dir, "s1"), "s3://" + bucket + "/batch/shard-1"},
			{"publish", filepath.Join(dir, "s2"), "s3://" + bucket + "/batch/shard-2"},
		} {
			if code, stdout, stderr := kumitePublish(t, env, p...); code != 0 {
				t.Fatalf("kumite %s: exit %d\n%s%s", strings.Join(p, " "), code, stdout, stderr)
			}
		}
		mergeEnv := append(env, "CODEBUILD_BUILD_ID=e2e-merge:5f0c", "CODEBUILD_BUILD_NUMBER=9",
			"CODEBUILD_BUILD_BATCH_ID=e2e:batch-1", "CODEBUILD_BATCH_BUILD_IDENTIFIER=merge",
			"CODEBUILD_RESOLVED_SOURCE_VERSION=3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345", "CODEBUILD_WEBHOOK_TRIGGER=branch/main")
		out := filepath.Join(t.TempDir(), "merged")
		code, stdout, stderr := kumitePublish(t, mergeEnv, "report", "merge", "--out", out,
			"s3://"+bucket+"/batch/shard-1", "s3://"+bucket+"/batch/shard-2/")
		if code != 1 || stderr != "" { // 1: the suite has an undefined step
			t.Fatalf("report merge from MinIO: exit %d, want 1\n%s%s", code, stdout, stderr)
		}
		merged := assertMerged(t, out, whole)
		if merged.ID != "build-9" || merged.Env.BatchBuildID != "e2e:batch-1" || merged.Env.Branch != "main" {
			t.Errorf("merged run %q, env %+v: want the merge build's id and CodeBuild metadata", merged.ID, merged.Env)
		}

		code, stdout, stderr = kumitePublish(t, mergeEnv, "publish", out, "s3://"+bucket+"/batch/merged")
		if code != 0 {
			t.Fatalf("publish merged: exit %d\n%s%s", code, stdout, stderr)
		}
		var h publish.History
		obj, err := srv.Client().GetObject(t.Context(), &s3.GetObjectInput{Bucket: &bucket, Key: ptr("batch/merged/history.json")})
		if err != nil {
			t.Fatal(err)
		}
		defer obj.Body.Close()
		if err := json.NewDecoder(obj.Body).Decode(&h); err != nil {
			t.Fatal(err)
		}
		if len(h.Runs) != 1 || h.Runs[0].Counts != whole.Counts || h.Runs[0].Commit == "" {
			t.Errorf("history %+v, want one run with the whole suite's counts and its commit", h.Runs)
		}
	})
}

func TestReportMergeUsage(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "merge", dir}, "give --out and at least one report"},
		{[]string{"report", "merge", "--out", dir}, "give --out and at least one report"},
		{[]string{"report", "merge", "--out", filepath.Join(dir, "o"), dir}, "no results.json there"},
		{[]string{"report", "merge", "--out", filepath.Join(dir, "o"), "s3://B"}, "destination"},
	} {
		r := kumite(t, c.args...)
		if r.code != int(exitcode.Usage) || !strings.Contains(r.stderr, c.want) {
			t.Errorf("kumite %s: want exit 2 and %q\n%s", strings.Join(c.args, " "), c.want, r)
		}
	}
	if err := results.Write(dir, &results.Run{Schema: results.SchemaVersion}); err != nil {
		t.Fatal(err)
	}
	r := kumite(t, "report", "merge", "--out", dir, dir)
	if r.code != int(exitcode.Usage) || !strings.Contains(r.stderr, "is also a source") {
		t.Errorf("merge into a source: want exit 2\n%s", r)
	}
	if _, err := os.Stat(filepath.Join(dir, results.FileName)); err != nil {
		t.Errorf("the source was cleared: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// TestReportMergeOwnsItsOut: report merge clears only what it wrote into
// --out, like kumite run, and refuses a folder that holds a source or
// files of the user's.
func TestReportMergeOwnsItsOut(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "shards", "1")
	if err := results.Write(src, &results.Run{Schema: results.SchemaVersion, ID: "r1"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "merged")
	if r := kumite(t, "report", "merge", "--out", out, src); r.code != 0 {
		t.Fatalf("first merge: want exit 0\n%s", r)
	}
	if err := os.WriteFile(filepath.Join(out, "NOTES.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := kumite(t, "report", "merge", "--out", out, src); r.code != 0 {
		t.Fatalf("second merge: want exit 0\n%s", r)
	}
	if data, err := os.ReadFile(filepath.Join(out, "NOTES.md")); err != nil || string(data) != "mine" {
		t.Errorf("the second merge removed the user's NOTES.md: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("no merged report: %v", err)
	}
	mine := filepath.Join(root, "mine")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(mine, "thesis.tex"), []byte("mine"), 0o644)
	for dir, want := range map[string]string{
		filepath.Join(root, "shards"): "the report folder holds a report to merge",
		mine:                          "the report folder holds files kumite did not write (thesis.tex)",
	} {
		r := kumite(t, "report", "merge", "--out", dir, src)
		if r.code != 2 || !strings.Contains(r.stderr, "--out "+dir+": "+want) {
			t.Errorf("merge into %s: want exit 2 and %q\n%s", dir, want, r)
		}
	}
	if _, err := os.Stat(filepath.Join(src, results.FileName)); err != nil {
		t.Errorf("a refused merge removed its source: %v", err)
	}
	if _, err := os.Stat(filepath.Join(mine, "thesis.tex")); err != nil {
		t.Errorf("a refused merge removed the user's file: %v", err)
	}
}
