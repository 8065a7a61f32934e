package steps

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cucumber/godog"

	"github.com/kumite/kumite/browser"
)

// begin returns the scenario's World and the step's arguments with
// escapes undone and ${variables} expanded.
func begin(ctx context.Context, raw ...string) (*World, []string, error) {
	w := FromContext(ctx)
	if w == nil {
		return nil, nil, errors.New("kumite: step run outside a scenario (no World in context)")
	}
	args := make([]string, len(raw))
	for i, r := range raw {
		v, err := w.Expand(unquote(r))
		if err != nil {
			return nil, nil, err
		}
		args[i] = v
	}
	return w, args, nil
}

// withPage adds the page the failure happened on to err.
func (w *World) withPage(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w\n  page: %s", err, w.currentURL())
}

// currentURL is the current tab's URL for a failure message; it must work
// after the step's context ended.
func (w *World) currentURL() string {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	u, err := w.Session.URL(ctx)
	if err != nil {
		return "(unknown: " + err.Error() + ")"
	}
	return u
}

// eventually retries check until it holds or the step times out, then
// fails with what was expected, what was last seen and where.
func (w *World) eventually(ctx context.Context, expected string, check func(ctx context.Context) (ok bool, actual string, err error)) error {
	actual := "nothing yet (the page did not answer)"
	err := w.Session.Poll(ctx, func(ctx context.Context) (bool, error) {
		ok, a, err := check(ctx)
		if err != nil {
			return false, err
		}
		actual = a
		if !ok {
			return false, fmt.Errorf("%w: %s", browser.ErrNotYet, a)
		}
		return true, nil
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, browser.ErrTimeout):
		actual = w.clipAt(actual, maxActual)
		return fmt.Errorf("%s\n  actual: %s\n  page:   %s\n  waited: %s", expected, actual, w.currentURL(), w.Timeout)
	default:
		return w.withPage(fmt.Errorf("%s: %w", expected, err))
	}
}

func (w *World) locate(loc string) (*browser.Locator, error) {
	return w.Session.Locate(loc)
}

// located returns the World and a handle on the locator argument rawLoc,
// its escapes undone and variables expanded.
func located(ctx context.Context, rawLoc string) (*World, *browser.Locator, error) {
	w, args, err := begin(ctx, rawLoc)
	if err != nil {
		return nil, nil, err
	}
	l, err := w.locate(args[0])
	return w, l, err
}

// act runs an action on the element loc finds, with the page in its error.
func act(ctx context.Context, rawLoc string, do func(*World, *browser.Locator) error) error {
	w, l, err := located(ctx, rawLoc)
	if err != nil {
		return err
	}
	return w.withPage(do(w, l))
}

// onPage runs a step without arguments on the scenario's World.
func onPage(ctx context.Context, do func(w *World) error) error {
	w, _, err := begin(ctx)
	if err != nil {
		return err
	}
	return do(w)
}

// Navigation

func open(ctx context.Context, raw string) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	u, err := w.resolveURL(args[0])
	if err != nil {
		return err
	}
	return w.Session.Navigate(ctx, u)
}

func reload(ctx context.Context) error {
	return onPage(ctx, func(w *World) error { return w.withPage(w.Session.Reload(ctx)) })
}

func goBack(ctx context.Context) error {
	return onPage(ctx, func(w *World) error { return w.withPage(w.Session.Back(ctx)) })
}

func goForward(ctx context.Context) error {
	return onPage(ctx, func(w *World) error { return w.withPage(w.Session.Forward(ctx)) })
}

func switchToNewTab(ctx context.Context) error {
	return onPage(ctx, func(w *World) error { return w.Session.SwitchToNewTab(ctx) })
}

func switchToTab(ctx context.Context, raw string) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	return w.Session.SwitchToTab(ctx, args[0])
}

func switchToFrame(ctx context.Context, raw string) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	return w.withPage(w.Session.SwitchToFrame(ctx, args[0]))
}

