package browser

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRemoteAttach starts a Chrome of its own with a debugging port, as a
// user would for --remote, and checks that kumite works in it and leaves it
// running when done.
func TestRemoteAttach(t *testing.T) {
	path, err := Find(os.Getenv("KUMITE_BROWSER"), true)
	if err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-crash-reporter", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
		"--user-data-dir="+profile, "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	})
	var port string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		data, err := os.ReadFile(filepath.Join(profile, "DevToolsActivePort"))
		if err == nil && bytes.Contains(data, []byte("\n")) {
			port = strings.SplitN(string(data), "\n", 2)[0]
			break
		}
	}
	if port == "" {
		t.Fatal("Chrome wrote no DevToolsActivePort")
	}

	srv := testServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	b, err := Launch(ctx, Options{Remote: "http://127.0.0.1:" + port, Width: 800, Height: 600})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.Version(), "Chrome") {
		t.Errorf("version %q", b.Version())
	}
	s, err := b.NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	if title, err := s.Title(ctx); err != nil || title != "Test page" {
		t.Fatalf("title %q, %v", title, err)
	}
	s.Close()
	b.Close()
	select {
	case <-exited:
		t.Fatal("closing kumite's connection ended the user's Chrome")
	case <-time.After(500 * time.Millisecond):
	}
}
