package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Locator is a lazy handle on the elements a locator string finds in the
// frame that was current when it was made. Every call resolves it again, so
// it follows the page as it changes (as a Playwright locator does). Actions
// act on the first visible match and wait, until ctx ends, for it to be
// attached, visible and enabled; pointer actions also wait for it to be
// stable and check that it receives their events (see pointer).
//
// Locator grammar: CSS by default; XPath when it starts with "/", "./" or
// "("; Karate text locators "{a}Text" (an <a> whose visible text is exactly
// Text, whitespace collapsed), "{^a}Text" (contains), "{}Text" or "{*}Text"
// (any tag, innermost element), "{li:2}Text" (the 2nd match).
type Locator struct {
	s          *Session
	frames     []string
	sel        string
	nth        int    // -1: the first visible match; else this match (0-based)
	name       string // how messages show a chained locator (chain.go); "" for sel
	onPassword func() // see OnPassword
}

// OnPassword returns the locator with f to call when Type, Fill or Press
// finds its element is a password field, after the focus and before the
// text or key goes out: the caller masks the text from then on.
func (l *Locator) OnPassword(f func()) *Locator {
	c := *l
	c.onPassword = f
	return &c
}

// Locate returns a handle on sel in the current frame. It fails at once
// only for a locator that cannot be valid; a CSS or XPath syntax error is
// reported by the first call that resolves it.
func (s *Session) Locate(sel string) (*Locator, error) {
	if strings.TrimSpace(sel) == "" {
		return nil, errors.New(`empty locator: use CSS ("#id", "input[name=q]"), XPath ("//a") or text ("{a}Go to file")`)
	}
	if strings.HasPrefix(sel, "{") && !strings.Contains(sel, "}") {
		return nil, fmt.Errorf("locator %q: a text locator needs a closing brace, e.g. {a}Go to file or {}Sign in", sel)
	}
	return &Locator{s: s, frames: append([]string(nil), s.frames...), sel: sel, nth: -1}, nil
}

// ask runs an engine operation on this locator's element.
func (l *Locator) ask(ctx context.Context, op, arg string) (probe, error) {
	return l.s.askNth(ctx, l.frames, op, l.sel, arg, l.nth)
}

// String is the locator as written, with the frames it lives in.
func (l *Locator) String() string {
	s := fmt.Sprintf("%q", l.sel)
	if l.name != "" {
		s = l.name
	}
	if l.nth >= 0 {
		s = fmt.Sprintf("%s (match %d)", s, l.nth+1)
	}
	if len(l.frames) == 0 {
		return s
	}
	return fmt.Sprintf("%s in frame %s", s, strings.Join(l.frames, " > "))
}

// State is a condition an element can be waited for.
type State string

// The states of WaitFor.
const (
	Attached State = "attached" // at least one element matches
	Visible  State = "visible"  // the first match is visible
	Hidden   State = "hidden"   // no match is visible (or none exists)
	Enabled  State = "enabled"  // the first match is enabled
	Disabled State = "disabled" // the first match is disabled
	Gone     State = "gone"     // no element matches
)

// WaitFor waits until the locator's element is in state st.
func (l *Locator) WaitFor(ctx context.Context, st State) error {
	if err := l.waitFor(ctx, st); err != nil {
		return fmt.Errorf("wait for %s to be %s: %w", l, st, err)
	}
	return nil
}

// waitFor is WaitFor for an action, which names itself in its error.
func (l *Locator) waitFor(ctx context.Context, st State) error {
	return l.s.Poll(ctx, func(ctx context.Context) (bool, error) {
		p, err := l.ask(ctx, "state", "")
		if err != nil {
			return false, err
		}
		var ok bool
		switch st {
		case Attached:
			ok = p.Count > 0
		case Visible:
			ok = p.Count > 0 && p.Visible
		case Hidden:
			ok = p.Count == 0 || p.VisibleCount == 0
		case Gone:
			ok = p.Count == 0
		case Enabled:
			ok = p.Count > 0 && p.Enabled
		case Disabled:
			ok = p.Count > 0 && !p.Enabled
		default:
			return false, fmt.Errorf("unknown state %q", st)
		}
		if !ok {
			return false, fmt.Errorf("%w: %s", ErrNotYet, observed(p))
		}
		return true, nil
	})
}

