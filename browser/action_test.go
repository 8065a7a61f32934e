package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDoubleClickAfterHoverMenu: a hover opens a menu that pushes the
// paragraph down; moving the mouse to the paragraph closes the menu and the
// paragraph jumps back. The double-click must reach the paragraph (after a
// retry), never land on what is at its old place.
func TestDoubleClickAfterHoverMenu(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/hovermenu.html"); err != nil {
		t.Fatal(err)
	}
	menu, _ := s.Locate("#menu-button")
	if err := menu.Hover(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Evaluate(ctx, `document.getElementById("submenu").hidden`); got != "false" {
		t.Fatalf("the hover did not open the menu (hidden = %s)", got)
	}
	para, _ := s.Locate("#para")
	if err := para.DoubleClick(ctx); err != nil {
		t.Fatal(err)
	}
	out, _ := s.Locate("#out")
	p, err := out.Inspect(ctx, "text")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Evaluate(ctx, `JSON.stringify(window.dblclicks || [])`)
	if p.Text != "para double-clicked" {
		t.Fatalf("the double-click passed but the paragraph's handler never ran; double-clicks went to %s", got)
	}
	if got != `"[\"para\"]"` {
		t.Errorf("double-clicks reached %s, want only the paragraph", got)
	}
}

// TestClickAfterRerender: filter links that move 60 px after each click
// (the app re-renders 30 ms later, or at the next pointer input). Each
// click must land on its link.
func TestClickAfterRerender(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/filters.html"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Active", "Completed", "All", "Completed"} {
		l, _ := s.Locate("{a}" + name)
		if err := l.Click(ctx); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Evaluate(ctx, `JSON.stringify([document.getElementById("status").textContent, window.clicks])`)
		if !strings.HasPrefix(got, `"[\"`+name+`\"`) {
			t.Fatalf("click on %q passed, but status and clicks are %s", name, got)
		}
	}
	got, _ := s.Evaluate(ctx, `JSON.stringify(window.clicks)`)
	if got != `"[\"Active\",\"Completed\",\"All\",\"Completed\"]"` {
		t.Errorf("clicks reached %s, want each link once", got)
	}
}

