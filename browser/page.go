package browser

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Navigate opens url in the current tab and waits for its load event.
func (s *Session) Navigate(ctx context.Context, url string) error {
	s.frames = nil
	open := chromedp.Navigate(url)
	err := s.run(ctx, s.cur, open)
	if err != nil {
		// A page that crashed while loading (chrome://crash, out of memory)
		// fails its navigation before Chrome reports the crash: ask the
		// page, which answers, or says it crashed.
		if !errors.Is(err, ErrPageCrashed) && ctx.Err() == nil {
			if _, perr := s.Evaluate(ctx, "1"); errors.Is(perr, ErrPageCrashed) {
				err = ErrPageCrashed
			}
		}
		return fmt.Errorf("open %s: %w", url, err)
	}
	status, err := s.firstFrame(ctx)
	if err != nil {
		return fmt.Errorf("open %s: wait for the page to render: %w", url, err)
	}
	if status >= 400 {
		// Like a browser, the step goes on; the log says why the page is wrong.
		s.log(LogEntry{Time: time.Now(), Level: LevelWarning, Source: "network", URL: url,
			Text: fmt.Sprintf("the page answered %d %s", status, http.StatusText(status))})
	}
	return nil
}

// firstFrame waits until the page has rendered a frame: input sent to a
// new renderer before its first frame is dropped, and a click lost so
// makes the next assertion fail for a reason no one can see.
// It remembers the document (by its performance.timeOrigin), so that
// actions on it need not wait again, and returns the HTTP status of the
// document (Navigation Timing's responseStatus; 0 when there was none,
// e.g. about:blank), which saves the protocol's network events.
// A window that renders no frame for half a second is brought to the
// front (see front).
func (s *Session) firstFrame(ctx context.Context) (status int, err error) {
	t := s.cur
	for {
		var seen [2]float64
		err := s.run(ctx, t, chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
			var err error
			seen, err = chromedp.Evaluate[[2]float64](
				`new Promise(r => {
					const nav = performance.getEntriesByType("navigation")[0], status = (nav && nav.responseStatus) || 0;
					const t = setTimeout(() => r([0, status]), 500);
					requestAnimationFrame(() => setTimeout(() => { clearTimeout(t); r([performance.timeOrigin, status]); }, 0));
				})`,
				chromedp.EvalAwaitPromise)(ctx, tt)
			return err
		}))
		if err != nil {
			return 0, err
		}
		if seen[0] != 0 {
			t.framed = seen[0]
			return int(seen[1]), nil
		}
		if err := s.front(ctx); err != nil {
			return 0, err
		}
	}
}

// Reload reloads the current tab and waits for its load event.
func (s *Session) Reload(ctx context.Context) error {
	s.frames = nil
	if err := s.run(ctx, s.cur, chromedp.Reload()); err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	if _, err := s.firstFrame(ctx); err != nil {
		return fmt.Errorf("reload: wait for the page to render: %w", err)
	}
	return nil
}

// Back goes one entry back in the tab's history.
func (s *Session) Back(ctx context.Context) error { return s.history(ctx, -1, "go back", "earlier") }

// Forward goes one entry forward in the tab's history.
func (s *Session) Forward(ctx context.Context) error {
	return s.history(ctx, +1, "go forward", "later")
}

func (s *Session) history(ctx context.Context, delta int, what, which string) error {
	s.frames = nil
	var want string
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		h, err := cdp.Call(ctx, t, page.GetNavigationHistory, cdp.Empty{})
		if err != nil {
			return err
		}
		i := int(h.CurrentIndex) + delta
		if i < 0 || i >= len(h.Entries) {
			return fmt.Errorf("there is no %s page in this tab's history (it holds %d, this is page %d)", which, len(h.Entries), h.CurrentIndex+1)
		}
		want = h.Entries[i].URL
		_, err = cdp.Call(ctx, t, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: h.Entries[i].ID})
		return err
	}))
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	// A page restored from the back-forward cache fires no load event
	// (chromedp's NavigateBack waits for one), so wait for the entry's URL
	// and a complete document instead.
	err = s.Poll(ctx, func(ctx context.Context) (bool, error) {
		got, err := s.Evaluate(ctx, `[location.href, document.readyState].join(" ")`)
		if err != nil {
			return false, fmt.Errorf("%w: %v", ErrNotYet, err)
		}
		if got != fmt.Sprintf("%q", want+" complete") {
			return false, fmt.Errorf("%w: at %s, not yet at %s", ErrNotYet, got, want)
		}
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if _, err := s.firstFrame(ctx); err != nil {
		return fmt.Errorf("%s: wait for the page to render: %w", what, err)
	}
	return nil
}

// URL is the address of the current tab's page.
func (s *Session) URL(ctx context.Context) (string, error) {
	var u string
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		var err error
		u, err = chromedp.Location()(ctx, t)
		return err
	}))
	if err != nil && isNavigating(err) {
		return "", fmt.Errorf("%w: the page is between documents (%v)", ErrNotYet, err)
	}
	return u, err
}

