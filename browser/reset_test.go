package browser

import (
	"testing"
	"time"
)

// TestResetRestoresTheViewport: a viewport a step set is undone by the
// reset; one that no step changed stays the default.
func TestResetRestoresTheViewport(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	size := func() string {
		t.Helper()
		if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Evaluate(ctx, "`${innerWidth}x${innerHeight}`")
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if err := s.SetViewport(ctx, 375, 667); err != nil {
		t.Fatal(err)
	}
	if got := size(); got != `"375x667"` {
		t.Fatalf("viewport after SetViewport(375, 667) = %s", got)
	}
	for i := range 2 {
		if err := s.Reset(ctx); err != nil {
			t.Fatal(err)
		}
		if got := size(); got != `"1280x800"` {
			t.Fatalf("viewport after reset %d = %s, want the default 1280x800", i+1, got)
		}
	}
}

// TestResetOutrunsAPageThatKeepsWriting: a page whose timers write a
// cookie and local storage all the time leaves nothing for the next
// scenario: the page is gone before its storage is cleared.
func TestResetOutrunsAPageThatKeepsWriting(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	for round := range 3 {
		if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Evaluate(ctx, `JSON.stringify([document.cookie, localStorage.getItem("w"), sessionStorage.getItem("w")])`)
		if err != nil {
			t.Fatal(err)
		}
		if got != `"[\"\",null,null]"` {
			t.Fatalf("round %d: the last scenario's page wrote after the reset: %s", round, got)
		}
		if _, err := s.Evaluate(ctx, `let n = 0; const w = () => { n++; document.cookie = "w=" + n + "; path=/"; localStorage.setItem("w", n); sessionStorage.setItem("w", n) };
			w(); setInterval(w, 0); addEventListener("pagehide", w); addEventListener("beforeunload", w); 1`); err != nil {
			t.Fatal(err)
		}
		if err := s.Reset(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// TestResetLeavesAPageThatAsksToStay: a page whose beforeunload asks
// "Leave page?" is left by the reset (the scenario is over); before, the
// dialog was dismissed, the page stayed and the reset timed out.
func TestResetLeavesAPageThatAsksToStay(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	// The user gesture of Evaluate gives the page the activation Chrome
	// asks before it shows a beforeunload dialog.
	if _, err := s.Evaluate(ctx, `addEventListener("beforeunload", e => { e.preventDefault(); e.returnValue = "stay" }); 1`); err != nil {
		t.Fatal(err)
	}
	rctx := stepCtx(t, 5*time.Second)
	if err := s.Reset(rctx); err != nil {
		t.Fatalf("Reset on a page that asks to stay: %v", err)
	}
	if got, err := s.Evaluate(ctx, "location.href"); err != nil || got != `"about:blank"` {
		t.Fatalf("after Reset the page is %s (%v), want about:blank", got, err)
	}
}
