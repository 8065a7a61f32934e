package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kumite/kumite/results"
)

// Tests of what `kumite run` selects and how it reports what it cannot
// run: no false pass, no silent nothing.

// TestRunNoScenarioFound: a selection of no scenario exits 2 with a
// message, like Playwright's "No tests found", unless --pass-with-no-tests
// (or KUMITE_PASS_WITH_NO_TESTS, or pass-with-no-tests: in kumite.yaml).
func TestRunNoScenarioFound(t *testing.T) {
	pass := abs(t, "features/pass.feature")
	out := t.TempDir()
	r := kumite(t, "run", "--out", out, "--tags", "@nothing", pass)
	if r.code != 2 || !strings.Contains(r.stderr, `kumite: no scenario found (paths `+pass+`, tags "@nothing"); --pass-with-no-tests to exit 0`) {
		t.Errorf("want exit 2 and a message\n%s", r)
	}
	if run := readResults(t, out, r); len(run.Errors) == 0 || run.Status != results.Failed {
		t.Errorf("results.json: %q %q, want failed, saying why", run.Status, run.Errors)
	}
	r = kumite(t, "run", "--out", t.TempDir(), "--tags", "@nothing", "--pass-with-no-tests", pass)
	if r.code != 0 || !strings.Contains(r.stderr, "no scenario found") || !strings.Contains(r.stdout, "0 scenarios") {
		t.Errorf("--pass-with-no-tests: want exit 0, a note and the summary\n%s", r)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "kumite.yaml"), []byte("pass-with-no-tests: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if r = kumite(t, "run", "--out", t.TempDir(), "--tags", "@nothing", pass); r.code != 0 {
		t.Errorf("pass-with-no-tests: in kumite.yaml: want exit 0\n%s", r)
	}
	r = kumite(t, "run", "--out", t.TempDir(), "--tags", "@nothing", pass+":2", pass+":99")
	if r.code != 2 || !strings.Contains(r.stderr, pass+":99: no scenario at this line (scenarios start at lines 2)") {
		t.Errorf("a LINE of no scenario: want exit 2 naming it, also with pass-with-no-tests\n%s", r)
	}
}

// TestRunReportsWhatIsWrittenWrong: a scenario without steps (godog runs
// none of kumite's hooks for it: it used to count as skipped and the run
// as passed), a table a step ignores, an outline without Examples are
// undefined and never run; the rest runs.
func TestRunReportsWhatIsWrittenWrong(t *testing.T) {
	chrome := chromeTemp(t)
	out := t.TempDir()
	feature := abs(t, "features/written.feature")
	r := kumite(t, "run", "--serve", abs(t, "site"), "--workers", "1", "--out", out, feature)
	if r.code != 1 {
		t.Fatalf("want exit 1\n%s", r)
	}
	for _, w := range []string{
		feature + `:3 Given I open "/index.html"`, "this step takes no data table", feature + `:7: Scenario "no steps yet" has no steps`,
		feature + `:9: Scenario Outline "an outline without examples" has no Examples`,
	} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("stdout does not say %q\n%s", w, r)
		}
	}
	run := assertReport(t, out, r)
	want := map[string]results.Status{"a table the step does not take": results.Undefined, "no steps yet": results.Undefined,
		"an outline without examples": results.Undefined, "written right": results.Passed}
	for name, s := range scenarioStatuses(run) {
		if s != want[name] {
			t.Errorf("scenario %q: %q, want %q", name, s, want[name])
		}
	}
	if s := run.Features[0].Scenarios[0].Attempts[0].Steps[0]; s.Status != results.Undefined || s.Duration != 0 {
		t.Errorf("the step with a table it does not take: %q after %s, want undefined and not run", s.Status, s.Duration)
	}
	assertNoChrome(t, chrome)
}

// TestRunNamesUndefinedStepsAnywhere: an undefined step is named with its
// file and line wherever it is: far from every known step, or after a
// step that failed (cucumber-js reports it undefined there too).
func TestRunNamesUndefinedStepsAnywhere(t *testing.T) {
	chrome := chromeTemp(t)
	out := t.TempDir()
	feature := abs(t, "features/undefined-anywhere.feature")
	r := kumite(t, "run", "--serve", abs(t, "site"), "--workers", "1", "--timeout", "1s", "--out", out, feature)
	if r.code != 1 {
		t.Fatalf("want exit 1\n%s", r)
	}
	for _, w := range []string{feature + ":4 When the moon is made of green cheese", feature + ":10 And the sun is made of blue cheese"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("stdout does not name %q\n%s", w, r)
		}
	}
	run := assertReport(t, out, r)
	last := run.Features[0].Scenarios[1].Attempts[0].Steps[2]
	if last.Status != results.Undefined || last.Error == "" {
		t.Errorf("the undefined step after a failure: %q %q, want undefined with its error", last.Status, last.Error)
	}
	assertNoChrome(t, chrome)
}

// TestRunCapsWorkers: --workers far above what the machine can run is
// capped with a warning instead of failing scenarios on timeouts (60
// scenarios with --workers 10000 on 2 CPUs all failed: "no browser session
// for this scenario: open a browser context: context deadline exceeded").
func TestRunCapsWorkers(t *testing.T) {
	chrome := chromeTemp(t)
	out := t.TempDir()
	r := kumite(t, "run", "--serve", abs(t, "site"), "--workers", "10000", "--out", out, abs(t, "features/pass.feature"), abs(t, "features/quick.feature"))
	if r.code != 0 {
		t.Fatalf("want exit 0\n%s", r)
	}
	if !strings.Contains(r.stderr, "kumite: warning: --workers 10000: 10000 workers are more than") {
		t.Errorf("stderr does not warn of the cap\n%s", r)
	}
	if run := assertReport(t, out, r); run.Env.Workers != 4 || run.Counts.Passed != 4 {
		t.Errorf("results.json: %d workers, %+v; want 4 workers (one per scenario), 4 passed", run.Env.Workers, run.Counts)
	}
	assertNoChrome(t, chrome)
}

// TestRunBinaryFeature: a binary file given as a feature is one short
// line on stderr, not megabytes of it echoed back.
func TestRunBinaryFeature(t *testing.T) {
	path := filepath.Join(t.TempDir(), "screenshot.feature")
	data := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 3<<20)...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := kumite(t, "run", "--out", t.TempDir(), path)
	want := "kumite: " + path + ": not a text file (a NUL byte at byte 9); a feature file is UTF-8 text\n"
	if r.code != 2 || r.stderr != want || r.stdout != "" {
		t.Errorf("want exit 2 and stderr %q only\n%.2000s", want, r)
	}
}
