// Package chrometest starts a Chrome of a test's own with a DevTools port,
// as a user does for `kumite run --remote` or Karate's `start: false`. It
// is for tests only; it imports nothing of kumite, so browser's own tests
// can use it.
package chrometest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Start starts the headless Chrome at path on a free loopback port and
// returns the port and a channel closed when Chrome exits. Chrome and its
// children are killed when the test ends.
func Start(t *testing.T, path string) (port string, exited <-chan struct{}) {
	t.Helper()
	profile := t.TempDir()
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-crash-reporter", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
		"--user-data-dir="+profile, "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	})
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		data, err := os.ReadFile(filepath.Join(profile, "DevToolsActivePort"))
		if err == nil && bytes.Contains(data, []byte("\n")) {
			return strings.SplitN(string(data), "\n", 2)[0], done
		}
	}
	t.Fatal("Chrome wrote no DevToolsActivePort in 20 s")
	return "", nil
}
