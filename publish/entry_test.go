package publish

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func entry(id string, hour int) Entry {
	return Entry{ID: id, Time: time.Date(2026, 3, 1, hour, 0, 0, 0, time.UTC), Status: "passed", Source: "src-" + id}
}

func TestHistoryAdd(t *testing.T) {
	for _, c := range []struct {
		name        string
		have        []Entry
		add         Entry
		keep        int
		want        []string
		wantPruned  []string
		wantChanged bool
	}{
		{"first run", nil, entry("a", 1), 0, []string{"a"}, nil, true},
		{"newest first", []Entry{entry("b", 2), entry("a", 1)}, entry("c", 3), 0, []string{"c", "b", "a"}, nil, true},
		{"older run sorts in", []Entry{entry("c", 3), entry("a", 1)}, entry("b", 2), 0, []string{"c", "b", "a"}, nil, true},
		{"same run again", []Entry{entry("b", 2), entry("a", 1)}, entry("b", 2), 0, []string{"b", "a"}, nil, false},
		{"same id replaces", []Entry{entry("b", 2)}, Entry{ID: "b", Time: entry("b", 2).Time, Status: "failed"}, 0, []string{"b"}, nil, true},
		{"keep 2", []Entry{entry("b", 2), entry("a", 1)}, entry("c", 3), 2, []string{"c", "b"}, []string{"a"}, true},
		{"keep 1 drops two", []Entry{entry("b", 2), entry("a", 1)}, entry("c", 3), 1, []string{"c"}, []string{"b", "a"}, true},
		{"keep never drops the run added", []Entry{entry("c", 3), entry("b", 2)}, entry("a", 1), 2, []string{"c", "a"}, []string{"b"}, true},
		{"keep with nothing to drop", []Entry{entry("a", 1)}, entry("a", 1), 5, []string{"a"}, nil, false},
		{"same time sorts by id", []Entry{entry("x", 1)}, entry("y", 1), 0, []string{"y", "x"}, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := &History{Schema: HistorySchema, Runs: slices.Clone(c.have)}
			pruned, changed := h.add(c.add, c.keep)
			if got := runIDs(*h); !slices.Equal(got, c.want) {
				t.Errorf("runs %q, want %q", got, c.want)
			}
			if got := runIDs(History{Runs: pruned}); !slices.Equal(got, c.wantPruned) {
				t.Errorf("pruned %q, want %q", got, c.wantPruned)
			}
			if changed != c.wantChanged {
				t.Errorf("changed %v, want %v", changed, c.wantChanged)
			}
		})
	}
}

func TestCandidateID(t *testing.T) {
	at := time.Date(2026, 2, 14, 10, 15, 0, 0, time.FixedZone("CET", 3600))
	for _, c := range []struct{ buildID, number, want string }{
		{"", "", "20260214T091500Z"},
		{"kumite-e2e:0f6e5b6c-aaaa", "42", "kumite-e2e-42"},
		{"", "42", "42"},
		{"my project:uuid", "", "my-project-uuid"},
		{"proj/../x:1", "7", "proj-..-x-7"},
	} {
		if got := candidateID(c.buildID, c.number, at); got != c.want {
			t.Errorf("candidateID(%q, %q) = %q, want %q", c.buildID, c.number, got, c.want)
		}
	}
}

func TestNewEntry(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 2, 14, 10, 15, 30, 500, time.UTC)
	writeResults(t, dir, "run-1", start, results.Failed, results.Environment{Branch: "feature/x", Commit: "abc", BuildNum: "7", BuildID: "p:u", PullRequest: "12", Initiator: "GitHub-Hookshot/1"})
	e := newEntry(dir, nil, Build{ID: "ignored:id", Number: "99", URL: "https://ci/99"}, func(s string) { t.Error(s) })
	want := Entry{ID: "p-7", Time: start.Truncate(time.Second), Status: "failed", Counts: results.Counts{Total: 3, Passed: 2, Failed: 1},
		DurationMS: 90000, Branch: "feature/x", PullRequest: "12", Commit: "abc", Initiator: "GitHub-Hookshot/1", BuildID: "p:u", BuildNumber: "7", BuildURL: "https://ci/99", Source: token("results:run-1")}
	if e != want {
		t.Errorf("newEntry =\n%+v\nwant\n%+v", e, want)
	}

	// A broken results.json is a warning, not a failure.
	os.WriteFile(filepath.Join(dir, results.FileName), []byte("{"), 0o644)
	var warnings []string
	e = newEntry(dir, []*localFile{{rel: "a", md5: "1", modTime: start}}, Build{}, func(s string) { warnings = append(warnings, s) })
	if e.Status != statusUnknown || len(warnings) != 1 || !strings.Contains(warnings[0], "results.json") {
		t.Errorf("broken results.json: status %q, warnings %q", e.Status, warnings)
	}
}

func TestIndexGolden(t *testing.T) {
	h := &History{Schema: HistorySchema, Runs: []Entry{
		{ID: "kumite-e2e-43", Time: time.Date(2026, 2, 14, 11, 0, 0, 0, time.UTC), Status: "failed",
			Counts: results.Counts{Total: 12, Passed: 10, Failed: 1, Flaky: 1}, DurationMS: 83500, Branch: `<script>alert("x")</script>`,
			Commit: "0123456789abcdef0123456789abcdef01234567", BuildNumber: "43", BuildURL: "javascript:alert(1)"},
		{ID: "kumite-e2e-42", Time: time.Date(2026, 2, 14, 10, 0, 0, 0, time.UTC), Status: "passed",
			Counts: results.Counts{Total: 12, Passed: 12}, DurationMS: 61000, Branch: "fix-login", PullRequest: "12", Commit: "abc", Initiator: "alice",
			BuildNumber: "42", BuildURL: "https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/e2e/build/e2e:42"},
		{ID: "20260213T090000Z", Time: time.Date(2026, 2, 13, 9, 0, 0, 0, time.UTC), Status: "unknown"},
	}}
	got := renderIndex("team/e2e & <main>", h)
	golden := filepath.Join("testdata", "index.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./publish -run TestIndexGolden -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("index.html differs from %s (go test ./publish -run TestIndexGolden -update rewrites it):\n%s", golden, got)
	}
	for _, bad := range []string{"<script>", "javascript:", `src="http`, `href="/`, `href="http://`} {
		if strings.Contains(string(got), bad) {
			t.Errorf("index.html contains %q", bad)
		}
	}
}

func TestIndexEmpty(t *testing.T) {
	got := string(renderIndex("e2e", &History{}))
	if !strings.Contains(got, "No runs published yet.") || strings.Contains(got, "<svg") {
		t.Errorf("empty history page:\n%s", got)
	}
}
