package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

// TestFailFast stops at the first failed scenario: the others are not
// run, and the report says they were skipped.
func TestFailFast(t *testing.T) {
	chrome := chromeTemp(t)
	feature := abs(t, "features/failfast.feature")
	for _, tt := range []struct {
		flags []string
		want  map[string]results.Status
	}{
		{[]string{"--fail-fast"}, map[string]results.Status{
			"first, fails": results.Failed, "second, would pass": results.Skipped, "third, would pass": results.Skipped}},
		{nil, map[string]results.Status{
			"first, fails": results.Failed, "second, would pass": results.Passed, "third, would pass": results.Passed}},
	} {
		out := t.TempDir()
		args := append([]string{"run", "--serve", abs(t, "site"), "--workers", "1", "--timeout", "1s", "--out", out}, tt.flags...)
		r := kumite(t, append(args, feature)...)
		if r.code != 1 {
			t.Fatalf("%v: want exit 1\n%s", tt.flags, r)
		}
		got := scenarioStatuses(assertReport(t, out, r))
		for name, want := range tt.want {
			if got[name] != want {
				t.Errorf("%v: %q is %s, want %s\n%s", tt.flags, name, got[name], want, r)
			}
		}
	}
	assertNoChrome(t, chrome)
}

// TestReportServe serves a report folder on 127.0.0.1 until interrupted.
func TestReportServe(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<title>a report</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	signals := make(chan os.Signal, 1)
	var stdout, stderr syncBuffer
	app := &App{Stdout: &stdout, Stderr: &stderr, Env: testEnv(t), Signals: signals, Version: "test"}
	done := make(chan int, 1)
	go func() { done <- app.Run([]string{"kumite", "report", "serve", dir}) }()

	urlRe := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	if !waitFor(10*time.Second, func() bool { return urlRe.MatchString(stdout.String()) }) {
		t.Fatalf("no URL printed\n%s%s", stdout.String(), stderr.String())
	}
	resp, err := http.Get(urlRe.FindString(stdout.String()) + "index.html")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "a report") {
		t.Errorf("GET index.html: %d %q", resp.StatusCode, body)
	}
	signals <- syscall.SIGINT
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after Ctrl-C, want 0\n%s", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("report serve did not stop on SIGINT")
	}

	if r := kumite(t, "report", "serve", t.TempDir()); r.code != 2 || !strings.Contains(r.stderr, "no index.html") {
		t.Errorf("a folder without a report: want exit 2 naming index.html\n%s", r)
	}
}