func switchToMainFrame(ctx context.Context) error {
	return onPage(ctx, func(w *World) error { w.Session.SwitchToMainFrame(); return nil })
}

func setViewport(ctx context.Context, width, height int) error {
	w, _, err := begin(ctx)
	if err != nil {
		return err
	}
	return w.Session.SetViewport(ctx, width, height)
}

// Actions

func click(ctx context.Context, loc string) error {
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.Click(ctx) })
}

func doubleClick(ctx context.Context, loc string) error {
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.DoubleClick(ctx) })
}

func hover(ctx context.Context, loc string) error {
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.Hover(ctx) })
}

// typed marks text secret when it goes into a password field: the
// action finds the field, and before the text goes out, so the page's logs
// of the typing are masked too.
func typed(w *World, l *browser.Locator, text string, action func(l *browser.Locator) error) error {
	return action(l.OnPassword(func() { w.AddSecret(text) }))
}

func typeInto(ctx context.Context, rawText, loc string) error {
	w, args, err := begin(ctx, rawText)
	if err != nil {
		return err
	}
	return act(ctx, loc, func(_ *World, l *browser.Locator) error {
		return typed(w, l, args[0], func(l *browser.Locator) error { return l.Type(ctx, args[0]) })
	})
}

func fill(ctx context.Context, loc, rawText string) error {
	w, args, err := begin(ctx, rawText)
	if err != nil {
		return err
	}
	return act(ctx, loc, func(_ *World, l *browser.Locator) error {
		return typed(w, l, args[0], func(l *browser.Locator) error { return l.Fill(ctx, args[0]) })
	})
}

func clearField(ctx context.Context, loc string) error {
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.Clear(ctx) })
}

func press(ctx context.Context, rawKey string) error {
	w, args, err := begin(ctx, rawKey)
	if err != nil {
		return err
	}
	return w.Session.Press(ctx, args[0])
}

func pressIn(ctx context.Context, rawKey, loc string) error {
	_, args, err := begin(ctx, rawKey)
	if err != nil {
		return err
	}
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.Press(ctx, args[0]) })
}

func selectOption(ctx context.Context, rawOption, loc string) error {
	_, args, err := begin(ctx, rawOption)
	if err != nil {
		return err
	}
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.Select(ctx, args[0]) })
}

func check(ctx context.Context, loc string) error {
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.SetChecked(ctx, true) })
}

func uncheck(ctx context.Context, loc string) error {
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.SetChecked(ctx, false) })
}

func upload(ctx context.Context, rawFile, loc string) error {
	w, args, err := begin(ctx, rawFile)
	if err != nil {
		return err
	}
	path := args[0]
	if !filepath.IsAbs(path) {
		path = filepath.Join(w.FeatureDir, path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("upload %q: %v (the path is relative to the feature file's folder %s)", args[0], err, w.FeatureDir)
	}
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.Upload(ctx, []string{abs}) })
}

func scrollTo(ctx context.Context, loc string) error {
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.ScrollIntoView(ctx) })
}

func blur(ctx context.Context, loc string) error {
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.Blur(ctx) })
}

func acceptDialog(ctx context.Context) error {
	return armDialog(ctx, browser.DialogAnswer{Accept: true})
}
func dismissDialog(ctx context.Context) error {
	return armDialog(ctx, browser.DialogAnswer{Accept: false})
}

func answerDialog(ctx context.Context, raw string) error {
	_, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	return armDialog(ctx, browser.DialogAnswer{Accept: true, Text: args[0]})
}

func armDialog(ctx context.Context, a browser.DialogAnswer) error {
	return onPage(ctx, func(w *World) error { w.Session.ArmDialog(a); return nil })
}