// observed says in words what a probe found.
func observed(p probe) string {
	if p.Count == 0 {
		return "no element matches"
	}
	var flags []string
	if p.Visible {
		flags = append(flags, "visible")
	} else {
		flags = append(flags, "hidden")
	}
	if !p.Enabled {
		flags = append(flags, "disabled")
	}
	n := "1 element matches"
	if p.Count > 1 {
		n = fmt.Sprintf("%d elements match (%d visible)", p.Count, p.VisibleCount)
	}
	return fmt.Sprintf("%s; the first is %s, %s", n, p.Describe, strings.Join(flags, ", "))
}

// Count is the number of elements that match now (no waiting).
func (l *Locator) Count(ctx context.Context) (int, error) {
	p, err := l.ask(ctx, "count", "")
	if errors.Is(err, errRetry) {
		return 0, nil
	}
	return p.Count, err
}

// Probe is the state of the locator's element at one moment, for
// assertions that retry on their own.
type Probe struct {
	Count   int
	Visible bool
	Enabled bool
	Checked bool
	Text    string   // the text, value or attribute asked for
	Content string   // for "text": the text content, where layout breaks no lines
	Texts   []string // every match's text, for "texts"
	Has     bool     // the attribute exists
	Element string   // a short description, e.g. <a id="x"> "Go"
	Tag     string   // the same without the text, e.g. <a id="x">

	visibleCount int
}

// Observed says in words what the probe found, for failure messages.
func (p Probe) Observed() string {
	return observed(probe{Count: p.Count, Visible: p.Visible, Enabled: p.Enabled, Describe: p.Element, VisibleCount: p.visibleCount})
}

// Inspect reads what = "state", "text" (visible text), "rawText" (the text
// as rendered in Text and as written in Content, whitespace kept), "value",
// "texts", "classes" (in Texts) or "attr:NAME" of the locator's element
// now. A page between documents reads as no element.
func (l *Locator) Inspect(ctx context.Context, what string) (Probe, error) {
	op, arg, _ := strings.Cut(what, ":")
	p, err := l.ask(ctx, op, arg)
	if errors.Is(err, errRetry) {
		return Probe{}, nil
	}
	if err != nil {
		return Probe{}, err
	}
	return Probe{Count: p.Count, Visible: p.Visible, Enabled: p.Enabled, Checked: p.Checked,
		Text: p.text(), Content: p.Alt, Texts: p.Texts, Has: p.Has, Element: p.Describe, Tag: p.DescribeTag,
		visibleCount: p.VisibleCount}, nil
}

// actionable waits until the element can take input that is not a
// pointer event (attached, visible, enabled). On a document that may not
// have rendered yet (one a click just navigated to) it first waits for a
// frame: input sent before it is lost.
func (l *Locator) actionable(ctx context.Context, action string) (probe, error) {
	return l.whenUsable(ctx, action, "state", "")
}

// whenUsable asks kumite.js op (with arg) until the element is attached,
// visible and enabled; on a document that may not have rendered its first
// frame yet it waits for that frame and asks again. An op that acts
// ("focus") acts only on such an element.
func (l *Locator) whenUsable(ctx context.Context, action, op, arg string) (probe, error) {
	p, err := l.ready(ctx, action, op, arg)
	if err != nil || !l.unrendered(p) {
		return p, err
	}
	if _, err := l.s.firstFrame(ctx); err != nil {
		return p, fmt.Errorf("%s %s: wait for the page to render: %w", action, l, err)
	}
	return l.ready(ctx, action, op, arg)
}

func (l *Locator) ready(ctx context.Context, action, op, arg string) (probe, error) {
	var got probe
	err := l.s.Poll(ctx, func(ctx context.Context) (bool, error) {
		p, err := l.ask(ctx, op, arg)
		if err == nil {
			err = unusable(p)
		}
		if err != nil {
			return false, err
		}
		got = p
		return true, nil
	})
	if err != nil {
		return got, fmt.Errorf("%s %s: %w", action, l, err)
	}
	return got, nil
}

