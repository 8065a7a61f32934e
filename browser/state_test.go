package browser

import (
	"context"
	"strings"
	"testing"
	"time"
)

// focusOf is where the focus is, seen from loc, or the test fails.
func focusOf(t *testing.T, ctx context.Context, l *Locator) FocusState {
	t.Helper()
	f, err := l.Focused(ctx)
	if err != nil {
		t.Fatalf("Focused(%s): %v", l, err)
	}
	return f
}

func TestFocusedSeesThroughShadowRootsAndFrames(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 15*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/state.html"); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Locate("#a")
	b, _ := s.Locate("#b")
	host, _ := s.Locate("#host")
	fr, _ := s.Locate("#fr")
	inputs, _ := s.Locate("input")

	if f := focusOf(t, ctx, a); f.Focused || f.Active != "" || f.Count != 1 {
		t.Errorf("before any focus: %+v, want #a not focused and nothing active", f)
	}
	if err := a.Click(ctx); err != nil {
		t.Fatal(err)
	}
	if f := focusOf(t, ctx, a); !f.Focused || !strings.Contains(f.Active, `id="a"`) {
		t.Errorf("after a click on #a: %+v, want it focused", f)
	}
	if f := focusOf(t, ctx, b); f.Focused || !strings.Contains(f.Active, `<input id="a">`) {
		t.Errorf("#b after a click on #a: %+v, want not focused, the focus on #a", f)
	}
	if f := focusOf(t, ctx, inputs); !f.Focused || !strings.Contains(f.Element, `id="a"`) {
		t.Errorf(`"input" after a click on #a: %+v, want the match #a focused`, f)
	}
	// A handle from All looks at its own match only.
	all, err := inputs.All(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("All of input = %d handles, %v", len(all), err)
	}
	if f := focusOf(t, ctx, all[1]); f.Focused {
		t.Errorf("match 2 of input (#b): %+v, want not focused", f)
	}

	// The focus inside a shadow root: its host holds it.
	if _, err := s.Evaluate(ctx, `document.getElementById("host").shadowRoot.getElementById("inner").focus()`); err != nil {
		t.Fatal(err)
	}
	if f := focusOf(t, ctx, host); !f.Focused || !strings.Contains(f.Active, `<input id="inner">`) {
		t.Errorf("#host with its inner input focused: %+v, want focused, the focus on #inner", f)
	}
	if f := focusOf(t, ctx, a); f.Focused {
		t.Errorf("#a after the focus moved into the shadow root: %+v, want not focused", f)
	}
	if err := host.Blur(ctx); err != nil {
		t.Fatal(err)
	}
	if f := focusOf(t, ctx, host); f.Focused || f.Active != "" {
		t.Errorf("#host after Blur: %+v, want nothing focused", f)
	}

	// The focus inside a frame: seen from inside, and the <iframe> holds it.
	if _, err := s.Evaluate(ctx, `document.getElementById("fr").contentDocument.getElementById("deep").focus()`); err != nil {
		t.Fatal(err)
	}
	if f := focusOf(t, ctx, fr); !f.Focused || !strings.Contains(f.Active, `<input id="deep">`) {
		t.Errorf("#fr with its input focused: %+v, want focused, the focus on #deep", f)
	}
	if err := s.SwitchToFrame(ctx, "#fr"); err != nil {
		t.Fatal(err)
	}
	deep, _ := s.Locate("#deep")
	if f := focusOf(t, ctx, deep); !f.Focused {
		t.Errorf("#deep in its frame: %+v, want focused", f)
	}
	if err := deep.Blur(ctx); err != nil {
		t.Fatal(err)
	}
	if f := focusOf(t, ctx, deep); f.Focused {
		t.Errorf("#deep after Blur: %+v, want not focused", f)
	}
	s.SwitchToMainFrame()

	// Blur on an element without the focus leaves the focus alone.
	if err := a.Click(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.Blur(ctx); err != nil {
		t.Fatal(err)
	}
	if f := focusOf(t, ctx, a); !f.Focused {
		t.Errorf("#a after a blur of #b: %+v, want still focused", f)
	}
}

func TestCountVisible(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/state.html"); err != nil {
		t.Fatal(err)
	}
	x, _ := s.Locate("li.x")
	v, all, err := x.CountVisible(ctx)
	if err != nil || v != 2 || all != 3 {
		t.Fatalf("CountVisible(li.x) = %d, %d, %v; want 2 visible of 3", v, all, err)
	}
	p, err := x.Inspect(ctx, "classes")
	if err != nil || strings.Join(p.Texts, " ") != "x" {
		t.Fatalf(`Inspect(li.x, "classes") = %q, %v; want [x]`, p.Texts, err)
	}
}

