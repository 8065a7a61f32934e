package browser

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

//go:embed kumite.js
var engineJS string

// probe is what kumite.js answers about a locator's element.
type probe struct {
	Count        int      `json:"count"`
	VisibleCount int      `json:"visibleCount"`
	Visible      bool     `json:"visible"`
	Enabled      bool     `json:"enabled"`
	Editable     bool     `json:"editable"`
	Checked      bool     `json:"checked"`
	Tag          string   `json:"tag"`
	Type         string   `json:"type"`
	Describe     string   `json:"describe"`
	DescribeTag  string   `json:"describeTag"`
	Text         *string  `json:"text"`
	Alt          string   `json:"alt"`
	Texts        []string `json:"texts"`
	Has          bool     `json:"has"`
	X            float64  `json:"x"`
	Y            float64  `json:"y"`
	W            float64  `json:"w"`
	H            float64  `json:"h"`
	HitOK        bool     `json:"hitOK"`
	Stable       bool     `json:"stable"`
	Moved        bool     `json:"moved"`    // two animation frames showed different boxes
	Rendered     bool     `json:"rendered"` // an animation frame came while arming
	Waited       bool     `json:"waited"`   // a click's arm waited for a frame after the move
	Young        bool     `json:"young"`
	Origin       float64  `json:"origin"` // performance.timeOrigin: which document answered
	Hit          string   `json:"hit"`
	Focused      bool     `json:"focused"`
	Active       string   `json:"active"` // what has the focus, described; "" for nothing
	Options      []string `json:"options"`
	Selected     *string  `json:"selected"`
	Error        string   `json:"error"`
	Fatal        bool     `json:"fatal"`
	Retry        bool     `json:"retry"`
}

func (p probe) text() string {
	if p.Text == nil {
		return ""
	}
	return *p.Text
}

// errRetry marks an answer that may change if asked again (the page is
// navigating, the frame is not there yet).
var errRetry = errors.New("page not ready")

// engineKey names the window property that holds kumite.js once it is
// installed in a document. The hash of the source is in the name, so a
// document never runs an engine of another kumite version, and a page's own
// globals cannot be taken for it.
var engineKey = func() string {
	sum := sha256.Sum256([]byte(engineJS))
	return "__kumiteEngine_" + hex.EncodeToString(sum[:6])
}()

// engineInstall defines the engine, non-enumerable, in a document that has
// none yet. Chrome runs it in each page a tab opens (preinstall); it is
// sent with a call only when the call found the engine missing.
var engineInstall = "Object.prototype.hasOwnProperty.call(window, " + strconv.Quote(engineKey) +
	") || Object.defineProperty(window, " + strconv.Quote(engineKey) + ", {value: " + engineJS + "});\n"

// enginePreinstall is engineInstall for Chrome to run in each new document
// of a tab (preinstall): top-level pages only, not the blank page of a
// reset.
var enginePreinstall = `window === window.top && location.href !== "about:blank" && (` +
	strings.TrimSuffix(engineInstall, ";\n") + ");"

// engineCall builds the expression that runs kumite.js with its arguments:
// a short call of the engine installed in the document (see evaluateEngine).
// nth -1 means the first visible match (else the first match).
func engineCall(op string, frames []string, loc, arg string, nth int) string {
	if frames == nil {
		frames = []string{}
	}
	args, _ := json.Marshal([]any{op, frames, loc, arg, nth})
	a := string(args)
	return "window." + engineKey + "(" + a[1:len(a)-1] + ")"
}

// engineMissing is what a document without the engine answers instead of
// running a call (see evaluateEngine): a value, not an exception, as an
// exception costs a stack trace and its description.
var engineMissing = strconv.Quote("kumite: no engine " + engineKey)

// evaluateEngine runs p, whose expression calls the engine (engineCall),
// on t. A document that has no engine yet (a reset's about:blank, a tab
// kumite switched to) answers engineMissing; then the same call is sent
// once more behind engineInstall. So the source (some 30 KB) crosses the
// wire and is compiled at most once per document, not on every call.
func evaluateEngine(ctx context.Context, t *chromedp.Target, p runtime.EvaluateParams) (runtime.EvaluateResult, error) {
	call := p.Expression
	p.Expression = "typeof window." + engineKey + ` !== "function" ? ` + engineMissing + " : (" + call + ")"
	res, err := cdp.Call(ctx, t, runtime.Evaluate, p)
	if err != nil || res.Result == nil || res.Result.Type != runtime.RemoteObjectTypeString || string(res.Result.Value) != engineMissing {
		return res, err
	}
	p.Expression = engineInstall + call
	return cdp.Call(ctx, t, runtime.Evaluate, p)
}

// ask runs one operation of kumite.js on the current tab, in the frames
// entered when the locator was made, and decodes the answer. A page that
// is between documents answers errRetry.
func (s *Session) ask(ctx context.Context, frames []string, op, loc, arg string) (probe, error) {
	return s.askNth(ctx, frames, op, loc, arg, -1)
}

