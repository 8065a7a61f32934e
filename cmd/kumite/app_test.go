package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/steps"
)

// The tests here run `kumite …` in-process through App.Run, one at a
// time: each browser run costs seconds of CPU on a small machine, and
// chromeTemp changes TMPDIR for the whole process.

// syncBuffer is a bytes.Buffer that the run's goroutines (progress, the
// web server's output) and the test may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// result is what one `kumite` command did.
type result struct {
	code           int
	stdout, stderr string
	took           time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("exit %d after %s\n--- stdout\n%s--- stderr\n%s", r.code, r.took.Round(time.Millisecond), r.stdout, r.stderr)
}

// testEnv is the environment a run sees: enough to find Chromium and
// python3 on PATH, a HOME of its own, nothing of the developer's KUMITE_*.
func testEnv(t *testing.T) []string {
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
}

// kumite runs the command line in-process and returns what it did.
func kumite(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr syncBuffer
	app := &App{Stdout: &stdout, Stderr: &stderr, Env: testEnv(t), Version: "1.2.3-test"}
	start := time.Now()
	code := app.Run(append([]string{"kumite"}, args...))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String(), took: time.Since(start)}
}

// abs is a path of testdata as an absolute path, so a test may change
// the working directory.
func abs(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", rel))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// readResults reads out/results.json, which a run that started must write.
func readResults(t *testing.T, out string, r result) *results.Run {
	t.Helper()
	run, err := results.Read(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	return run
}

// assertReport checks the report files of a run that started.
func assertReport(t *testing.T, out string, r result) *results.Run {
	t.Helper()
	run := readResults(t, out, r)
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("no index.html: %v", err)
	}
	if !strings.Contains(r.stdout, "report: "+filepath.Join(out, "index.html")) {
		t.Errorf("stdout does not say where the report is\n%s", r)
	}
	return run
}

// scenarioStatuses maps scenario name to status.
func scenarioStatuses(run *results.Run) map[string]results.Status {
	out := map[string]results.Status{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			out[s.Name] = s.Status
		}
	}
	return out
}

// chromeTemp makes the Chrome of this test's runs keep its profile (the
// temporary user data dir chromedp makes) under a folder of its own, and
// returns that folder. Chrome passes --user-data-dir to every process it
// starts, so a process whose command line names the folder is one of them.
func chromeTemp(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return dir
}

// processesWith lists the processes, other than this one, whose command
// line contains s.
func processesWith(t *testing.T, s string) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skipf("no /proc to look for leftover processes: %v", err)
	}
	self := strconv.Itoa(os.Getpid())
	var found []string
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil || e.Name() == self {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.Contains(cmdline, []byte(s)) {
			continue
		}
		line := strings.ReplaceAll(string(cmdline), "\x00", " ")
		if len(line) > 160 {
			line = line[:160] + "…"
		}
		found = append(found, e.Name()+": "+line)
	}
	return found
}

// assertNoChrome checks that no process of the browser whose profile was
// under dir is left, and that its profile folder was removed.
func assertNoChrome(t *testing.T, dir string) {
	t.Helper()
	if left := processesWith(t, dir); len(left) > 0 {
		t.Errorf("%d Chrome processes outlived the run:\n%s", len(left), strings.Join(left, "\n"))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "chromedp-runner") {
			t.Errorf("the browser's profile %s was not removed", filepath.Join(dir, e.Name()))
		}
	}
}

func TestVersion(t *testing.T) {
	r := kumite(t, "version")
	if r.code != 0 || r.stdout != "kumite 1.2.3-test\n" {
		t.Errorf("kumite version: want exit 0 and \"kumite 1.2.3-test\"\n%s", r)
	}
}

func TestStepsListsTheVocabulary(t *testing.T) {
	r := kumite(t, "steps")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("kumite steps: want exit 0 and no error\n%s", r)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(r.stdout, "\n") {
		lines[l] = true
	}
	vocab := steps.Vocabulary()
	if len(vocab) < 50 {
		t.Fatalf("steps.Vocabulary() has %d steps: is this the vocabulary?", len(vocab))
	}
	groups := map[string]bool{}
	for _, d := range vocab {
		if !lines["  "+d.Template] {
			t.Errorf("kumite steps does not list %q", d.Template)
		}
		if first := strings.Split(d.Example, "\n")[0]; !lines["      e.g. "+first] {
			t.Errorf("kumite steps does not show the example %q", first)
		}
		groups[d.Group] = true
	}
	for g := range groups {
		if !lines[g] {
			t.Errorf("kumite steps has no heading %q", g)
		}
	}
}