// The events a pointer action's hit-target check watches (kumite.js,
// "hover" and "arm").
const (
	hoverEvents = "hover" // the mouse moves
	mouseEvents = "mouse" // a button is pressed and released
	checkEvents = "check" // as mouse; a hidden checkbox is clicked through its label
)

// sendFunc sends the input events of a pointer action at (x, y).
type sendFunc func(ctx context.Context, t *chromedp.Target, x, y float64) error

// pointer performs a pointer action as Playwright does. It waits until
// the element is attached, visible, enabled and stable (the same box
// across animation frames) and the element at the action point is the
// element or inside it; then it sends the events and checks who received
// them. A capturing listener armed in the page right before records the
// real target of the first event and, when it is another element (a menu
// that closed, a re-render, an overlay, a sticky header), blocks the
// events before the page sees them. The action is then tried again until
// ctx ends, and fails naming the element that intercepted it: a step
// never passes on a click that landed elsewhere.
//
// A hover is armed by one evaluation (see armHover), a click by two
// around the mouse move (see armClick); one more call reads the outcome.
func (l *Locator) pointer(ctx context.Context, action, events string, send sendFunc) error {
	missed := 0 // tries whose point did not reach the element: each scrolls differently
	err := l.s.Poll(ctx, func(ctx context.Context) (bool, error) {
		arm := l.armClick
		if events == hoverEvents {
			arm = l.armHover
		}
		p, err := arm(ctx, events, &missed)
		if err != nil {
			return false, err
		}
		var got string
		err = l.s.run(ctx, l.s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if err := send(ctx, t, p.X, p.Y); err != nil {
				return err
			}
			got, err = disarm(ctx, t)
			return err
		}))
		if err != nil {
			return false, err
		}
		if got != "" {
			missed++
			what := "click"
			if events == hoverEvents {
				what = "mouse"
			}
			return false, fmt.Errorf("%w: the %s landed on %s, not on %s", ErrNotYet, what, got, p.Describe)
		}
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("%s %s: %w", action, l, err)
	}
	return nil
}

// armHover arms a hover in one evaluation (kumite.js "hover"): it scrolls
// the element into view, waits until its box is the same in two
// consecutive animation frames, hit-tests the action point and installs
// the listener that watches the move. The move itself is what the
// listener checks, so it is sent after.
func (l *Locator) armHover(ctx context.Context, events string, missed *int) (probe, error) {
	p, err := l.ask(ctx, "hover", fmt.Sprintf("%s:%d", events, *missed))
	if err != nil {
		return p, err
	}
	if err := l.notArmed(ctx, p, missed); err != nil {
		return p, err
	}
	if l.unrendered(p) && !p.Rendered {
		// No frame came while arming: the page may drop input until
		// its first one.
		if err := l.render(ctx); err != nil {
			return p, err
		}
		return p, fmt.Errorf("%w: the page had not rendered yet", ErrNotYet)
	}
	return p, nil
}

// armClick arms a click (or check) in two evaluations around the mouse move,
// so that the frame Chrome holds the move for (it dispatches a move at
// the next animation frame) is also the stability check's: "aim" scrolls
// the element into view, takes its box and hit-tests the action point at
// once; the mouse moves there; "arm" then requires the same box after the
// move and a frame boundary (so a hover effect of the move is seen; the
// frame the move was dispatched in is that boundary when arm saw both),
// hit-tests the point again and installs the listener for the press and
// release. A box that moved or a covered point fails the try, which
// starts again from aim.
func (l *Locator) armClick(ctx context.Context, events string, missed *int) (probe, error) {
	p, err := l.ask(ctx, "aim", fmt.Sprintf("%s:%d", events, *missed))
	if err != nil {
		return p, err
	}
	if err := unusable(p); err != nil {
		return p, err
	}
	if err := covered(p, missed); err != nil {
		return p, err
	}
	if l.unrendered(p) {
		// The page may drop input until its first frame.
		if err := l.render(ctx); err != nil {
			return p, err
		}
	}
	err = l.s.run(ctx, l.s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return mouse(ctx, t, input.DispatchMouseEventTypeMouseMoved, p.X, p.Y, 0, false)
	}))
	if err != nil {
		return p, err
	}
	armed, err := l.ask(ctx, "arm", "")
	if err != nil {
		return armed, err
	}
	return armed, l.notArmed(ctx, armed, missed)
}