func execute(ctx context.Context, raw string) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	out, err := w.Session.Evaluate(ctx, args[0])
	if err != nil {
		// The script's exception is the page's text: cut it as one (a
		// short error keeps what it wraps, a timeout among them).
		if msg := err.Error(); len(msg) > maxQuoted {
			err = errors.New(w.clip(msg))
		}
		return w.withPage(err)
	}
	if out != "" && out != "null" {
		w.note("result: %s", w.clip(out))
	}
	return nil
}

func waitMillis(ctx context.Context, n int) error {
	return pause(ctx, time.Duration(n)*time.Millisecond)
}
func waitSeconds(ctx context.Context, n int) error { return pause(ctx, time.Duration(n)*time.Second) }

// pause sleeps d; an explicit wait is bounded by the scenario timeout, not
// the step timeout, so "I wait 15 seconds" works with a 10 s step timeout.
func pause(ctx context.Context, d time.Duration) error {
	w, _, err := begin(ctx)
	if err != nil {
		return err
	}
	sctx := w.Scenario
	if sctx == nil {
		sctx = ctx
	}
	select {
	case <-time.After(d):
		return nil
	case <-sctx.Done():
		if errors.Is(sctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("wait %s: the scenario timed out", d)
		}
		return fmt.Errorf("wait %s: interrupted", d)
	}
}

func fillIn(ctx context.Context, table *godog.Table) error {
	if table == nil || len(table.Rows) == 0 {
		return errors.New(`the step "I fill in:" needs a table of | locator | value | rows`)
	}
	for i, row := range table.Rows {
		if len(row.Cells) != 2 {
			return fmt.Errorf(`the step "I fill in:": row %d has %d cells; each row is | locator | value |`, i+1, len(row.Cells))
		}
		loc, value := row.Cells[0].Value, row.Cells[1].Value
		if i == 0 && strings.EqualFold(loc, "locator") && strings.EqualFold(value, "value") {
			continue // a header row
		}
		if err := fill(ctx, loc, value); err != nil {
			return fmt.Errorf("row %d: %w", i+1, err)
		}
	}
	return nil
}

// Waits

func waitFor(ctx context.Context, loc string) error { return waitForState(ctx, loc, "visible") }

func waitForState(ctx context.Context, loc, state string) error {
	return act(ctx, loc, func(_ *World, l *browser.Locator) error { return l.WaitFor(ctx, browser.State(state)) })
}

// Assertions on the page

func urlIs(ctx context.Context, raw string) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	want := args[0]
	if w.BaseURL != "" {
		if abs, err := w.resolveURL(want); err == nil {
			want = abs
		}
	}
	return w.eventually(ctx, fmt.Sprintf("expected the URL to be %q", want), func(ctx context.Context) (bool, string, error) {
		u, err := w.Session.URL(ctx)
		return u == want, w.quote(u), err
	})
}

func urlContains(ctx context.Context, raw string) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	return w.eventually(ctx, fmt.Sprintf("expected the URL to contain %q", args[0]), func(ctx context.Context) (bool, string, error) {
		u, err := w.Session.URL(ctx)
		return strings.Contains(u, args[0]), w.quote(u), err
	})
}

func urlMatches(ctx context.Context, raw string) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	re, err := regexp.Compile(args[0])
	if err != nil {
		return fmt.Errorf("the URL should match %q: not a valid regular expression: %v", args[0], err)
	}
	return w.eventually(ctx, fmt.Sprintf("expected the URL to match %s", re), func(ctx context.Context) (bool, string, error) {
		u, err := w.Session.URL(ctx)
		return re.MatchString(u), w.quote(u), err
	})
}

func titleIs(ctx context.Context, raw string) error {
	return titleCheck(ctx, raw, "be", func(t, want string) bool { return t == want })
}

func titleContains(ctx context.Context, raw string) error {
	return titleCheck(ctx, raw, "contain", strings.Contains)
}

func titleCheck(ctx context.Context, raw, verb string, ok func(title, want string) bool) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	return w.eventually(ctx, fmt.Sprintf("expected the title to %s %q", verb, args[0]), func(ctx context.Context) (bool, string, error) {
		t, err := w.Session.Title(ctx)
		return ok(t, args[0]), w.quote(t), err
	})
}