// TestClickInterceptedFails: a toast covers the button whenever the
// pointer comes near it. The click fails, naming the toast, and the toast
// never receives a click.
func TestClickInterceptedFails(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/intercept.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evaluate(ctx, `window.clicks = []; document.addEventListener("click", e => clicks.push(e.target.id)); 1`); err != nil {
		t.Fatal(err)
	}
	buy, _ := s.Locate("#buy")
	err := buy.Click(stepCtx(t, 3*time.Second))
	if err == nil {
		got, _ := s.Evaluate(ctx, `JSON.stringify([document.getElementById("out").textContent, clicks])`)
		t.Fatalf("the click passed; out and clicks: %s", got)
	}
	t.Log(err)
	for _, want := range []string{`click "#buy": timed out`, `<div id="toast"> "Saved! Check your basket"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if got, _ := s.Evaluate(ctx, `JSON.stringify(clicks)`); got != `"[]"` {
		t.Errorf("clicks reached %s, want none (the misdirected ones blocked)", got)
	}
}

// TestCheckThroughLabels: check and uncheck act on a label's control and
// wait for the control's state; a checkbox hidden under its styled label
// is clicked through the label.
func TestCheckThroughLabels(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 15*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/labels.html"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		loc     string
		want    bool
		control string
	}{
		{"#agree-label", true, "agree"},    // label for=
		{"{label}I agree", false, "agree"}, // a text locator on the label
		{"#news-label", false, "news"},     // the input inside the label
		{"#dark", true, "dark"},            // display:none input, styled label
		{"#dark-label", false, "dark"},     // the same through its label
		{"#compact", true, "compact"},      // clipped, transparent input
		{"{label}Large", true, "large"},    // a radio through its label
	} {
		l, _ := s.Locate(c.loc)
		if err := l.SetChecked(stepCtx(t, 3*time.Second), c.want); err != nil {
			t.Errorf("SetChecked(%s, %v): %v", c.loc, c.want, err)
			continue
		}
		got, _ := s.Evaluate(ctx, `document.getElementById("`+c.control+`").checked`)
		if got != fmt.Sprint(c.want) {
			t.Errorf("after SetChecked(%s, %v) #%s.checked = %s", c.loc, c.want, c.control, got)
		}
	}
	if got, _ := s.Evaluate(ctx, `document.getElementById("small").checked`); got != "false" {
		t.Errorf("checking Large left Small checked")
	}
	locked, _ := s.Locate("#locked-label")
	err := locked.SetChecked(stepCtx(t, 2*time.Second), true)
	if err == nil || !strings.Contains(err.Error(), "disabled") {
		t.Errorf("checking the label of a disabled checkbox: %v, want a timeout that says disabled", err)
	}
}

// TestClickUnderStickyHeader: the element is in the viewport but under a
// fixed header. The click must not land on the header: kumite scrolls the
// element elsewhere and clicks it.
func TestClickUnderStickyHeader(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/sticky.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evaluate(ctx, `scrollTo(0, document.getElementById("target").offsetTop - 30); 1`); err != nil {
		t.Fatal(err)
	}
	target, _ := s.Locate("#target")
	if err := target.Click(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Evaluate(ctx, `JSON.stringify(clicks)`); got != `"[\"target\"]"` {
		t.Errorf("clicks reached %s, want only the target", got)
	}
}

// TestClickWaitsForStable: a button that slides for a moment is clicked
// once it stops; one that never stops fails the click, saying so.
func TestClickWaitsForStable(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/moving.html"); err != nil {
		t.Fatal(err)
	}
	settling, _ := s.Locate("#settling")
	if err := settling.Click(ctx); err != nil {
		t.Fatal(err)
	}
	if p, _ := settling.Inspect(ctx, "text"); p.Text != "clicked" {
		t.Errorf("the button that settles reads %q after the click", p.Text)
	}
	runner, _ := s.Locate("#runner")
	err := runner.Click(stepCtx(t, 2*time.Second))
	if err == nil || !strings.Contains(err.Error(), `<button id="runner"> "Catch me" is not stable`) {
		t.Errorf("clicking a button that never stops moving: %v, want a timeout saying it is not stable", err)
	}
	if p, _ := runner.Inspect(ctx, "text"); p.Text != "Catch me" {
		t.Errorf("the button that never stops reads %q: a click reached it", p.Text)
	}
}

// TestClickNotPressedWhereTheElementWas: a button jumps away when the
// mouse first comes over it. The move of a click is such a hover: the
// button must be pressed at its new place, and the element uncovered at
// its old place (which the page watches before kumite's listener can
// block anything) must never be pressed.
// The jump also comes in a task the mouseover posts (as React renders an
// update from a hover), after the frame the move was dispatched in.
func TestClickNotPressedWhereTheElementWas(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	for _, page := range []string{"/jumpy.html", "/jumpy.html?task"} {
		ctx := stepCtx(t, 10*time.Second)
		if err := s.Navigate(ctx, srv.URL+page); err != nil {
			t.Fatal(err)
		}
		jumpy, _ := s.Locate("#jumpy")
		if err := jumpy.Click(ctx); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Evaluate(ctx, `JSON.stringify([document.getElementById("out").textContent, presses])`)
		if got != `"[\"jumpy clicked\",[\"jumpy\"]]"` {
			t.Errorf("%s: out and presses are %s, want the button clicked and pressed once, the decoy never", page, got)
		}
	}
}

// TestClickTakesTheMovesFrame: on a still element, the frame the mouse
// move is dispatched in is the stability check's frame boundary, so a
// click's second check waits for no frame of its own (it did, one frame
// per click, before). Also for a button in a frame.
func TestClickTakesTheMovesFrame(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 10*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	if err := s.SwitchToFrame(ctx, "#fr"); err != nil {
		t.Fatal(err)
	}
	inner, _ := s.Locate("#ib")
	s.SwitchToMainFrame()
	top, _ := s.Locate("#go")
	for i := range 10 {
		for _, l := range []*Locator{top, inner} {
			missed := 0
			p, err := l.armClick(ctx, mouseEvents, &missed)
			if err != nil {
				t.Fatalf("click %d on %s: %v", i, l, err)
			}
			err = s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
				_, err := disarm(ctx, tt)
				return err
			}))
			if err != nil {
				t.Fatal(err)
			}
			if p.Waited {
				t.Fatalf("click %d on %s waited for a frame after the move's", i, l)
			}
		}
	}
}
