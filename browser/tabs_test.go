package browser

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// focusState opens focus.html in s, clicks #other and returns what the
// page saw before and after the click: document.hasFocus(), the element
// :focus matches and the focus and blur events.
func focusState(t *testing.T, ctx context.Context, s *Session, url string) string {
	t.Helper()
	if err := s.Navigate(ctx, url); err != nil {
		t.Fatal(err)
	}
	before, err := s.Evaluate(ctx, `focusState()`)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.Locate("#other")
	if err := other.Click(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := s.Evaluate(ctx, `focusState()`)
	if err != nil {
		t.Fatal(err)
	}
	return before + " then " + after
}

// TestEverySessionHasFocus: every session (worker), and every tab of it,
// behaves as a focused window: document.hasFocus() is true, autofocus
// works, :focus matches and focus and blur events fire.
func TestEverySessionHasFocus(t *testing.T) {
	srv := testServer(t)
	ctx := stepCtx(t, 30*time.Second)
	want := `"{\"hasFocus\":true,\"focused\":\"auto\",\"log\":[\"focus auto\"]}" then ` +
		`"{\"hasFocus\":true,\"focused\":\"other\",\"log\":[\"focus auto\",\"blur auto\",\"focus other\"]}"`
	a, b := testSession(t), testSession(t)
	for i, s := range []*Session{a, b, a, b} {
		if got := focusState(t, ctx, s, srv.URL+"/focus.html"); got != want {
			t.Errorf("session %d: the page saw %s, want %s", i+1, got, want)
		}
	}
	// A second tab of a session has focus too, and so has the first one
	// when it is switched back to.
	if err := a.Navigate(ctx, srv.URL+"/popup.html#quiet"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Evaluate(ctx, `window.open("focus.html"); 1`); err != nil {
		t.Fatal(err)
	}
	if err := a.SwitchToNewTab(ctx); err != nil {
		t.Fatal(err)
	}
	if got := focusState(t, ctx, a, srv.URL+"/focus.html"); got != want {
		t.Errorf("second tab: the page saw %s, want %s", got, want)
	}
}

// TestPopupsDoNotStallTheOpener: a page that opens a popup as it loads and
// on a click keeps working: its steps do not wait for a frame that never
// comes.
func TestPopupsDoNotStallTheOpener(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	for i := range 3 {
		ctx := stepCtx(t, 10*time.Second)
		if err := s.Navigate(ctx, srv.URL+"/popup.html"); err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
		blank, _ := s.Locate("#blank")
		if err := blank.Click(ctx); err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
		count, _ := s.Locate("#count")
		for range 2 {
			if err := count.Click(ctx); err != nil {
				t.Fatalf("round %d: %v", i, err)
			}
		}
		if got, _ := s.Evaluate(ctx, `document.getElementById("count").textContent`); got != `"2"` {
			t.Fatalf("round %d: the opener counted %s clicks, want 2", i, got)
		}
		if err := s.Reset(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCrashFailsAtOnce: a renderer crash fails the step at once with "the
// page crashed", and after Reset the session has a fresh, working page
// that still behaves as a focused window. Both kinds of session are
// crashed: the one on Chrome's first tab and one in a new context.
func TestCrashFailsAtOnce(t *testing.T) {
	srv := testServer(t)
	a, b := testSession(t), testSession(t)
	for i, s := range []*Session{a, b} {
		ctx := stepCtx(t, 30*time.Second)
		if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		err := s.Navigate(stepCtx(t, 10*time.Second), "chrome://crash")
		if err == nil || !strings.Contains(err.Error(), "the page crashed") {
			t.Errorf("session %d: opening chrome://crash: %v, want an error saying the page crashed", i+1, err)
		}
		q, _ := s.Locate("#q")
		err = q.Click(stepCtx(t, 10*time.Second))
		if err == nil || !strings.Contains(err.Error(), "the page crashed") {
			t.Errorf("session %d: a click after the crash: %v, want an error saying the page crashed", i+1, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("session %d: the crash took %v to be reported, want at once", i+1, d)
		}
		if err := s.Reset(ctx); err != nil {
			t.Fatalf("session %d: reset after a crash: %v", i+1, err)
		}
		want := `"{\"hasFocus\":true,\"focused\":\"auto\",\"log\":[\"focus auto\"]}" then ` +
			`"{\"hasFocus\":true,\"focused\":\"other\",\"log\":[\"focus auto\",\"blur auto\",\"focus other\"]}"`
		if got := focusState(t, ctx, s, srv.URL+"/focus.html"); got != want {
			t.Errorf("session %d: after the crash the page saw %s, want %s", i+1, got, want)
		}
	}
}

// TestCrashReplacesTheTab: Reset after a crash gives the session a new tab
// in its browser context and closes the crashed one, twice in a row, on
// Chrome's start-up tab while it is the browser's only tab (closing it
// must not end Chrome) and in a new context; the next page opens at once
// and at the default viewport; Close then disposes of the context.
func TestCrashReplacesTheTab(t *testing.T) {
	path, err := Find(os.Getenv("KUMITE_BROWSER"), true)
	if err != nil {
		t.Fatalf("real Chromium is needed (make test installs it): %v", err)
	}
	ctx := stepCtx(t, time.Minute)
	b, err := Launch(ctx, Options{ExecPath: path, Headless: true, Width: 800, Height: 600})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	srv := testServer(t)
	crashAndReset := func(name string, s *Session) {
		t.Helper()
		for round := 1; round <= 2; round++ {
			if err := s.SetViewport(ctx, 500, 400); err != nil {
				t.Fatalf("%s, round %d: %v", name, round, err)
			}
			crashed := s.main.id
			if err := s.Navigate(stepCtx(t, 10*time.Second), "chrome://crash"); !errors.Is(err, ErrPageCrashed) {
				t.Fatalf("%s, round %d: opening chrome://crash: %v, want ErrPageCrashed", name, round, err)
			}
			if err := s.Reset(ctx); err != nil {
				t.Fatalf("%s, round %d: reset after a crash: %v", name, round, err)
			}
			if s.main.id == crashed {
				t.Errorf("%s, round %d: the crashed tab is still the session's", name, round)
			}
			if tabs, err := s.Tabs(ctx); err != nil || len(tabs) != 1 || tabs[0].URL != "about:blank" {
				t.Errorf("%s, round %d: tabs after the reset %+v, %v, want one on about:blank", name, round, tabs, err)
			}
			start := time.Now()
			if err := s.Navigate(stepCtx(t, 10*time.Second), srv.URL+"/page.html"); err != nil {
				t.Fatalf("%s, round %d: the first page after the crash: %v", name, round, err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s, round %d: the first page after the crash took %v", name, round, d)
			}
			size, err := s.Evaluate(ctx, `innerWidth + "x" + innerHeight`)
			if err != nil || size != `"800x600"` {
				t.Errorf("%s, round %d: viewport after the crash %s, %v, want 800x600", name, round, size, err)
			}
			if err := s.Reset(ctx); err != nil {
				t.Fatalf("%s, round %d: reset: %v", name, round, err)
			}
		}
	}
	first, err := b.NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	crashAndReset("the session on Chrome's start-up tab", first)
	second, err := b.NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	crashAndReset("a session in a new context", second)
	id := second.ctxID
	second.Close()
	res, err := chromedp.CallBrowser(b.ctx, target.GetBrowserContexts, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(res.BrowserContextIDs, id) {
		t.Errorf("the closed session's browser context %s is still there", id)
	}
	if err := first.Navigate(stepCtx(t, 10*time.Second), srv.URL+"/page.html"); err != nil {
		t.Errorf("the first session after the other closed: %v", err)
	}
}

// TestTabsListsTheSessionsTabs: Tabs lists every tab of the session (a
// popup too) with its URL and title, and none of another session's.
func TestTabsListsTheSessionsTabs(t *testing.T) {
	srv := testServer(t)
	ctx := stepCtx(t, 30*time.Second)
	a, b := testSession(t), testSession(t)
	if err := b.Navigate(ctx, srv.URL+"/focus.html"); err != nil {
		t.Fatal(err)
	}
	if err := a.Navigate(ctx, srv.URL+"/popup.html#quiet"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Evaluate(ctx, `window.open("focus.html"); 1`); err != nil {
		t.Fatal(err)
	}
	var tabs []Tab
	err := Poll(ctx, func(ctx context.Context) (bool, error) {
		var err error
		tabs, err = a.Tabs(ctx)
		return err == nil && len(tabs) == 2 && tabs[0].Title != "" && tabs[1].Title != "", err
	})
	if err != nil {
		t.Fatalf("Tabs: %v (last %+v)", err, tabs)
	}
	urls := tabs[0].URL + " " + tabs[1].URL
	if !strings.Contains(urls, "/popup.html#quiet") || !strings.Contains(urls, "/focus.html") {
		t.Errorf("Tabs = %+v, want popup.html#quiet and focus.html", tabs)
	}
	if bt, err := b.Tabs(ctx); err != nil || len(bt) != 1 {
		t.Errorf("the other session's Tabs = %+v, %v, want its one tab", bt, err)
	}
}