// notArmed says why a pointer action cannot be sent to an element that
// was armed yet (as an ErrNotYet), or nil. A window that renders no frame
// is brought to the front.
func (l *Locator) notArmed(ctx context.Context, p probe, missed *int) error {
	if err := unusable(p); err != nil {
		return err
	}
	switch {
	case !p.Stable && !p.Moved:
		// The window renders no frames: bring it to the front.
		if err := l.s.front(ctx); err != nil {
			return err
		}
		return fmt.Errorf("%w: the page rendered too few animation frames to see whether %s is stable", ErrNotYet, p.Describe)
	case !p.Stable:
		return fmt.Errorf("%w: %s is not stable: it moved between two animation frames", ErrNotYet, p.Describe)
	}
	return covered(p, missed)
}

// unusable says that no element matches, or that it is hidden or
// disabled (as an ErrNotYet), or nil.
func unusable(p probe) error {
	if p.Count == 0 || !p.Visible || !p.Enabled {
		return fmt.Errorf("%w: %s", ErrNotYet, observed(p))
	}
	return nil
}

// covered says that another element is at the action point (as an
// ErrNotYet; the next try scrolls differently), or nil.
func covered(p probe, missed *int) error {
	if p.HitOK {
		return nil
	}
	*missed++
	return fmt.Errorf("%w: %s is covered by %s", ErrNotYet, p.Describe, p.Hit)
}

// unrendered tells whether the element's document may not have rendered
// yet (a click just navigated to it) and no frame of it was seen.
func (l *Locator) unrendered(p probe) bool {
	return p.Young && p.Origin != l.s.cur.framed
}

// render waits for the current document's first frame: input sent before
// it is lost. An error is retried.
func (l *Locator) render(ctx context.Context) error {
	if _, err := l.s.firstFrame(ctx); err != nil {
		return fmt.Errorf("%w: wait for the page to render: %v", errRetry, err)
	}
	return nil
}

// disarm removes the hit-target check of the last pointer action and
// returns the element that received its events instead of the target, or
// "" when the target did. A page that navigated away (a link) took the
// events: its listener went with the document.
func disarm(ctx context.Context, t *chromedp.Target) (string, error) {
	res, err := evaluateEngine(ctx, t, runtime.EvaluateParams{
		Expression: engineCall("disarm", nil, "", "", -1), ReturnByValue: new(true), Silent: new(true),
	})
	if err != nil {
		if isNavigating(err) {
			return "", nil
		}
		return "", fmt.Errorf("check who received the events: %w", err)
	}
	var p probe
	if res.ExceptionDetails != nil || res.Result == nil || json.Unmarshal(res.Result.Value, &p) != nil || p.HitOK {
		return "", nil
	}
	return p.Hit, nil
}

// Click clicks the middle of the element with the left mouse button.
func (l *Locator) Click(ctx context.Context) error { return l.click(ctx, "click", mouseEvents, 1) }

// DoubleClick double-clicks the middle of the element.
func (l *Locator) DoubleClick(ctx context.Context) error {
	return l.click(ctx, "double-click", mouseEvents, 2)
}

func (l *Locator) click(ctx context.Context, action, events string, times int) error {
	// The mouse is at (x, y) already: armClick moved it there.
	return l.pointer(ctx, action, events, func(ctx context.Context, t *chromedp.Target, x, y float64) error {
		for n := 1; n <= times; n++ {
			if err := mouse(ctx, t, input.DispatchMouseEventTypeMousePressed, x, y, n, false); err != nil {
				return err
			}
			if err := mouse(ctx, t, input.DispatchMouseEventTypeMouseReleased, x, y, n, false); err != nil {
				return err
			}
		}
		return nil
	})
}