func TestRunPasses(t *testing.T) {
	chrome := chromeTemp(t)
	out := filepath.Join(t.TempDir(), "reports")
	r := kumite(t, "run", "--serve", abs(t, "site"), "--workers", "1", "--out", out, abs(t, "features/pass.feature"))
	if r.code != 0 {
		t.Fatalf("want exit 0\n%s", r)
	}
	if !strings.Contains(r.stdout, "✓ passed") || !strings.Contains(r.stdout, "1 scenarios: 1 passed, 0 failed") {
		t.Errorf("stdout has no passed line and summary\n%s", r)
	}
	run := assertReport(t, out, r)
	if run.Status != results.Passed || run.Counts != (results.Counts{Total: 1, Passed: 1}) {
		t.Errorf("results.json: %q %+v, want 1 passed", run.Status, run.Counts)
	}
	if !strings.HasPrefix(run.Env.BaseURL, "http://127.0.0.1:") || run.Env.Browser == "" || run.Env.Kumite != "1.2.3-test" {
		t.Errorf("results.json env: base URL %q, browser %q, kumite %q", run.Env.BaseURL, run.Env.Browser, run.Env.Kumite)
	}
	a := run.Features[0].Scenarios[0].Attempts[0]
	if len(a.Steps) != 3 || a.Steps[2].Status != results.Passed || a.Worker != 1 {
		t.Errorf("attempt: %d steps, worker %d, want 3 passed steps on worker 1", len(a.Steps), a.Worker)
	}
	assertNoChrome(t, chrome)
}

func TestRunFailingAssertion(t *testing.T) {
	chrome := chromeTemp(t)
	out := t.TempDir()
	r := kumite(t, "run", "--serve", abs(t, "site"), "--workers", "1", "--timeout", "1s", "--out", out, abs(t, "features/fail.feature"))
	if r.code != 1 {
		t.Fatalf("want exit 1\n%s", r)
	}
	if !strings.Contains(r.stdout, "✗ failed") || !strings.Contains(r.stdout, "Another title") {
		t.Errorf("stdout does not show the failure\n%s", r)
	}
	if strings.Contains(r.stderr, "kumite:") {
		t.Errorf("stderr repeats a failure the progress already shows\n%s", r)
	}
	run := assertReport(t, out, r)
	if run.Status != results.Failed || run.Counts != (results.Counts{Total: 1, Failed: 1}) {
		t.Errorf("results.json: %q %+v, want 1 failed", run.Status, run.Counts)
	}
	a := run.Features[0].Scenarios[0].Attempts[0]
	failed := a.Steps[1]
	if failed.Status != results.Failed || !strings.Contains(failed.Error, "Another title") || !strings.Contains(failed.Error, "Kumite test") {
		t.Errorf("failed step: %q %q, want failed with the expected and the actual title", failed.Status, failed.Error)
	}
	// --screenshots defaults to on-failure: the failed step has a picture.
	if len(failed.Attachments) == 0 {
		t.Errorf("the failed step has no screenshot")
	}
	for _, at := range failed.Attachments {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(at.Path))); err != nil {
			t.Errorf("attachment %s: %v", at.Path, err)
		}
	}
	assertNoChrome(t, chrome)
}

func TestRunUndefinedStep(t *testing.T) {
	chrome := chromeTemp(t)
	out := t.TempDir()
	r := kumite(t, "run", "--serve", abs(t, "site"), "--workers", "1", "--out", out, abs(t, "features/undefined.feature"))
	if r.code != 1 {
		t.Fatalf("want exit 1\n%s", r)
	}
	feature := abs(t, "features/undefined.feature")
	for _, w := range []string{feature + `:3 Given I opne "/index.html"`, `did you mean: I open "URL"`} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("stdout does not say %q\n%s", w, r)
		}
	}
	run := assertReport(t, out, r)
	if run.Status != results.Failed || run.Counts != (results.Counts{Total: 1, Undefined: 1}) {
		t.Errorf("results.json: %q %+v, want 1 undefined", run.Status, run.Counts)
	}
	if s := run.Features[0].Scenarios[0].Attempts[0].Steps[0]; s.Status != results.Undefined || s.Suggestion != `I open "URL"` {
		t.Errorf("step 1: %q suggesting %q", s.Status, s.Suggestion)
	}
	assertNoChrome(t, chrome)
}

