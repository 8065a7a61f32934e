package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kumite/kumite/browser"
)

// TestHeadlessRunsOnTheHeadlessShell: with no --browser, a headless run
// starts Chrome's headless shell (make test installs it), and the report's
// environment names the binary that ran.
func TestHeadlessRunsOnTheHeadlessShell(t *testing.T) {
	want, err := browser.Find("", true)
	if err != nil || !strings.Contains(want, "headless-shell") {
		t.Fatalf("no chromium-headless-shell found (%q, %v): make test installs it (apt-get install chromium-headless-shell)", want, err)
	}
	chrome := chromeTemp(t)
	out := filepath.Join(t.TempDir(), "reports")
	r := kumite(t, "run", "--serve", abs(t, "site"), "--workers", "1", "--out", out, abs(t, "features/pass.feature"))
	if r.code != 0 {
		t.Fatalf("want exit 0\n%s", r)
	}
	run := readResults(t, out, r)
	if !strings.HasPrefix(run.Env.Browser, "HeadlessChrome/") || !strings.HasSuffix(run.Env.Browser, " ("+want+")") {
		t.Errorf("results.json env browser %q, want HeadlessChrome/… (%s)", run.Env.Browser, want)
	}
	assertNoChrome(t, chrome)
}

// TestExampleFeaturesOnFullChromium: every example feature passes on the
// full browser too (make e2e and the steps tests run them on the headless
// shell, the default), as users of --headless=false or --browser get it.
func TestExampleFeaturesOnFullChromium(t *testing.T) {
	full, err := browser.Find("", false)
	if err != nil {
		t.Fatalf("real Chromium is needed (make test installs it): %v", err)
	}
	chrome := chromeTemp(t)
	out := filepath.Join(t.TempDir(), "reports")
	features, err := filepath.Abs(filepath.Join("..", "..", "features"))
	if err != nil {
		t.Fatal(err)
	}
	r := kumite(t, "run", "--browser", full, "--serve", "demo", "--workers", "2", "--out", out, features)
	if r.code != 0 {
		t.Fatalf("the example features on %s: want exit 0\n%s", full, r)
	}
	run := readResults(t, out, r)
	if run.Counts.Total < 50 || run.Counts.Passed != run.Counts.Total {
		t.Errorf("results.json: %+v, want every example scenario passed", run.Counts)
	}
	if !strings.HasSuffix(run.Env.Browser, " ("+full+")") || strings.Contains(run.Env.Browser, "headless-shell") {
		t.Errorf("results.json env browser %q, want the full browser %s", run.Env.Browser, full)
	}
	assertNoChrome(t, chrome)
}