// mouse sends one mouse event at (x, y), CSS pixels of the viewport: a
// press or release of the left button, clicks its click count (2 for the
// second click of a double click), or a move, with the left button down
// when held (a drag). buttons says what is down once the event happened,
// as a mouse's events do (0 on a release).
func mouse(ctx context.Context, t *chromedp.Target, typ input.DispatchMouseEventType, x, y float64, clicks int, held bool) error {
	params := input.DispatchMouseEventParams{Type: typ, X: math.Round(x), Y: math.Round(y)}
	switch {
	case typ == input.DispatchMouseEventTypeMousePressed:
		params.Button, params.ClickCount, params.Buttons = input.MouseButtonLeft, int64(max(clicks, 1)), 1
	case typ == input.DispatchMouseEventTypeMouseReleased:
		params.Button, params.ClickCount = input.MouseButtonLeft, int64(max(clicks, 1))
	case held:
		params.Button, params.Buttons = input.MouseButtonLeft, 1
	}
	_, err := cdp.Call(ctx, t, input.DispatchMouseEvent, params)
	return err
}

// Hover moves the mouse over the middle of the element.
func (l *Locator) Hover(ctx context.Context) error {
	return l.pointer(ctx, "hover over", hoverEvents, func(ctx context.Context, t *chromedp.Target, x, y float64) error {
		return mouse(ctx, t, input.DispatchMouseEventTypeMouseMoved, x, y, 0, false)
	})
}

// focus waits until the element takes input and focuses it; caret "end"
// puts the caret after its text, "all" selects its text.
func (l *Locator) focus(ctx context.Context, action, caret string) (probe, error) {
	// One evaluation finds the element usable and focuses it.
	p, err := l.whenUsable(ctx, action, "focus", caret)
	if err != nil {
		return p, err
	}
	if l.onPassword != nil && p.Type == "password" {
		l.onPassword()
	}
	return p, nil
}

// Type focuses the element, puts the caret at the end and types text with
// real key events, one character at a time.
//
// A date, time, color or range input takes no typing: its value is set,
// as Fill does.
func (l *Locator) Type(ctx context.Context, text string) error {
	p, err := l.focus(ctx, "type into", "end")
	if err != nil {
		return err
	}
	if valueTypes[p.Type] {
		return l.setValue(ctx, "type into", text)
	}
	return l.s.run(ctx, l.s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return typeKeys(ctx, t, text)
	}))
}

// valueTypes are input types that take a value but no typing.
var valueTypes = map[string]bool{"date": true, "time": true, "datetime-local": true, "month": true, "week": true, "color": true, "range": true}

// Fill replaces the element's value with text, as a user who selects all
// and types would (one input event for the whole text).
func (l *Locator) Fill(ctx context.Context, text string) error { return l.fill(ctx, "fill", text) }

func (l *Locator) fill(ctx context.Context, action, text string) error {
	p, err := l.focus(ctx, action, "all")
	if err != nil {
		return err
	}
	if valueTypes[p.Type] {
		return l.setValue(ctx, action, text)
	}
	return l.s.run(ctx, l.s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if text == "" {
			return pressKey(ctx, t, "Delete")
		}
		_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
		return err
	}))
}

// setValue sets the value of an input that takes no typing (valueTypes)
// and fires input and change; a value it does not take fails.
func (l *Locator) setValue(ctx context.Context, action, text string) error {
	if _, err := l.ask(ctx, "setValue", text); err != nil {
		return fmt.Errorf("%s %s: %w", action, l, err)
	}
	return nil
}

// Clear empties the element's value.
func (l *Locator) Clear(ctx context.Context) error { return l.fill(ctx, "clear", "") }

// Press focuses the element and presses key (e.g. "Enter", "Control+A").
func (l *Locator) Press(ctx context.Context, key string) error {
	if err := validKey(key); err != nil {
		return err
	}
	if _, err := l.focus(ctx, "press "+key+" in", ""); err != nil {
		return err
	}
	return l.s.run(ctx, l.s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return pressKey(ctx, t, key)
	}))
}

