package browser

import (
	"strings"
	"testing"
	"time"
)

// TestEngineInstallsOncePerDocument: the engine is defined once in a
// document, hidden from the page's own enumeration of its globals, and
// defined again in the next document (and after a reset to about:blank).
func TestEngineInstallsOncePerDocument(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	engines := `JSON.stringify([Object.getOwnPropertyNames(window).filter((k) => k.startsWith("__kumiteEngine")), Object.keys(window).filter((k) => k.startsWith("__kumite"))])`
	want := `"[[\"` + engineKey + `\"],[]]"`
	for _, step := range []func() error{
		func() error { return s.Navigate(ctx, srv.URL+"/page.html") },
		func() error { return s.Reset(ctx) },
		func() error { return s.Navigate(ctx, srv.URL+"/state.html") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
		got, err := s.Evaluate(ctx, engines)
		if err != nil {
			t.Fatal(err)
		}
		if got != `"[[],[]]"` {
			t.Fatalf("a fresh document already has kumite globals: %s", got)
		}
		for range 3 {
			l, err := s.Locate("body")
			if err != nil {
				t.Fatal(err)
			}
			if n, err := l.Count(ctx); err != nil || n != 1 {
				t.Fatalf("count body = %d, %v", n, err)
			}
		}
		if got, err = s.Evaluate(ctx, engines); err != nil || got != want {
			t.Fatalf("kumite globals after three calls = %s, %v; want %s (one, not enumerable)", got, err, want)
		}
	}
}

// TestEngineIgnoresAPageGlobalOfItsName: a page that owns a property by
// an engine's name, not a function, gets a clear error, not a false answer.
func TestEngineIgnoresAPageGlobalOfItsName(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evaluate(ctx, "window."+engineKey+" = 42"); err != nil {
		t.Fatal(err)
	}
	l, err := s.Locate("body")
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.Count(ctx)
	if err == nil || !strings.Contains(err.Error(), "kumite's page script failed") {
		t.Fatalf("count with a page global in the engine's place: %v, want kumite's page script failed", err)
	}
}
