package browser

import (
	"strings"
	"testing"
	"time"
)

// TestResetForgetsHistory: after a reset, going back must not reach the
// pages of the scenario before.
func TestResetForgetsHistory(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	for _, q := range []string{"?1", "?2"} {
		if err := s.Navigate(ctx, srv.URL+"/page.html"+q); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	err := s.Back(ctx)
	if err == nil {
		u, _ := s.URL(ctx)
		t.Fatalf("went back to %s after a reset", u)
	}
	if !strings.Contains(err.Error(), "go back: there is no earlier page in this tab's history (it holds 1, this is page 1)") {
		t.Errorf("go back after a reset: %v", err)
	}
	if err := s.Navigate(ctx, srv.URL+"/page.html?3"); err != nil {
		t.Fatal(err)
	}
	err = s.Forward(ctx)
	if err == nil || !strings.Contains(err.Error(), "go forward: there is no later page in this tab's history (it holds 2, this is page 2)") {
		t.Errorf("go forward at the newest page: %v", err)
	}
}
