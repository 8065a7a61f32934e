package browser

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestCloseLeavesNothing: Close ends Chrome's main process and every
// process of its group and under it (renderers of two browser contexts,
// GPU, utilities) before it returns, and removes the temporary profile.
func TestCloseLeavesNothing(t *testing.T) {
	srv := testServer(t)
	ctx := stepCtx(t, 30*time.Second)
	b := launchOwn(t, ctx)
	for range 2 {
		s, err := b.NewSession(ctx)
		if err != nil {
			b.Close()
			t.Fatal(err)
		}
		if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
			b.Close()
			t.Fatal(err)
		}
	}
	main := chromedp.FromContext(b.ctx).Browser.Process().Pid
	tree := members(main)
	if len(tree) < 4 {
		b.Close()
		t.Fatalf("Chrome's process tree has %d processes, want its main process, renderers and more", len(tree))
	}
	profile := b.profile
	if _, err := os.Stat(profile); err != nil {
		b.Close()
		t.Fatalf("the temporary profile: %v", err)
	}

	b.Close()
	for _, pid := range tree {
		if !stopped(pid) {
			t.Errorf("process %d of Chrome's tree can still run after Close", pid)
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	// What is left of them is the kernel freeing their memory.
	deadline := time.Now().Add(5 * time.Second)
	for _, pid := range tree {
		for alive(pid) && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if alive(pid) {
			t.Errorf("process %d of Chrome's tree is still there 5 s after Close", pid)
		}
	}
	if _, err := os.Stat(profile); !os.IsNotExist(err) {
		t.Errorf("the temporary profile %s is still there after Close (%v)", profile, err)
	}
}

// TestLaunchCancelledLeavesNothing: a start cut short (its context ends
// before or while Chrome starts, as when a run stops or starts another
// Chrome) returns, and leaves no profile behind, also not one that a
// process of Chrome's writes into after the main process died.
func TestLaunchCancelledLeavesNothing(t *testing.T) {
	path, err := Find(os.Getenv("KUMITE_BROWSER"), true)
	if err != nil {
		t.Fatalf("real Chromium is needed (make test installs it): %v", err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for after := time.Duration(0); after <= 200*time.Millisecond; after += 15 * time.Millisecond {
		ctx, cancel := context.WithTimeout(context.Background(), after)
		b, err := Launch(ctx, Options{ExecPath: path, Headless: true})
		cancel()
		if err == nil {
			b.Close() // it started in time: nothing to check
		}
	}
	time.Sleep(time.Second) // a process that outlived its main one would write by now
	left, _ := filepath.Glob(filepath.Join(tmp, "kumite-chrome-*"))
	if len(left) > 0 {
		t.Errorf("cancelled starts left %v", left)
	}
}

// alive tells whether pid is still there, also while the kernel frees a
// killed process, and not a zombie waiting to be reaped.
func alive(pid int) bool {
	st, ok := stat(pid)
	return ok && st.state != 'Z' && st.state != 'X'
}

// TestStopped: a running process is not stopped; once killed it is, as
// soon as it is exiting (its state may still say running while the
// kernel frees its memory), and before anyone reaps it.
func TestStopped(t *testing.T) {
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	pid := cmd.Process.Pid
	if stopped(pid) {
		t.Fatalf("a running process %d is stopped", pid)
	}
	killGroup(pid)
	if !stopped(pid) {
		t.Fatalf("process %d is not stopped after killGroup", pid)
	}
}

// TestNetworkServiceInProcess: Chrome runs its network service in the
// browser process (kumite asks for it: a process less to start), so no
// process of its tree is the network service's.
func TestNetworkServiceInProcess(t *testing.T) {
	srv := testServer(t)
	ctx := stepCtx(t, 30*time.Second)
	b := launchOwn(t, ctx)
	defer b.Close()
	s, err := b.NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	for _, pid := range members(chromedp.FromContext(b.ctx).Browser.Process().Pid) {
		cmdline, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
		if strings.Contains(string(cmdline), "network.mojom.NetworkService") {
			t.Fatalf("process %d is Chrome's network service: %s", pid, strings.ReplaceAll(string(cmdline), "\x00", " "))
		}
	}
}

// launchOwn starts a Chrome of the test's own (not the package's shared
// one), which the test must close.
func launchOwn(t *testing.T, ctx context.Context) *Browser {
	t.Helper()
	path, err := Find(os.Getenv("KUMITE_BROWSER"), true)
	if err != nil {
		t.Fatalf("real Chromium is needed (make test installs it): %v", err)
	}
	b, err := Launch(ctx, Options{ExecPath: path, Headless: true, Width: 800, Height: 600})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCloseLeavesNoSingletonSocket: full Chromium (not the headless shell)
// makes a folder in TMPDIR for its single-instance socket and leaves it
// when it is killed; Close removes it with the profile.
func TestCloseLeavesNoSingletonSocket(t *testing.T) {
	path, tmp := fullChromium(t)
	ctx := stepCtx(t, 30*time.Second)
	b, err := Launch(ctx, Options{ExecPath: path, Headless: true, Width: 800, Height: 600})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Readlink(filepath.Join(b.profile, "SingletonSocket")); err != nil {
		b.Close()
		t.Fatalf("%s made no single-instance socket (the test would prove nothing): %v", path, err)
	}
	b.Close()
	leftIn(t, tmp)
}

// TestLaunchWindowWithoutDisplay: --headless=false on a machine without a
// display fails saying so in kumite's terms (not chromedp's API names),
// and leaves no profile behind.
func TestLaunchWindowWithoutDisplay(t *testing.T) {
	path, tmp := fullChromium(t)
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	b, err := Launch(stepCtx(t, 30*time.Second), Options{ExecPath: path, Headless: false, Width: 800, Height: 600})
	if err == nil {
		b.Close()
		t.Fatal("a window started without a display")
	}
	if msg := err.Error(); !strings.Contains(msg, "--headless=false") || !strings.Contains(msg, "xvfb-run") || strings.Contains(msg, "WithVisibleWindow") {
		t.Errorf("error %q, want it to name --headless=false and a way out (xvfb-run), not chromedp's API", msg)
	}
	leftIn(t, tmp)
}

// fullChromium finds full Chromium (not the headless shell) and gives the
// test a TMPDIR of its own.
func fullChromium(t *testing.T) (path, tmp string) {
	t.Helper()
	path, err := Find("", false)
	if err != nil {
		t.Fatalf("real Chromium is needed (make test installs it): %v", err)
	}
	tmp = t.TempDir()
	t.Setenv("TMPDIR", tmp)
	return path, tmp
}

// leftIn fails for anything left in dir.
func leftIn(t *testing.T, dir string) {
	t.Helper()
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left in %s: %s", dir, e.Name())
	}
}