// Title is the title of the current tab's page.
func (s *Session) Title(ctx context.Context) (string, error) {
	var title string
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		var err error
		title, err = chromedp.Title()(ctx, t)
		return err
	}))
	if err != nil && isNavigating(err) {
		return "", fmt.Errorf("%w: the page is between documents (%v)", ErrNotYet, err)
	}
	return title, err
}

// PageText is the visible text of the current frame, whitespace collapsed.
func (s *Session) PageText(ctx context.Context) (string, error) {
	p, err := s.ask(ctx, s.frames, "pageText", "", "")
	return p.text(), err
}

// Evaluate runs JavaScript in the current frame, waits for a promise it
// returns, and gives back the result as JSON text ("" for undefined).
// Code sent through the protocol is not subject to the page's
// Content-Security-Policy, so it runs on pages that forbid eval.
func (s *Session) Evaluate(ctx context.Context, js string) (string, error) {
	var out string
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		var res *runtime.RemoteObject
		var exc *runtime.ExceptionDetails
		if len(s.frames) > 0 {
			r, err := s.evaluateInFrame(ctx, t, js)
			if err != nil {
				return err
			}
			res, exc = r.Result, r.ExceptionDetails
		} else {
			r, err := cdp.Call(ctx, t, runtime.Evaluate, runtime.EvaluateParams{
				Expression: js, ReturnByValue: new(true), AwaitPromise: new(true), UserGesture: new(true),
			})
			if err != nil {
				return err
			}
			res, exc = r.Result, r.ExceptionDetails
		}
		if exc != nil {
			return errors.New(exceptionText(exc))
		}
		if res != nil && len(res.Value) > 0 {
			out = string(res.Value)
		}
		return nil
	}))
	if err != nil {
		return "", fmt.Errorf("execute JavaScript: %w", err)
	}
	return out, nil
}

// evaluateInFrame runs js in the frame entered last, as the body of a
// function the protocol compiles in the frame's own context and calls. An
// eval in the frame (how kumite ran it before) is blocked by a frame whose
// Content-Security-Policy forbids eval: Runtime.evaluate lifts the policy
// only for the context it runs in, the top document's. The frame's context
// is found through its root element: kumite.js finds it (from the top
// context), and DOM.resolveNode gives it again in the frame's own.
// js is tried as an expression first; what does not parse as one runs as
// statements, and their value is what they return.
func (s *Session) evaluateInFrame(ctx context.Context, t *chromedp.Target, js string) (runtime.CallFunctionOnResult, error) {
	var none runtime.CallFunctionOnResult
	root, err := evaluateEngine(ctx, t, runtime.EvaluateParams{Expression: engineCall("element", s.frames, ":root", "", -1)})
	if err != nil {
		return none, err
	}
	if root.ExceptionDetails != nil {
		return none, errors.New(exceptionText(root.ExceptionDetails))
	}
	if root.Result == nil || root.Result.Subtype != "node" {
		return none, fmt.Errorf("the frame %s has no document", strings.Join(s.frames, " > "))
	}
	release := func(id runtime.RemoteObjectID) {
		_, _ = cdp.Call(ctx, t, runtime.ReleaseObject, runtime.ReleaseObjectParams{ObjectID: id})
	}
	defer release(root.Result.ObjectID)
	node, err := cdp.Call(ctx, t, dom.DescribeNode, dom.DescribeNodeParams{ObjectID: root.Result.ObjectID})
	if err != nil {
		return none, fmt.Errorf("find the frame's document: %w", err)
	}
	own, err := cdp.Call(ctx, t, dom.ResolveNode, dom.ResolveNodeParams{BackendNodeID: node.Node.BackendNodeID})
	if err != nil {
		return none, fmt.Errorf("find the frame's context: %w", err)
	}
	defer release(own.Object.ObjectID)
	call := func(body string) (runtime.CallFunctionOnResult, error) {
		return cdp.Call(ctx, t, runtime.CallFunctionOn, runtime.CallFunctionOnParams{
			FunctionDeclaration: "function () {" + body + "\n}", ObjectID: own.Object.ObjectID,
			ReturnByValue: new(true), AwaitPromise: new(true), UserGesture: new(true),
		})
	}
	res, err := call("return (" + js + "\n)")
	if err == nil && res.ExceptionDetails != nil && strings.HasPrefix(exceptionText(res.ExceptionDetails), "SyntaxError") {
		res, err = call(js)
	}
	return res, err
}