func shouldSee(ctx context.Context, raw string) error    { return seeText(ctx, raw, true) }
func shouldNotSee(ctx context.Context, raw string) error { return seeText(ctx, raw, false) }

func seeText(ctx context.Context, raw string, want bool) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	text := collapse(args[0])
	verb := "to see"
	if !want {
		verb = "not to see"
	}
	return w.eventually(ctx, fmt.Sprintf("expected %s %q on the page", verb, text), func(ctx context.Context) (bool, string, error) {
		page, err := w.Session.PageText(ctx)
		if err != nil {
			return false, "", err
		}
		found := strings.Contains(page, text)
		return found == want, "the page's text is " + excerpt(page, text), nil
	})
}

// excerpt shows where text is in page, or the start of page when it is not.
func excerpt(page, text string) string {
	const width = 120
	if i := strings.Index(page, text); i >= 0 {
		start := runeStart(page, max(0, i-30))
		end := runeStart(page, min(len(page), i+len(text)+30))
		return fmt.Sprintf("%q (found it)", "…"+page[start:end]+"…")
	}
	if len(page) > width {
		return fmt.Sprintf("%q", page[:runeStart(page, width)]+"…")
	}
	return fmt.Sprintf("%q", page)
}

// runeStart moves byte offset i of s back to the start of its character,
// so an excerpt does not cut one in half.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// spaces are the characters JavaScript's \s matches, as kumite.js
// collapses the page's text: also no-break and thin spaces, which a text
// copied from a page often has.
var spaces = regexp.MustCompile(`[\s\p{Z}\x{FEFF}]+`)

func collapse(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// Assertions on elements

// elementCheck retries one check of the element loc finds.
func elementCheck(ctx context.Context, loc, expected, what string, ok func(p browser.Probe) (bool, string)) error {
	w, l, err := located(ctx, loc)
	if err != nil {
		return err
	}
	return w.eventually(ctx, fmt.Sprintf("expected %s %s", l, expected), func(ctx context.Context) (bool, string, error) {
		p, err := l.Inspect(ctx, what)
		if err != nil {
			return false, "", err
		}
		good, actual := ok(p)
		return good, actual, nil
	})
}

func shouldBe(ctx context.Context, loc, state string) error {
	return elementCheck(ctx, loc, "to be "+state, "state", func(p browser.Probe) (bool, string) {
		if p.Count == 0 {
			return state == "hidden", "no element matches"
		}
		var good bool
		switch state {
		case "visible":
			good = p.Visible
		case "hidden":
			good = !p.Visible
		case "enabled":
			good = p.Enabled
		case "disabled":
			good = !p.Enabled
		case "checked":
			good = p.Checked
		case "unchecked":
			good = !p.Checked
		}
		return good, p.Observed() + checkedNote(state, p)
	})
}

func checkedNote(state string, p browser.Probe) string {
	if state != "checked" && state != "unchecked" {
		return ""
	}
	if p.Checked {
		return ", checked"
	}
	return ", unchecked"
}

func shouldBeFocused(ctx context.Context, loc string) error    { return focusCheck(ctx, loc, true) }
func shouldNotBeFocused(ctx context.Context, loc string) error { return focusCheck(ctx, loc, false) }

// focusCheck retries until one of loc's matches has the focus (want) or
// none has; a locator that matches nothing fails either way, so a typo in
// it does not pass "should not be focused".
func focusCheck(ctx context.Context, loc string, want bool) error {
	w, l, err := located(ctx, loc)
	if err != nil {
		return err
	}
	expected := "to be focused"
	if !want {
		expected = "not to be focused"
	}
	return w.eventually(ctx, fmt.Sprintf("expected %s %s", l, expected), func(ctx context.Context) (bool, string, error) {
		f, err := l.Focused(ctx)
		switch {
		case err != nil:
			return false, "", err
		case f.Count == 0:
			return false, "no element matches", nil
		case f.Focused:
			return want, f.Element + " has the focus", nil
		case f.Active == "":
			return !want, "nothing has the focus (it is on the page's <body>)", nil
		}
		return !want, "the focus is on " + f.Active, nil
	})
}

// The element's text is its visible text or its text content (a flex
// row's visible text has line breaks its content does not); either may
// match, as either matches a text locator.

func hasText(ctx context.Context, loc, raw string) error {
	return textCheck(ctx, loc, raw, "text", "to have text", func(p browser.Probe, want string) bool {
		want = collapse(want)
		return collapse(p.Text) == want || p.Content == want
	})
}

func containsText(ctx context.Context, loc, raw string) error {
	return textCheck(ctx, loc, raw, "text", "to contain", func(p browser.Probe, want string) bool {
		want = collapse(want)
		return strings.Contains(collapse(p.Text), want) || strings.Contains(p.Content, want)
	})
}

// hasExactText compares the text with its whitespace as rendered, or as
// written in the page, with no collapsing.
func hasExactText(ctx context.Context, loc, raw string) error {
	return textCheck(ctx, loc, raw, "rawText", "to have exact text", func(p browser.Probe, want string) bool {
		return p.Text == want || p.Content == want
	})
}

func hasValue(ctx context.Context, loc, raw string) error {
	return textCheck(ctx, loc, raw, "value", "to have value", func(p browser.Probe, want string) bool { return p.Text == want })
}

func textCheck(ctx context.Context, loc, raw, what, verb string, ok func(p browser.Probe, want string) bool) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	want := args[0]
	return elementCheck(ctx, loc, fmt.Sprintf("%s %q", verb, w.MaskText(want)), what, func(p browser.Probe) (bool, string) {
		if p.Count == 0 {
			return false, "no element matches"
		}
		actual := fmt.Sprintf("%s (%s)", w.quote(p.Text), p.Tag)
		if what == "rawText" && p.Content != p.Text {
			actual += ", as written " + w.quote(p.Content)
		}
		return ok(p, want), actual
	})
}

