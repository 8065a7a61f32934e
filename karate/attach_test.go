package karate_test

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/browser"
	"github.com/kumite/kumite/internal/chrometest"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/results"
)

// issueExample is the feature of issue 8 as our users write it, pointed at
// the demo site; PORT is where the test's Chrome listens.
const issueExample = `Feature: GitHubのファイル確認

Background:
  * configure driver = { type: 'chrome', start: false, port: PORT, headless: true, addOptions: ['--window-size=1920,1080'] }
  Given driver baseUrl + '/repo.html'
  * screenshot()

Scenario: land on the repository page, and search for a file
  When click('{a}Go to file')
  Then waitForUrl('find')
  And waitForEnabled("input[name=query]").input('logo.png')
  * delay(500)
  * screenshot()
  Then assert locateAll("ul#tree-browser li[role=presentation]").length > 0
`

// checkExample checks that the example passed with both screenshots.
func checkExample(t *testing.T, r karateRun) {
	t.Helper()
	if r.run == nil || r.err != nil {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	sc := r.run.Features[0].Scenarios[0]
	if r.run.Features[0].Name != "GitHubのファイル確認" || sc.Status != results.Passed {
		t.Fatalf("feature %q scenario %q: %s\n%s", r.run.Features[0].Name, sc.Name, sc.Status, r.out)
	}
	shots := 0
	for _, s := range sc.Final().Steps {
		shots += len(s.Attachments)
	}
	if shots != 2 {
		t.Errorf("%d screenshots, want 2", shots)
	}
}

// TestIssueExampleLaunched runs the example as features/karate has it:
// kumite launches Chrome.
func TestIssueExampleLaunched(t *testing.T) {
	checkExample(t, runKarate(t, 10*time.Second, nil, "../features/karate/find_file.feature"))
}

// TestIssueExampleAttached runs the example with start: false against a
// Chrome the test starts on a free port, and leaves that Chrome running.
func TestIssueExampleAttached(t *testing.T) {
	port, exited := startChrome(t)
	feature := filepath.Join(t.TempDir(), "find_file.feature")
	if err := os.WriteFile(feature, []byte(strings.Replace(issueExample, "PORT", port, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runKarate(t, 10*time.Second, nil, feature)
	checkExample(t, r)
	if !strings.Contains(r.run.Env.Browser, "Chrome") {
		t.Errorf("browser %q", r.run.Env.Browser)
	}
	select {
	case <-exited:
		t.Fatal("the run ended the Chrome it attached to")
	case <-time.After(300 * time.Millisecond):
	}
}

// TestAttachNothingListens: start: false with no Chrome at the port fails
// at once, with one line that says how to let kumite launch Chrome.
func TestAttachNothingListens(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	feature := filepath.Join(t.TempDir(), "find_file.feature")
	src := strings.Replace(issueExample, "port: PORT", "host: '127.0.0.1', port: "+port, 1)
	if err := os.WriteFile(feature, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := runKarate(t, 10*time.Second, nil, feature)
	if exitcode.Of(r.err) != exitcode.Usage {
		t.Fatalf("exit code %d (%v), want %d", exitcode.Of(r.err), r.err, exitcode.Usage)
	}
	want := feature + ":4: configure driver start: false: no Chrome listens on 127.0.0.1:" + port +
		" (start Chrome with --remote-debugging-port=" + port + ", or remove start: false to let kumite launch Chrome itself)"
	if r.err.Error() != want {
		t.Errorf("error\n got: %s\nwant: %s", r.err, want)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("failing took %s: it should fail at once", d)
	}
}

// startChrome starts a headless Chrome with a DevTools port, as a user's
// image would, and returns the port and a channel closed when it exits.
func startChrome(t *testing.T) (string, <-chan struct{}) {
	t.Helper()
	path, err := browser.Find(os.Getenv("KUMITE_BROWSER"), true)
	if err != nil {
		t.Fatal(err)
	}
	return chrometest.Start(t, path)
}
