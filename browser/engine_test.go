package browser

import (
	"strings"
	"testing"
	"time"
)

// TestEngineInstallsOncePerDocument: Chrome defines the engine in each
// page kumite opens before the page's scripts run, hidden from the page's
// own enumeration of its globals; a document without it (the blank page
// of a reset) gets it on its first call, once.
func TestEngineInstallsOncePerDocument(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	engines := `JSON.stringify([Object.getOwnPropertyNames(window).filter((k) => k.startsWith("__kumiteEngine")), Object.keys(window).filter((k) => k.startsWith("__kumite"))])`
	want := `"[[\"` + engineKey + `\"],[]]"`
	for _, step := range []struct {
		name      string
		do        func() error
		preloaded bool
	}{
		{"open page.html", func() error { return s.Navigate(ctx, srv.URL+"/page.html") }, true},
		{"reset", func() error { return s.Reset(ctx) }, false},
		{"open state.html", func() error { return s.Navigate(ctx, srv.URL+"/state.html") }, true},
	} {
		if err := step.do(); err != nil {
			t.Fatal(err)
		}
		got, err := s.Evaluate(ctx, engines)
		if err != nil {
			t.Fatal(err)
		}
		if step.preloaded && got != want {
			t.Fatalf("after %s, before any call: kumite globals %s, want %s (installed with the document, not enumerable)", step.name, got, want)
		}
		if !step.preloaded && got != `"[[],[]]"` {
			t.Fatalf("after %s: kumite globals %s, want none", step.name, got)
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
			t.Fatalf("after %s, kumite globals after three calls = %s, %v; want %s (one, not enumerable)", step.name, got, err, want)
		}
	}
}

// TestEngineIgnoresAPageGlobalOfItsName: a page cannot replace the engine
// installed with its document, and a document that owns a property by
// the engine's name before kumite installs it (here the blank page of a
// reset) gets a clear error, not a false answer.
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
	if n, err := l.Count(ctx); err != nil || n != 1 {
		t.Fatalf("count body after the page assigned the engine's name = %d, %v; want 1", n, err)
	}
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evaluate(ctx, "window."+engineKey+" = 42"); err != nil {
		t.Fatal(err)
	}
	_, err = l.Count(ctx)
	if err == nil || !strings.Contains(err.Error(), "kumite's page script failed") {
		t.Fatalf("count with a page global in the engine's place: %v, want kumite's page script failed", err)
	}
}