// SetViewport sets the size of the current tab's viewport in CSS pixels.
func (s *Session) SetViewport(ctx context.Context, width, height int) error {
	if width <= 0 || height <= 0 {
		return fmt.Errorf("viewport %dx%d: width and height must be positive", width, height)
	}
	s.resized = true
	return s.run(ctx, s.cur, viewport(width, height))
}

// Press presses key (e.g. "Enter", "Shift+Tab", "Control+A") on whatever
// has the focus.
func (s *Session) Press(ctx context.Context, key string) error {
	if err := validKey(key); err != nil {
		return err
	}
	return s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return pressKey(ctx, t, key)
	}))
}

// TypeText types text with real key events into whatever has the focus,
// as Locator.Type does into its element (a capital letter is typed as
// one, unlike Press, which is a key of the keyboard).
func (s *Session) TypeText(ctx context.Context, text string) error {
	return s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return typeKeys(ctx, t, text)
	}))
}

// SwitchToFrame makes the frame that loc finds (in the current frame) the
// one later locators and page-text checks work in. Only same-origin frames
// can be entered.
func (s *Session) SwitchToFrame(ctx context.Context, loc string) error {
	l, err := s.Locate(loc)
	if err != nil {
		return err
	}
	if err := l.waitFor(ctx, Attached); err != nil {
		return fmt.Errorf("switch to frame %s: %w", l, err)
	}
	frames := append(append([]string(nil), s.frames...), loc)
	// Wait until the frame has a document to work in.
	err = Poll(ctx, func(ctx context.Context) (bool, error) {
		_, err := s.ask(ctx, frames, "pageText", "", "")
		return err == nil, err
	})
	if err != nil {
		return fmt.Errorf("switch to frame %q: %w", loc, err)
	}
	s.frames = frames
	return nil
}

// SwitchToMainFrame leaves every frame entered with SwitchToFrame.
func (s *Session) SwitchToMainFrame() { s.frames = nil }

// SwitchToNewTab waits for a tab this session has not switched to yet
// (opened by a link or window.open) and makes it current.
func (s *Session) SwitchToNewTab(ctx context.Context) error {
	return s.switchTab(ctx, "the new tab", func(in *target.Info) bool { return s.tabs[in.TargetID] == nil })
}

// SwitchToTab makes current the first tab whose title or URL contains text.
func (s *Session) SwitchToTab(ctx context.Context, text string) error {
	return s.switchTab(ctx, fmt.Sprintf("the tab with %q", text), func(in *target.Info) bool {
		return strings.Contains(in.Title, text) || strings.Contains(in.URL, text)
	})
}