func hasClass(ctx context.Context, loc, raw string) error   { return classCheck(ctx, loc, raw, true) }
func hasNoClass(ctx context.Context, loc, raw string) error { return classCheck(ctx, loc, raw, false) }

// classCheck retries until the element has every class of the
// space-separated list raw (want), or none of them.
func classCheck(ctx context.Context, loc, raw string, want bool) error {
	w, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	names := strings.Fields(args[0])
	if len(names) == 0 {
		return fmt.Errorf("class %q: name a class, e.g. \"active\" (several, separated by spaces, must all be there)", args[0])
	}
	verb := "to have class"
	if !want {
		verb = "not to have class"
	}
	return elementCheck(ctx, loc, fmt.Sprintf("%s %q", verb, args[0]), "classes", func(p browser.Probe) (bool, string) {
		if p.Count == 0 {
			return false, "no element matches"
		}
		has := 0
		for _, n := range names {
			if slices.Contains(p.Texts, n) {
				has++
			}
		}
		actual := fmt.Sprintf("the classes of %s are %s", p.Tag, w.quote(strings.Join(p.Texts, " ")))
		if len(p.Texts) == 0 {
			actual = p.Tag + " has no class"
		}
		if want {
			return has == len(names), actual
		}
		return has == 0, actual
	})
}

func hasAttribute(ctx context.Context, loc, rawName, rawValue string) error {
	w, args, err := begin(ctx, rawName, rawValue)
	if err != nil {
		return err
	}
	name, want := args[0], args[1]
	return elementCheck(ctx, loc, fmt.Sprintf("to have attribute %s=%q", name, want), "attr:"+name, func(p browser.Probe) (bool, string) {
		switch {
		case p.Count == 0:
			return false, "no element matches"
		case !p.Has:
			return false, fmt.Sprintf("%s has no attribute %s", p.Element, name)
		}
		return p.Text == want, fmt.Sprintf("%s=%s (%s)", name, w.quote(p.Text), p.Element)
	})
}