// Select chooses the option whose visible text is option, else whose value
// is option, and fires input and change events.
func (l *Locator) Select(ctx context.Context, option string) error {
	err := l.s.Poll(ctx, func(ctx context.Context) (bool, error) {
		if _, err := l.actionable(ctx, "select from"); err != nil {
			return false, err
		}
		p, err := l.ask(ctx, "select", option)
		if err != nil {
			return false, err
		}
		if p.Error != "" {
			return false, errors.New(p.Error)
		}
		if p.Selected == nil {
			return false, fmt.Errorf("%w: no option %q; the options are %s", ErrNotYet, option, quoteList(p.Options))
		}
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("select %q from %s: %w", option, l, err)
	}
	return nil
}

func quoteList(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// SetChecked clicks a checkbox or radio button when its checked state is
// not want, then waits for the state to be want. A label stands for its
// control (for=, or the input inside it): the label is clicked and the
// control's state is waited for, and a checkbox hidden under its styled
// label is clicked through the label, as Playwright's check() does.
func (l *Locator) SetChecked(ctx context.Context, want bool) error {
	verb := "check"
	if !want {
		verb = "uncheck"
	}
	p, err := l.waitChecked(ctx, verb)
	if err != nil {
		return err
	}
	if p.Checked != want {
		err := l.click(ctx, verb, checkEvents, 1)
		if err != nil {
			return err
		}
	}
	err = l.s.Poll(ctx, func(ctx context.Context) (bool, error) {
		p, err := l.ask(ctx, "state", "")
		if err != nil {
			return false, err
		}
		if p.Checked != want {
			return false, fmt.Errorf("%w: %s is still %s after a click", ErrNotYet, p.Describe, checkedWord(p.Checked))
		}
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("%s %s: %w", verb, l, err)
	}
	return nil
}

// waitChecked waits until the element (or its control) is attached and
// enabled, and returns its state.
func (l *Locator) waitChecked(ctx context.Context, verb string) (probe, error) {
	var got probe
	err := l.s.Poll(ctx, func(ctx context.Context) (bool, error) {
		p, err := l.ask(ctx, "state", "")
		if err != nil {
			return false, err
		}
		if p.Count == 0 || !p.Enabled {
			return false, fmt.Errorf("%w: %s", ErrNotYet, observed(p))
		}
		got = p
		return true, nil
	})
	if err != nil {
		return got, fmt.Errorf("%s %s: %w", verb, l, err)
	}
	return got, nil
}

func checkedWord(c bool) string {
	if c {
		return "checked"
	}
	return "unchecked"
}

// Upload sets the files (absolute paths) of a file input, which may be
// hidden, as file inputs often are.
func (l *Locator) Upload(ctx context.Context, files []string) error {
	if err := l.waitFor(ctx, Attached); err != nil {
		return fmt.Errorf("upload to %s: %w", l, err)
	}
	expr := engineCall("element", l.frames, l.sel, "", l.nth)
	err := l.s.run(ctx, l.s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := evaluateEngine(ctx, t, runtime.EvaluateParams{Expression: expr})
		if err != nil {
			return err
		}
		if res.Result == nil || res.Result.ObjectID == "" || res.Result.Subtype != "node" {
			return fmt.Errorf("the element went away")
		}
		_, err = cdp.Call(ctx, t, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: files, ObjectID: res.Result.ObjectID})
		return err
	}))
	if err != nil {
		return fmt.Errorf("upload to %s: %w", l, err)
	}
	return nil
}

// ScrollIntoView scrolls the element to the middle of the viewport.
func (l *Locator) ScrollIntoView(ctx context.Context) error {
	if err := l.waitFor(ctx, Attached); err != nil {
		return fmt.Errorf("scroll to %s: %w", l, err)
	}
	if _, err := l.ask(ctx, "scroll", ""); err != nil {
		return fmt.Errorf("scroll to %s: %w", l, err)
	}
	return nil
}

// Screenshot captures the element's box after scrolling it into view.
func (l *Locator) Screenshot(ctx context.Context) ([]byte, error) {
	if err := l.waitFor(ctx, Visible); err != nil {
		return nil, fmt.Errorf("screenshot of %s: %w", l, err)
	}
	p, err := l.ask(ctx, "rect", "")
	if err != nil {
		return nil, fmt.Errorf("screenshot of %s: %w", l, err)
	}
	if p.W < 1 || p.H < 1 {
		return nil, fmt.Errorf("screenshot of %s: it has no size (%gx%g)", l, p.W, p.H)
	}
	return l.s.capture(ctx, &clip{p.X, p.Y, p.W, p.H}, false)
}