// TestRunCannotStart covers exit code 2: the message names what to fix,
// and a run that never got as far as its features writes no report.
func TestRunCannotStart(t *testing.T) {
	bad := abs(t, "broken/bad.feature")
	pass := abs(t, "features/pass.feature")
	tests := []struct {
		name   string
		args   []string
		yaml   string // kumite.yaml in the working directory
		stderr []string
		report bool // the features were read: results.json says why the run stopped
	}{
		{name: "bad flag value", args: []string{"--workers", "two", pass}, stderr: []string{"kumite: --workers two: not a whole number"}},
		{name: "unknown flag", args: []string{"--wrokers", "2", pass}, stderr: []string{"flag provided but not defined: -wrokers"}},
		{name: "bad kumite.yaml key", args: []string{pass}, yaml: "tags: \"@smoke\"\nworkrs: 2\n",
			stderr: []string{"kumite.yaml:2:", "workrs"}},
		{name: "feature that does not parse", args: []string{bad}, stderr: []string{bad + ":4:3:", "this line is not Gherkin"}},
		{name: "bad tag expression", args: []string{"--tags", "@a and", pass}, stderr: []string{`--tags "@a and": expected a tag after "and"`}},
		{name: "no browser", args: []string{"--browser", "/nonexistent/chromium", pass}, report: true,
			stderr: []string{"no Chrome or Chromium found: --browser /nonexistent/chromium"}},
		{name: "--serve of a missing folder", args: []string{"--serve", "/nonexistent/site", pass}, report: true,
			stderr: []string{"--serve /nonexistent/site: no such folder"}},
		{name: "web server that exits at once", args: []string{"--web-server", "echo starting; exit 3", "--web-server-url", "http://127.0.0.1:9/", pass},
			report: true, stderr: []string{`--web-server "echo starting; exit 3" exited before http://127.0.0.1:9/ answered: exit status 3`, "starting"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "reports")
			if tt.yaml != "" {
				dir := t.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "kumite.yaml"), []byte(tt.yaml), 0o644); err != nil {
					t.Fatal(err)
				}
				t.Chdir(dir)
			}
			r := kumite(t, append([]string{"run", "--out", out}, tt.args...)...)
			if r.code != 2 {
				t.Fatalf("want exit 2\n%s", r)
			}
			for _, w := range tt.stderr {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not say %q\n%s", w, r)
				}
			}
			_, err := os.Stat(filepath.Join(out, results.FileName))
			switch {
			case !tt.report && !errors.Is(err, fs.ErrNotExist):
				t.Errorf("a run that did not read its features wrote %s (%v)", results.FileName, err)
			case tt.report:
				run := readResults(t, out, r)
				if run.Status != results.Failed || len(run.Errors) == 0 || !strings.Contains(run.Errors[0], tt.stderr[0]) {
					t.Errorf("results.json: status %q, errors %q; want failed, saying why", run.Status, run.Errors)
				}
			}
		})
	}
}

// TestDryRunOpensNoBrowser runs with a browser that does not exist: a dry
// run that tried to start one would exit 2.
func TestDryRunOpensNoBrowser(t *testing.T) {
	out := t.TempDir()
	r := kumite(t, "run", "--dry-run", "--browser", "/nonexistent/chromium", "--out", out, abs(t, "features/pass.feature"), abs(t, "features/slow.feature"))
	if r.code != 0 {
		t.Fatalf("dry run of known steps: want exit 0\n%s", r)
	}
	run := assertReport(t, out, r)
	if run.Counts != (results.Counts{Total: 4, Skipped: 4}) || run.Env.Browser != "" {
		t.Errorf("results.json: %+v, browser %q; want 4 scenarios matched, none run", run.Counts, run.Env.Browser)
	}
	if r.took > 10*time.Second {
		t.Errorf("a dry run of 4 scenarios took %s: did it wait for something?", r.took)
	}

	out = t.TempDir()
	r = kumite(t, "run", "--dry-run", "--browser", "/nonexistent/chromium", "--out", out, abs(t, "features/undefined.feature"))
	if r.code != 1 {
		t.Fatalf("dry run with an undefined step: want exit 1\n%s", r)
	}
	for _, w := range []string{abs(t, "features/undefined.feature") + ":3", `Given I opne "/index.html"`, `did you mean: I open "URL"`} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("stdout does not say %q\n%s", w, r)
		}
	}
	if run := assertReport(t, out, r); run.Counts.Undefined != 1 {
		t.Errorf("results.json counts %+v, want 1 undefined", run.Counts)
	}
}