func shouldExist(ctx context.Context, loc string) error {
	return countCheck(ctx, loc, "to exist", func(n int) bool { return n > 0 })
}

func shouldNotExist(ctx context.Context, loc string) error {
	return countCheck(ctx, loc, "not to exist", func(n int) bool { return n == 0 })
}

func countIs(ctx context.Context, n int, loc string) error {
	return countCheck(ctx, loc, fmt.Sprintf("to match exactly %d %s", n, plural(n)), func(c int) bool { return c == n })
}

func countAtLeast(ctx context.Context, n int, loc string) error {
	return countCheck(ctx, loc, fmt.Sprintf("to match at least %d %s", n, plural(n)), func(c int) bool { return c >= n })
}

func countAtMost(ctx context.Context, n int, loc string) error {
	return countCheck(ctx, loc, fmt.Sprintf("to match at most %d %s", n, plural(n)), func(c int) bool { return c <= n })
}

func plural(n int) string {
	if n == 1 {
		return "element"
	}
	return "elements"
}

func countCheck(ctx context.Context, loc, expected string, ok func(int) bool) error {
	w, l, err := located(ctx, loc)
	if err != nil {
		return err
	}
	return w.eventually(ctx, fmt.Sprintf("expected %s %s", l, expected), func(ctx context.Context) (bool, string, error) {
		n, err := l.Count(ctx)
		return ok(n), fmt.Sprintf("%d %s", n, plural(n)), err
	})
}

func visibleCountIs(ctx context.Context, n int, loc string) error {
	return visibleCountCheck(ctx, loc, fmt.Sprintf("exactly %d", n), n, func(c int) bool { return c == n })
}

func visibleCountAtLeast(ctx context.Context, n int, loc string) error {
	return visibleCountCheck(ctx, loc, fmt.Sprintf("at least %d", n), n, func(c int) bool { return c >= n })
}

func visibleCountAtMost(ctx context.Context, n int, loc string) error {
	return visibleCountCheck(ctx, loc, fmt.Sprintf("at most %d", n), n, func(c int) bool { return c <= n })
}

// visibleCountCheck retries until the number of loc's visible matches is
// ok; how many is worded (e.g. "at least 2") for n elements.
func visibleCountCheck(ctx context.Context, loc, how string, n int, ok func(int) bool) error {
	w, l, err := located(ctx, loc)
	if err != nil {
		return err
	}
	expected := fmt.Sprintf("expected %s to match %s visible %s", l, how, plural(n))
	return w.eventually(ctx, expected, func(ctx context.Context) (bool, string, error) {
		v, all, err := l.CountVisible(ctx)
		return ok(v), fmt.Sprintf("%d visible %s (%d in all)", v, plural(v), all), err
	})
}

// Local storage

// storageSecret marks value as secret when the item's key is named like a
// secret variable (authToken, db_password).
func (w *World) storageSecret(key, value string) {
	if secretName(key) {
		w.AddSecret(value)
	}
}

func setStorageItem(ctx context.Context, rawKey, rawValue string) error {
	w, args, err := begin(ctx, rawKey, rawValue)
	if err != nil {
		return err
	}
	key, value := args[0], args[1]
	w.storageSecret(key, value)
	return w.withPage(w.Session.SetLocalStorageItem(ctx, key, value))
}

func storageItemIs(ctx context.Context, rawKey, raw string) error {
	return storageCheck(ctx, rawKey, raw, "be", func(v, want string) bool { return v == want })
}

func storageItemContains(ctx context.Context, rawKey, raw string) error {
	return storageCheck(ctx, rawKey, raw, "contain", strings.Contains)
}