func (s *Session) switchTab(ctx context.Context, what string, want func(*target.Info) bool) error {
	var found *target.Info
	err := Poll(ctx, func(ctx context.Context) (bool, error) {
		infos, err := s.pages(ctx)
		if err != nil {
			return false, err
		}
		var seen []string
		for _, in := range infos {
			if want(in) {
				found = in
				return true, nil
			}
			seen = append(seen, fmt.Sprintf("%q (%s)", in.Title, in.URL))
		}
		return false, fmt.Errorf("%w: the open tabs are %s", ErrNotYet, strings.Join(seen, ", "))
	})
	if err != nil {
		return fmt.Errorf("switch to %s: %w", what, err)
	}
	t := s.tabs[found.TargetID]
	if t == nil {
		tctx, cancel := chromedp.NewContext(s.main.ctx, chromedp.WithTargetID(found.TargetID))
		t = &tab{ctx: tctx, cancel: cancel}
		if err := s.attach(ctx, t); err != nil {
			cancel()
			return fmt.Errorf("switch to %s: %w", what, err)
		}
	}
	// A hidden tab gets no animation frames; make it the active one.
	if _, err := chromedp.CallBrowser(s.main.ctx, target.ActivateTarget, target.ActivateTargetParams{TargetID: t.id}); err != nil {
		return fmt.Errorf("switch to %s: %w", what, err)
	}
	s.cur, s.frames = t, nil
	return nil
}

// front makes the current tab the active one. With popups open, the
// new headless mode can stop sending animation frames to a window that was
// clicked (Chromium 156, also with --disable-gpu-vsync); activating it
// starts them again.
func (s *Session) front(ctx context.Context) error {
	fctx, cancel := context.WithCancel(s.main.ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	if _, err := chromedp.CallBrowser(fctx, target.ActivateTarget, target.ActivateTargetParams{TargetID: s.cur.id}); err != nil {
		return fmt.Errorf("bring the tab to the front: %w", err)
	}
	return nil
}

// ScreenshotExt is the file extension of this session's screenshots.
func (s *Session) ScreenshotExt() string { return s.b.ScreenshotExt() }

// clip is a rectangle of the page in CSS pixels.
type clip struct{ x, y, w, h float64 }

// Screenshot captures the current tab's viewport, or the whole page.
func (s *Session) Screenshot(ctx context.Context, fullPage bool) ([]byte, error) {
	return s.capture(ctx, nil, fullPage)
}

// ScreenshotExt is the file extension of the screenshots this browser
// takes ("jpg", "png" or "webp").
func (b *Browser) ScreenshotExt() string {
	switch b.format() {
	case page.CaptureScreenshotFormatPng:
		return "png"
	case page.CaptureScreenshotFormatWebp:
		return "webp"
	}
	return "jpg"
}

func (b *Browser) format() page.CaptureScreenshotFormat {
	switch b.opts.ScreenshotFormat {
	case "png":
		return page.CaptureScreenshotFormatPng
	case "webp":
		return page.CaptureScreenshotFormatWebp
	}
	return page.CaptureScreenshotFormatJpeg
}

func (s *Session) capture(ctx context.Context, c *clip, fullPage bool) ([]byte, error) {
	// A report is read by people: encode fast rather than small (it makes
	// PNG several times faster to encode).
	params := page.CaptureScreenshotParams{Format: s.b.format(), FromSurface: new(true), OptimizeForSpeed: new(true)}
	if params.Format != page.CaptureScreenshotFormatPng {
		q := int64(s.b.opts.ScreenshotQuality)
		if q <= 0 {
			q = 80
		}
		params.Quality = &q
	}
	var data []byte
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		switch {
		case c != nil:
			params.Clip = &page.Viewport{X: c.x, Y: c.y, Width: c.w, Height: c.h, Scale: 1}
			params.CaptureBeyondViewport = new(true)
		case fullPage:
			m, err := cdp.Call(ctx, t, page.GetLayoutMetrics, cdp.Empty{})
			if err != nil {
				return err
			}
			size := m.CSSContentSize
			params.Clip = &page.Viewport{X: 0, Y: 0, Width: size.Width, Height: size.Height, Scale: 1}
			params.CaptureBeyondViewport = new(true)
		}
		// Right after a navigation that swapped the renderer, Chrome can
		// answer "Not attached to an active page" for a moment.
		for {
			res, err := cdp.Call(ctx, t, page.CaptureScreenshot, params)
			if err == nil || !strings.Contains(err.Error(), "Not attached to an active page") || ctx.Err() != nil {
				data = res.Data
				return err
			}
			select {
			case <-ctx.Done():
				return err
			case <-time.After(50 * time.Millisecond):
			}
		}
	}))
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	return data, nil
}
