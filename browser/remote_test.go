package browser

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/internal/chrometest"
)

// TestRemoteAttach starts a Chrome of its own with a debugging port, as a
// user would for --remote, and checks that kumite works in it and leaves it
// running when done.
func TestRemoteAttach(t *testing.T) {
	path, err := Find(os.Getenv("KUMITE_BROWSER"), true)
	if err != nil {
		t.Fatal(err)
	}
	port, exited := chrometest.Start(t, path)

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