// askNth is ask for the nth match (0-based) of loc, or -1 for the first
// visible one.
func (s *Session) askNth(ctx context.Context, frames []string, op, loc, arg string, nth int) (probe, error) {
	var p probe
	expr := engineCall(op, frames, loc, arg, nth)
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := evaluateEngine(ctx, t, runtime.EvaluateParams{
			Expression:    expr,
			ReturnByValue: new(true),
			AwaitPromise:  new(true), // "hover" and "arm" wait for animation frames
			Silent:        new(true),
		})
		if err != nil {
			return err
		}
		if res.ExceptionDetails != nil {
			return fmt.Errorf("kumite's page script failed: %s", exceptionText(res.ExceptionDetails))
		}
		if res.Result == nil || len(res.Result.Value) == 0 {
			return errRetry
		}
		return json.Unmarshal(res.Result.Value, &p)
	}))
	if err != nil {
		if ctx.Err() != nil {
			return p, ctx.Err()
		}
		if isNavigating(err) {
			return p, fmt.Errorf("%w: %v", errRetry, err)
		}
		return p, err
	}
	if p.Error != "" {
		if p.Fatal {
			return p, errors.New(p.Error)
		}
		if p.Retry {
			return p, fmt.Errorf("%w: %s", errRetry, p.Error)
		}
	}
	return p, nil
}

// isNavigating tells whether an evaluation failed because the document it
// ran in went away, which a retry on the next document fixes.
func isNavigating(err error) bool {
	if errors.Is(err, errRetry) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"Execution context was destroyed", "Cannot find context", "Inspected target navigated", "Cannot find default execution context"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

// pollIntervals are the pauses between checks of a wait, as Playwright
// spaces them: fast at first, then every 100 ms.
var pollIntervals = []time.Duration{0, 20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond}

// Poll calls check until it reports done, returns an error that is not a
// retry, or ctx ends. On timeout it returns the last reason check gave, so
// a failure says what was seen, not only that time ran out.
func Poll(ctx context.Context, check func(ctx context.Context) (done bool, err error)) error {
	return poll(ctx, sleepFor, check)
}

// Poll is Poll for a check of the session's current page: between two
// checks it waits in the page until the document changes (a
// MutationObserver) or the pause ends, whichever comes first, so that a
// wait ends as soon as the page shows what it waits for, not at the next
// tick of the schedule. Checks are never further apart than with Poll.
// Once a wait has lasted its first three pauses (170 ms), a page that
// keeps changing (a spinner driven by script) is checked at most every
// 50 ms, not at each of its frames.
func (s *Session) Poll(ctx context.Context, check func(ctx context.Context) (done bool, err error)) error {
	if s == nil {
		return Poll(ctx, check)
	}
	return poll(ctx, s.settle, check)
}

func poll(ctx context.Context, pause func(ctx context.Context, d, gap time.Duration) error, check func(ctx context.Context) (done bool, err error)) error {
	var last error
	for i := 0; ; i++ {
		d := pollIntervals[min(i, len(pollIntervals)-1)]
		if d > 0 {
			gap := time.Duration(0)
			if i >= len(pollIntervals) {
				gap = settleGap
			}
			if pause(ctx, d, gap) != nil {
				return timeoutError(last)
			}
		}
		done, err := check(ctx)
		if done && err == nil {
			return nil
		}
		if err != nil && !errors.Is(err, errRetry) && !errors.Is(err, ErrNotYet) {
			if ctx.Err() != nil {
				return timeoutError(last)
			}
			return err
		}
		if err != nil {
			last = err
		}
		if ctx.Err() != nil {
			return timeoutError(last)
		}
	}
}

// settleGap is the shortest pause between two checks of a long wait on a
// page that keeps changing.
const settleGap = 50 * time.Millisecond

// sleepFor waits d, or until ctx ends: Poll's pause.
func sleepFor(ctx context.Context, d, _ time.Duration) error { return sleep(ctx, d) }

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// settleJS resolves after %[1]d ms, or when the document changes once at
// least %[2]d ms have passed.
const settleJS = `new Promise((resolve) => {
  const start = performance.now();
  let timer;
  const done = () => { clearTimeout(timer); seen.disconnect(); resolve(); };
  const seen = new MutationObserver(() => {
    const early = %[2]d - (performance.now() - start);
    if (early <= 0) return done();
    seen.disconnect();
    clearTimeout(timer);
    timer = setTimeout(done, early);
  });
  seen.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  timer = setTimeout(done, %[1]d);
})`

// settle waits until the current page's document changes (not before gap),
// at most d. In a frame (whose document the top one does not see), or when
// the page cannot answer (it is between documents), it waits d, or until
// the navigation ends the call.
func (s *Session) settle(ctx context.Context, d, gap time.Duration) error {
	if len(s.frames) > 0 {
		return sleep(ctx, d)
	}
	start := time.Now()
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, runtime.Evaluate, runtime.EvaluateParams{
			Expression: fmt.Sprintf(settleJS, d.Milliseconds(), gap.Milliseconds()), AwaitPromise: new(true), ReturnByValue: new(true), Silent: new(true),
		})
		return err
	}))
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil && isNavigating(err):
		// The document went away (the check is due) or there is none yet:
		// not more than one check every 10 ms while there is none.
		return sleep(ctx, min(d, 10*time.Millisecond)-time.Since(start))
	case err != nil:
		// A page that cannot answer: do not ask again at once.
		return sleep(ctx, d-time.Since(start))
	}
	return nil
}

// ErrNotYet is what a Poll check returns to say "not yet, and here is what
// I saw" (wrap it with the observation).
var ErrNotYet = errors.New("not yet")

// ErrTimeout is the error of a wait that ran out of time.
var ErrTimeout = errors.New("timed out")

func timeoutError(last error) error {
	if last == nil {
		// The time ran out before one check was done: say so, rather than
		// leave the reader to guess what was seen.
		return fmt.Errorf("%w before the page answered", ErrTimeout)
	}
	msg := strings.TrimPrefix(strings.TrimPrefix(last.Error(), ErrNotYet.Error()+": "), errRetry.Error()+": ")
	return fmt.Errorf("%w: %s", ErrTimeout, msg)
}
