package browser

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
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

// TestResetClearsTheCache: a response the last scenario's page cached is
// fetched again by the next one (and, to show the test can tell, comes
// from the cache within a scenario).
func TestResetClearsTheCache(t *testing.T) {
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/cached.js", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/javascript")
		w.Header().Set("Cache-Control", "max-age=3600")
		w.Write([]byte("window.loaded = true"))
	})
	mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<title>cache</title><script src="/cached.js"></script>`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	open := func() {
		t.Helper()
		if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
			t.Fatal(err)
		}
	}
	open()
	open()
	if n := hits.Load(); n != 1 {
		t.Fatalf("within a scenario the script was fetched %d times, want 1 (from the cache the second time)", n)
	}
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	open()
	if n := hits.Load(); n != 2 {
		t.Fatalf("after the reset the script was fetched %d times in all, want 2: the cache survived the reset", n)
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

// TestResetCollectsGarbage: what the last scenarios' pages left in the
// renderer's heap is collected by every gcEvery-th reset, rather than
// left to grow until V8 collects it by itself.
func TestResetCollectsGarbage(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 30*time.Second)
	used := func() float64 {
		t.Helper()
		var u runtime.GetHeapUsageResult
		err := s.run(ctx, s.main, chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
			var err error
			u, err = cdp.Call(ctx, tt, runtime.GetHeapUsage, cdp.Empty{})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		return (u.UsedSize + u.EmbedderHeapUsedSize) / (1 << 20)
	}
	var before float64
	for i := 1; i <= gcEvery; i++ {
		if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
			t.Fatal(err)
		}
		// What a page holds while it lives, garbage once it is gone: 20,000
		// elements and objects that lived long enough to be old.
		if _, err := s.Evaluate(ctx, `for (let i = 0; i < 20000; i++) document.body.appendChild(document.createElement("div")).id = "d" + i;
			window.keep = Array.from({length: 200000}, (_, i) => ({i, s: "s" + i}));
			for (let i = 0; i < 64; i++) new Array(100000).fill(i); 1`); err != nil {
			t.Fatal(err)
		}
		if i == gcEvery {
			if before = used(); before < 16 {
				t.Fatalf("the page holds %.1f MiB: too little to see a collection", before)
			}
		}
		if err := s.Reset(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// Right after the blank page, only a collection frees what the page held.
	if after := used(); after > 8 {
		t.Fatalf("after reset %d the heap still holds %.1f MiB (%.1f MiB before it) of the last pages' garbage", gcEvery, after, before)
	}
}

// TestResetOfAPageStillLoading: a scenario may end on a page that is
// still loading (its image is slow) and writes a cookie and local storage
// all the time. The reset ends on the blank page, loaded, and nothing the
// page wrote is there for the next scenario.
func TestResetOfAPageStillLoading(t *testing.T) {
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow.png", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-time.After(2 * time.Second):
		}
		w.Header().Set("Content-Type", "image/png")
	})
	mux.HandleFunc("/check", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<!doctype html><title>check</title>`))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<!doctype html><title>loading</title><p>text</p>
<script>let n = 0; setInterval(() => { n++; document.cookie = "w=" + n + "; path=/"; localStorage.setItem("w", n) }, 0)</script>
<img src="/slow.png">`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	// Navigate would wait for the load event, which the slow image holds:
	// the page opens itself, so the scenario ends while it loads.
	if _, err := s.Evaluate(ctx, `location.href = `+strconv.Quote(srv.URL+"/page")+`; 1`); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; {
		if got, err := s.Evaluate(ctx, `document.title === "loading" && document.readyState !== "complete" && localStorage.getItem("w") !== null`); err == nil && got == "true" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the page never was loading and writing")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Evaluate(ctx, `location.href + " " + document.readyState`); err != nil || got != `"about:blank complete"` {
		t.Fatalf("right after Reset the page is %s (%v), want about:blank, loaded", got, err)
	}
	if err := s.Navigate(ctx, srv.URL+"/check"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Evaluate(ctx, `JSON.stringify([document.cookie, localStorage.getItem("w")])`); err != nil || got != `"[\"\",null]"` {
		t.Fatalf("the loading page's writes survived the reset: %s (%v)", got, err)
	}
}

// TestFirstSessionKeepsNothingOnDisk: the headless shell's first tab, which
// the first worker's session takes, belongs to Chrome's default browser
// context; the other workers' contexts keep cookies, storage and the HTTP
// cache in memory. On disk, the first worker's reset waited for Chrome to
// write and sync its databases (cookies, local storage, the quota
// database), 5 ms more than the others' on this machine, and more on a
// slower disk. With the headless shell the default context is in memory
// too (--incognito), so nothing of a scenario reaches the profile.
func TestFirstSessionKeepsNothingOnDisk(t *testing.T) {
	path, err := Find("", true)
	if err != nil || !IsHeadlessShell(path) {
		t.Fatalf("the headless shell is needed (make test installs chromium-headless-shell): found %q, %v", path, err)
	}
	srv := testServer(t)
	ctx := stepCtx(t, 30*time.Second)
	b, err := Launch(ctx, Options{ExecPath: path, Headless: true, Width: 800, Height: 600})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	s, err := b.NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evaluate(ctx, `document.cookie = "c=1; max-age=3600; path=/"; localStorage.setItem("l", "1"); indexedDB.open("db"); 1`); err != nil {
		t.Fatal(err)
	}
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	var stored []string
	err = filepath.WalkDir(b.profile, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		for _, name := range []string{"Cookies", "Local Storage", "IndexedDB", "QuotaManager", "Cache_Data"} {
			if d.Name() == name {
				stored = append(stored, strings.TrimPrefix(p, b.profile))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) > 0 {
		t.Fatalf("the first session's browser context keeps its storage on disk, in its profile: %s", strings.Join(stored, ", "))
	}
}