func TestLocalStorage(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 15*time.Second)
	if err := s.SetLocalStorageItem(ctx, "k", "v"); err == nil || !strings.Contains(err.Error(), "the page about:blank has no local storage") {
		t.Fatalf("set on a new tab's about:blank: %v, want an error that says so", err)
	}
	if err := s.Navigate(ctx, srv.URL+"/state.html"); err != nil {
		t.Fatal(err)
	}
	it, err := s.LocalStorageItem(ctx, "k")
	if err != nil || it.Exists {
		t.Fatalf("item k before it was set: %+v, %v; want none", it, err)
	}
	if err := s.SetLocalStorageItem(ctx, "k", "v 1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLocalStorageItem(ctx, "a", ""); err != nil {
		t.Fatal(err)
	}
	it, err = s.LocalStorageItem(ctx, "k")
	if err != nil || !it.Exists || it.Value != "v 1" || strings.Join(it.Keys, ",") != "a,k" {
		t.Fatalf("item k: %+v, %v; want \"v 1\" with the keys a, k", it, err)
	}
	if got, _ := s.Evaluate(ctx, `localStorage.getItem("k")`); got != `"v 1"` {
		t.Errorf("the page reads k as %s", got)
	}
	// about:blank after a page keeps the page's origin: still no storage
	// to write, or the next scenario would find it.
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LocalStorageItem(ctx, "k"); err == nil || !strings.Contains(err.Error(), "has no local storage") {
		t.Fatalf("read on about:blank after a page: %v, want an error that says so", err)
	}
}

// A description is what a failure message shows of an element: it stays
// short whatever the element's id, classes and text.
func TestDescriptionsStayShort(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/state.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evaluate(ctx, `const a = document.getElementById("a"); const big = "x".repeat(100000);
		a.className = big + " b c d"; a.id = "a" + big; document.querySelector("li").textContent = big`); err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"input", "li"} {
		l, _ := s.Locate(loc)
		p, err := l.Inspect(ctx, "state")
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Element) > 300 || len(p.Tag) > 300 || !strings.Contains(p.Element, "…") {
			t.Errorf("%s is described in %d bytes (tag %d), want a short start ending with …: %.200s", loc, len(p.Element), len(p.Tag), p.Element)
		}
	}
}

func TestLocatorEvaluate(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 15*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/state.html"); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Locate("#a")
	if got, err := a.Evaluate(ctx, "e => e.id + ':' + e.tagName"); err != nil || got != `"a:INPUT"` {
		t.Errorf(`Evaluate(#a, id:tag) = %q, %v; want "a:INPUT" as JSON`, got, err)
	}
	if got, err := a.Evaluate(ctx, "e => { e.dataset.x = '1' }"); err != nil || got != "" {
		t.Errorf("Evaluate(#a, no result) = %q, %v; want empty", got, err)
	}
	inputs, _ := s.Locate("input")
	if got, err := inputs.EvaluateAll(ctx, "e => e.id"); err != nil || strings.Join(got, ",") != `"a","b"` {
		t.Errorf("EvaluateAll(input, id) = %q, %v; want the ids of #a and #b", got, err)
	}
	none, _ := s.Locate("#nothing")
	if got, err := none.EvaluateAll(ctx, "e => e.id"); err != nil || len(got) != 0 {
		t.Errorf("EvaluateAll(#nothing) = %q, %v; want none", got, err)
	}
	if _, err := none.Evaluate(ctx, "e => e.id"); err == nil || !strings.Contains(err.Error(), "no element matches") {
		t.Errorf("Evaluate(#nothing) error = %v; want no element matches", err)
	}
	if _, err := a.Evaluate(ctx, "e => e.nope.deeper"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Evaluate(#a, throws) error = %v; want the page's error", err)
	}
	if _, err := a.Evaluate(ctx, "42"); err == nil || !strings.Contains(err.Error(), "not a function") {
		t.Errorf("Evaluate(#a, 42) error = %v; want it is not a function", err)
	}
}
