package browser

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestCloseLeavesNothing: Close ends Chrome's main process and every
// process under it (renderers of two browser contexts, GPU, utilities)
// before it returns, and removes the temporary profile.
func TestCloseLeavesNothing(t *testing.T) {
	path, err := Find(os.Getenv("KUMITE_BROWSER"), true)
	if err != nil {
		t.Fatalf("real Chromium is needed (make test installs it): %v", err)
	}
	srv := testServer(t)
	ctx := stepCtx(t, 30*time.Second)
	b, err := Launch(ctx, Options{ExecPath: path, Headless: true, Width: 800, Height: 600})
	if err != nil {
		t.Fatal(err)
	}
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
	tree := append(descendants(main), main)
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
		if alive(pid) {
			t.Errorf("process %d of Chrome's tree still runs after Close", pid)
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	if _, err := os.Stat(profile); !os.IsNotExist(err) {
		t.Errorf("the temporary profile %s is still there after Close (%v)", profile, err)
	}
}