// storageCheck retries until the local storage item rawKey exists and its
// value is ok with the expected raw.
func storageCheck(ctx context.Context, rawKey, raw, verb string, ok func(value, want string) bool) error {
	w, args, err := begin(ctx, rawKey, raw)
	if err != nil {
		return err
	}
	key, want := args[0], args[1]
	w.storageSecret(key, want)
	expected := w.MaskText(fmt.Sprintf("expected the local storage item %q to %s %q", key, verb, want))
	return w.eventually(ctx, expected, func(ctx context.Context) (bool, string, error) {
		it, err := w.Session.LocalStorageItem(ctx, key)
		if err != nil {
			return false, "", err
		}
		if !it.Exists {
			return false, w.MaskText(fmt.Sprintf("no item %q; the items are %s", key, quoteKeys(it.Keys))), nil
		}
		w.storageSecret(key, it.Value)
		return ok(it.Value, want), w.quote(it.Value), nil
	})
}

func quoteKeys(keys []string) string {
	if len(keys) == 0 {
		return "none"
	}
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = fmt.Sprintf("%q", k)
	}
	return strings.Join(q, ", ")
}

// Screenshots

func screenshot(ctx context.Context) error { return shoot(ctx, "screenshot", false, "") }

func screenshotNamed(ctx context.Context, raw string) error {
	_, args, err := begin(ctx, raw)
	if err != nil {
		return err
	}
	return shoot(ctx, args[0], false, "")
}

func screenshotFull(ctx context.Context) error { return shoot(ctx, "full page", true, "") }

func screenshotOf(ctx context.Context, loc string) error {
	_, args, err := begin(ctx, loc)
	if err != nil {
		return err
	}
	return shoot(ctx, args[0], false, args[0])
}

func shoot(ctx context.Context, name string, full bool, loc string) error {
	w, _, err := begin(ctx)
	if err != nil {
		return err
	}
	var data []byte
	if loc != "" {
		l, lerr := w.locate(loc)
		if lerr != nil {
			return lerr
		}
		data, err = l.Screenshot(ctx)
	} else {
		data, err = w.Session.Screenshot(ctx, full)
	}
	if err != nil {
		return w.withPage(err)
	}
	if w.Attach == nil {
		return nil
	}
	ext := w.Session.ScreenshotExt()
	// The name is shown in the report and makes the file's name.
	return w.Attach(w.MaskText(name), data, ext, MediaType(ext))
}

// MediaType is the MIME type of a screenshot file extension.
func MediaType(ext string) string {
	switch ext {
	case "png":
		return "image/png"
	case "webp":
		return "image/webp"
	case "pdf":
		return "application/pdf"
	}
	return "image/jpeg"
}

// Variables

func storeText(ctx context.Context, loc, rawName string) error {
	return store(ctx, loc, rawName, "text")
}

func storeValue(ctx context.Context, loc, rawName string) error {
	return store(ctx, loc, rawName, "value")
}

func store(ctx context.Context, loc, rawName, what string) error {
	w, args, err := begin(ctx, loc, rawName)
	if err != nil {
		return err
	}
	l, err := w.locate(args[0])
	if err != nil {
		return err
	}
	var value string
	err = w.eventually(ctx, fmt.Sprintf("expected %s to exist, to store its %s", l, what), func(ctx context.Context) (bool, string, error) {
		p, err := l.Inspect(ctx, what)
		if err != nil || p.Count == 0 {
			return false, "no element matches", err
		}
		value = p.Text
		return true, "", nil
	})
	if err != nil {
		return err
	}
	if what == "text" {
		value = collapse(value)
	}
	w.SetVar(args[1], value)
	w.note("%s = %s", args[1], w.quote(value))
	return nil
}

func storeURL(ctx context.Context, rawName string) error {
	w, args, err := begin(ctx, rawName)
	if err != nil {
		return err
	}
	u, err := w.Session.URL(ctx)
	if err != nil {
		return w.withPage(err)
	}
	w.SetVar(args[0], u)
	w.note("%s = %s", args[0], w.quote(u))
	return nil
}
