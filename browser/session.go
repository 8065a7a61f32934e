package browser

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Level says how bad a log entry of a page is.
type Level string

// Levels of log entries.
const (
	LevelInfo    Level = "info"
	LevelWarning Level = "warning"
	LevelError   Level = "error"
)

// LogEntry is something a page reported: a console message, an uncaught
// exception, a failed request, or a dialog kumite answered.
type LogEntry struct {
	Time   time.Time
	Level  Level
	Source string // console, exception, network, dialog
	Text   string
	URL    string // where it happened, with :line when known
}

// Session is one worker's isolated browser context: its tabs, the log of
// what its pages reported, and the answer armed for the next dialog. A
// session is reused scenario after scenario; Reset wipes everything a
// scenario could leave behind (cookies, storage, tabs, viewport, dialogs),
// which is much cheaper than a new context (see DESIGN.md "Performance
// notes"). A Session is used by one goroutine at a time.
type Session struct {
	b      *Browser
	ctxID  cdp.BrowserContextID
	home   context.Context    // new main tabs are opened from it, in the session's browser context
	owner  context.CancelFunc // disposes of the browser context the session made; nil on Chrome's default one
	main   *tab
	cur    *tab
	tabs   map[target.ID]*tab
	frames []string // locators of the frames entered with SwitchToFrame
	wg     sync.WaitGroup

	resized bool // a step set the viewport: Reset restores it
	resets  int  // resets so far: every gcEvery-th collects the tab's garbage

	mu      sync.Mutex
	logs    []LogEntry
	origins map[string]bool // every origin a page of this session loaded
	dialog  *DialogAnswer

	dialogHandler DialogHandler      // dialog.go
	lastDialog    *Dialog            // dialog.go
	onCall        func(calling bool) // dialog.go
}

// DialogAnswer is how the next JavaScript dialog (alert, confirm, prompt,
// beforeunload) is answered.
type DialogAnswer struct {
	Accept bool
	Text   string // typed into a prompt
}

type tab struct {
	framed    float64 // timeOrigin of the last document seen to render a frame
	id        target.ID
	ctx       context.Context
	cancel    context.CancelFunc
	stopWatch context.CancelFunc
	console   backlog // console messages Chrome sent that are not in the log yet

	crashMu sync.Mutex
	alive   context.Context // ends when the tab's renderer crashes
	crash   context.CancelFunc
}

// backlog counts a tab's console messages that Chrome sent and the tab's
// watcher has not noted in the log yet. chromedp hands console messages to
// the watcher through a queue, on a goroutine of its own, which can run
// behind the answers to calls: a message a page wrote during a step would
// then reach the log after the step took its logs, under the next step or,
// after the last one, under none (Reset clears the log). The count is
// taken on the goroutine that reads Chrome's messages, before any answer
// that came after the message is delivered (chromedp.Listen), so catchUp
// knows how many to wait for.
type backlog struct {
	mu     sync.Mutex
	count  int64         // messages Chrome sent
	done   int64         // messages the watcher noted
	ended  bool          // the watcher stopped: it notes nothing more
	change chan struct{} // closed when done grows or the watcher ends
}

// catchUpLimit bounds how long TakeLogs waits for the watchers. They are
// behind by microseconds, or milliseconds on a loaded machine; the limit is
// only there so that a watcher that never catches up cannot stall a run.
const catchUpLimit = 2 * time.Second

func (b *backlog) sent() {
	b.mu.Lock()
	b.count++
	b.mu.Unlock()
}

func (b *backlog) noted() {
	b.mu.Lock()
	b.done++
	b.wake()
	b.mu.Unlock()
}

func (b *backlog) end() {
	b.mu.Lock()
	b.ended = true
	b.wake()
	b.mu.Unlock()
}

// wake tells catchUp that something changed. b.mu is held.
func (b *backlog) wake() {
	if b.change != nil {
		close(b.change)
		b.change = nil
	}
}

// catchUp waits until the watcher noted every message counted so far, has
// ended, or the limit has passed.
func (b *backlog) catchUp(limit time.Time) {
	b.mu.Lock()
	want := b.count
	for b.done < want && !b.ended {
		if b.change == nil {
			b.change = make(chan struct{})
		}
		change := b.change
		b.mu.Unlock()
		timer := time.NewTimer(time.Until(limit))
		select {
		case <-change:
			timer.Stop()
		case <-timer.C:
			return
		}
		b.mu.Lock()
	}
	b.mu.Unlock()
}

// ErrPageCrashed is the error of every call on a tab whose renderer
// crashed, from the moment Chrome reports it, until Reset replaces the
// tab with a new one.
var ErrPageCrashed = errors.New("the page crashed (its renderer process ended)")

// life is the context that ends when the tab's renderer crashes.
func (t *tab) life() context.Context {
	t.crashMu.Lock()
	defer t.crashMu.Unlock()
	if t.alive == nil {
		t.alive, t.crash = context.WithCancel(context.Background())
	}
	return t.alive
}

func (t *tab) crashed() bool { return t.life().Err() != nil }

// markCrashed ends the tab's life: calls waiting on it return ErrPageCrashed.
func (t *tab) markCrashed() {
	t.life()
	t.crash()
}

// close stops the tab's watchers and closes it.
func (t *tab) close() {
	if t.stopWatch != nil {
		t.stopWatch()
	}
	t.cancel()
}

// NewSession creates an isolated browser context with one tab. The first
// session of a Chrome that kumite launched takes the tab Chrome opened at
// start in its default context, which in a fresh temporary profile is as
// isolated as a new context and saves a renderer start. A remote browser's
// default context is its user's profile, so there every session is new.
func (b *Browser) NewSession(ctx context.Context) (*Session, error) {
	s := &Session{b: b, tabs: map[target.ID]*tab{}, origins: map[string]bool{}}
	b.mu.Lock()
	first := !b.firstUsed && b.opts.Remote == ""
	b.firstUsed = true
	b.mu.Unlock()
	var t *tab
	if first {
		t = &tab{ctx: b.ctx, cancel: func() {}} // the browser owns its first tab
		s.home = b.ctx
	} else {
		// Canceling this context disposes of the browser context, so it
		// stays until Close even when its tab is replaced (recover); the
		// tabs opened later in the session are its children.
		tctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
		t = &tab{ctx: tctx, cancel: cancel}
		s.home, s.owner = tctx, cancel
	}
	if err := s.attach(ctx, t); err != nil {
		t.cancel()
		return nil, fmt.Errorf("open a browser context: %w", err)
	}
	info, err := chromedp.CallBrowser(b.ctx, target.GetTargetInfo, target.GetTargetInfoParams{TargetID: t.id})
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("open a browser context: %w", err)
	}
	s.ctxID = info.TargetInfo.BrowserContextID
	s.main, s.cur = t, t
	return s, nil
}

// attach starts the tab (or attaches to it) and the goroutines that watch
// its console, dialogs and navigations; they end with the tab's context.
func (s *Session) attach(ctx context.Context, t *tab) error {
	// The first run creates (or attaches) the tab and binds its life to
	// t.ctx, so it must not run under a shorter context.
	if err := chromedp.Do(t.ctx); err != nil {
		return err
	}
	t.id = chromedp.FromContext(t.ctx).Target.TargetID
	s.tabs[t.id] = t
	// The watchers stop with the session (Close), not only with the tab: the
	// first session's tab lives as long as the browser. Console subscribes
	// before Listen below counts, so every message counted is queued for
	// the watcher too.
	wctx, stop := context.WithCancel(t.ctx)
	t.stopWatch = stop
	console := chromedp.Console(wctx)
	dialogs := chromedp.Events(wctx, page.JavascriptDialogOpening)
	if err := chromedp.Listen(t.ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventFrameNavigated:
			s.noteOrigin(e.Frame.URL)
		case *inspector.EventTargetCrashed:
			t.markCrashed()
		case *runtime.EventConsoleAPICalled, *runtime.EventExceptionThrown, *log.EventEntryAdded:
			t.console.sent()
		}
	}); err != nil {
		stop()
		return err
	}
	s.wg.Go(func() {
		defer t.console.end()
		for m, err := range console {
			if err != nil {
				return
			}
			s.noteConsole(m)
			t.console.noted()
		}
	})
	s.wg.Go(func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			s.answerDialog(t, ev)
		}
	})
	return s.run(ctx, t, chromedp.Steps(quiet, focused, preinstall, s.defaultViewport()))
}

// preinstall has Chrome install kumite.js in each top-level document of
// the tab before the page's own scripts run, so the first locator of a
// page costs one evaluation instead of three (a call that finds no
// engine, the call again behind the source). The blank page of a reset
// gets none; a document that has none (a tab kumite switched to, a page
// that deleted it) still gets it on its first call (evaluateEngine).
var preinstall = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: enginePreinstall,
	})
	return err
})

// focused makes the tab behave as a focused window whatever other windows
// exist: document.hasFocus() is true, :focus matches, focus and blur
// events fire and autofocus works. Without it only the window Chrome
// focused last has focus, and a page's focus handling passes or fails
// depending on which worker runs it (Puppeteer and Playwright do the same).
var focused = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	_, err := cdp.Call(ctx, t, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
	return err
})

// quiet turns off the protocol domains chromedp enables that kumite does
// not need, as every event they send costs Chrome's browser process its
// serialisation. DOM and CSS serve chromedp's node-tree queries; kumite
// resolves locators in the page (kumite.js), so the events of every DOM
// mutation and style sheet, and the whole document chromedp fetches after
// each navigation, are CPU spent for nothing: on two cores that decides how
// fast a suite runs. Network reports every request and response, some 25
// events a scenario with the raw headers of each, for one status code:
// Navigate reads that from the page (Navigation Timing) instead, and a
// failed request still reaches the log as the console message Chrome
// writes for it (the Log domain). Off, a scenario costs 5-7% less CPU
// (make bench), opening a page Chrome's browser process a tenth less (go
// test ./browser -bench Cost). chromedp's navigation wait then has no
// Network.loadingFailed to notice a navigation Chrome aborts before it
// commits; see recover for the one kumite met.
var quiet = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	if _, err := cdp.Call(ctx, t, css.Disable, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := cdp.Call(ctx, t, dom.Disable, cdp.Empty{}); err != nil {
		return err
	}
	_, err := cdp.Call(ctx, t, network.Disable, cdp.Empty{})
	return err
})

// run runs a on tab t, bounded by ctx's deadline but not ending the tab
// when ctx ends (chromedp binds a tab's life to the context of its first
// run, so the tab context stays the parent).
// A crash of the tab's renderer ends the run at once with ErrPageCrashed:
// Chrome answers nothing more from a dead page, and a wait for it would
// last until the step's timeout.
func (s *Session) run(ctx context.Context, t *tab, a chromedp.Action[chromedp.Void]) error {
	life := t.life()
	if life.Err() != nil {
		return ErrPageCrashed
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if s.onCall != nil {
		s.onCall(true)
		defer s.onCall(false)
	}
	rctx, cancel := context.WithCancel(t.ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	stopLife := context.AfterFunc(life, cancel)
	defer stopLife()
	err := chromedp.Do(rctx, a)
	switch {
	case err != nil && life.Err() != nil:
		return ErrPageCrashed
	case err != nil && ctx.Err() != nil:
		return ctx.Err()
	}
	return err
}

func (s *Session) defaultViewport() chromedp.Action[chromedp.Void] {
	return viewport(s.b.opts.Width, s.b.opts.Height)
}

func viewport(w, h int) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if w <= 0 || h <= 0 {
			return nil
		}
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: int64(w), Height: int64(h), DeviceScaleFactor: 1,
		})
		return err
	})
}

func (s *Session) noteOrigin(u string) {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return
	}
	s.mu.Lock()
	s.origins[p.Scheme+"://"+p.Host] = true
	s.mu.Unlock()
}

func (s *Session) noteConsole(m chromedp.ConsoleMessage) {
	var level Level
	source := "console"
	switch m.Type {
	case chromedp.ConsoleError:
		level = LevelError
	case chromedp.ConsoleException:
		level, source = LevelError, "exception"
	case chromedp.ConsoleWarning:
		level = LevelWarning
	default:
		return // log, info, debug: too chatty for a report
	}
	where := m.URL
	if where != "" && m.Line >= 0 {
		where = fmt.Sprintf("%s:%d", m.URL, m.Line+1)
	}
	text := m.Text
	if strings.HasPrefix(text, "Failed to load resource") {
		source = "network"
	}
	s.log(LogEntry{Time: time.Now(), Level: level, Source: source, Text: text, URL: where})
}

func (s *Session) log(e LogEntry) {
	s.mu.Lock()
	s.logs = append(s.logs, e)
	s.mu.Unlock()
}

// TakeLogs returns what the pages reported since the last call, and forgets
// it. A console message Chrome sent before the answer to the last call is
// in it: TakeLogs waits (up to catchUpLimit) for the watchers to note it.
func (s *Session) TakeLogs() []LogEntry {
	limit := time.Now().Add(catchUpLimit)
	for _, t := range s.tabs {
		t.console.catchUp(limit)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.logs
	s.logs = nil
	return l
}

// ArmDialog sets how the next dialog is answered. Without an armed answer
// kumite accepts alerts and dismisses confirm, prompt and beforeunload, and
// logs each, as Playwright does.
func (s *Session) ArmDialog(a DialogAnswer) {
	s.mu.Lock()
	s.dialog = &a
	s.mu.Unlock()
}

func (s *Session) answerDialog(t *tab, ev page.EventJavascriptDialogOpening) {
	d := dialogOf(&ev)
	s.mu.Lock()
	armed := s.dialog
	s.dialog = nil
	s.lastDialog = &d
	handler := s.dialogHandler
	s.mu.Unlock()
	ans := DialogAnswer{Accept: ev.Type == page.DialogTypeAlert}
	how := "default"
	if armed != nil {
		ans, how = *armed, "as asked"
	} else if handler != nil {
		if a := handler(d); a != nil {
			ans, how = *a, "by the handler"
		}
	}
	params := page.HandleJavaScriptDialogParams{Accept: ans.Accept}
	if ev.Type == page.DialogTypePrompt && ans.Accept {
		params.PromptText = ans.Text
	}
	verb := "dismissed"
	if ans.Accept {
		verb = "accepted"
	}
	s.log(LogEntry{Time: time.Now(), Level: LevelInfo, Source: "dialog",
		Text: fmt.Sprintf("%s %s %q (%s)", verb, ev.Type, ev.Message, how), URL: ev.URL})
	ctx, cancel := context.WithTimeout(t.ctx, 5*time.Second)
	defer cancel()
	_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, params)
}

// Reset makes the session as new for the next scenario: other tabs closed,
// the main tab on about:blank with no history, at the default viewport,
// cookies, storage and cache of every origin it visited cleared, no frame
// entered, no dialog answer armed nor handler, no logs. A page that asks
// "Leave page?" is left.
func (s *Session) Reset(ctx context.Context) error {
	var errs []error
	for id, t := range s.tabs {
		if t != s.main {
			t.close()
			delete(s.tabs, id)
		}
	}
	if err := s.closeStrayTabs(ctx); err != nil {
		errs = append(errs, err)
	}
	s.cur, s.frames = s.main, nil
	if s.main.crashed() {
		if err := s.recover(ctx); err != nil {
			return errors.Join(append(errs, err)...)
		}
	}
	s.mu.Lock()
	origins := s.origins
	s.origins = map[string]bool{}
	s.dialog = nil
	// The scenario is over: a page asking "Leave page?" is left, or it
	// would stay and the blank page below never load.
	s.dialogHandler, s.lastDialog = AcceptBeforeUnload, nil
	s.logs = nil
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.dialogHandler, s.lastDialog = nil, nil
		s.mu.Unlock()
	}()

	err := s.run(ctx, s.main, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if err := blank(ctx, t); err != nil {
			return fmt.Errorf("open about:blank: %w", err)
		}
		// The tab's history is the last scenario's too: "I go back" must
		// not reach its pages.
		if err := resetHistory(ctx, t); err != nil {
			return fmt.Errorf("clear the history: %w", err)
		}
		return s.wipe(ctx, t, origins)
	}))
	s.TakeLogs() // what about:blank and the clearing reported is not the next scenario's
	if err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// recover replaces the main tab, whose renderer crashed, with a new tab in
// the session's browser context, set up as the session's first tab was,
// and closes the crashed one: as in Playwright, a crashed page is dead.
//
// Navigating the crashed tab instead (Chrome starts a new renderer for it)
// leaves a tab whose next navigation Chrome can abort before it commits
// (seen with Chromium 156 in 3 to 8 runs of 40 of TestWorkersFocusAndCrash:
// Page.frameStartedLoading, then Page.frameStoppedLoading with neither the
// "init" lifecycle event nor Page.frameNavigated of the new document).
// chromedp's wait for the end of a navigation notices such an abort only
// by the document request's Network.loadingFailed, so with the Network
// domain off (quiet) the step waited for its whole timeout. A new tab has
// no dead renderer behind it.
func (s *Session) recover(ctx context.Context) error {
	crashed := s.main
	tctx, cancel := chromedp.NewContext(s.home)
	t := &tab{ctx: tctx, cancel: cancel}
	if err := s.attach(ctx, t); err != nil {
		t.close()
		delete(s.tabs, t.id)
		return fmt.Errorf("replace the crashed page: open a new tab: %w", err)
	}
	s.main, s.cur = t, t
	s.resized = false // the new tab has the default viewport
	delete(s.tabs, crashed.id)
	if crashed.ctx != s.home {
		crashed.close()
		return nil
	}
	// The crashed tab's context is the browser's (the first session) or
	// owns the browser context: end its watchers and close the tab alone.
	// Chrome and chromedp's connection live on without that tab.
	crashed.stopWatch()
	if _, err := chromedp.CallBrowser(s.home, target.CloseTarget, target.CloseTargetParams{TargetID: crashed.id}); err != nil {
		return fmt.Errorf("close the crashed tab: %w", err)
	}
	return nil
}

// gcEvery is how often the reset collects the garbage of the pages the
// last scenarios left in the tab's renderer. V8 lets it grow to 60-90 MiB
// before a major collection of its own; right after the blank page almost
// nothing is alive, so a collection then is cheap (10-20 ms of the
// renderer's, at the same time as the clearing): every 10th reset, a
// 100-scenario run with 2 workers peaked at 361-372 MiB instead of
// 478-491 MiB (every 5th 350-358 MiB).
const gcEvery = 10

// wipe clears the cookies of the session's browser context, the cache and
// the storage of every origin it visited, the viewport when a step changed
// it, and every gcEvery-th time the renderer's garbage. The page is blank
// by now, so no script of the last scenario can write again. Chrome's
// storage and network services and the renderer do the work and answer
// when it is done; the calls do not depend on one another, so they are
// sent at once rather than one after another's answer.
func (s *Session) wipe(ctx context.Context, t *chromedp.Target, origins map[string]bool) error {
	clears := []func() error{func() error {
		if _, err := chromedp.CallBrowser(s.main.ctx, storage.ClearCookies, storage.ClearCookiesParams{BrowserContextID: s.ctxID}); err != nil {
			return fmt.Errorf("clear cookies: %w", err)
		}
		return nil
	}}
	if len(origins) > 0 {
		clears = append(clears, func() error {
			if _, err := cdp.Call(ctx, t, network.ClearBrowserCache, cdp.Empty{}); err != nil {
				return fmt.Errorf("clear cache: %w", err)
			}
			return nil
		})
	}
	for o := range origins {
		clears = append(clears, func() error {
			if _, err := cdp.Call(ctx, t, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: o, StorageTypes: "all"}); err != nil {
				return fmt.Errorf("clear storage of %s: %w", o, err)
			}
			return nil
		})
	}
	s.resets++
	if s.resets%gcEvery == 0 {
		clears = append(clears, func() error {
			if _, err := cdp.Call(ctx, t, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
				return fmt.Errorf("collect the pages' garbage: %w", err)
			}
			return nil
		})
	}
	if s.resized {
		// Setting the same size again costs a resize of the page: only
		// undo what a step did.
		clears = append(clears, func() error {
			if _, err := s.defaultViewport()(ctx, t); err != nil {
				return fmt.Errorf("restore the viewport: %w", err)
			}
			s.resized = false
			return nil
		})
	}
	errs := make([]error, len(clears))
	var wg sync.WaitGroup
	for i, clear := range clears {
		wg.Go(func() { errs[i] = clear() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// blank replaces the page with about:blank, which ends its scripts and
// timers. The page navigates itself: about:blank then inherits its origin
// and stays in its renderer, and the next scenario's first page on the same
// site reuses that renderer. A navigation from the browser side would start
// a renderer for about:blank and another one after it (DESIGN.md
// "Performance notes": a renderer swap costs 0.18 s).
func blank(ctx context.Context, t *chromedp.Target) error {
	// Listen before the page navigates, so its load event cannot be missed.
	lctx, stop := context.WithCancel(ctx)
	loaded := make(chan struct{}, 1)
	var wg sync.WaitGroup
	events := cdp.Events(lctx, t, page.LoadEventFired)
	wg.Go(func() {
		for _, err := range events {
			if err != nil {
				return
			}
			select {
			case loaded <- struct{}{}:
			default:
			}
		}
	})
	defer wg.Wait()
	defer stop()
	res, err := cdp.Call(ctx, t, runtime.Evaluate, runtime.EvaluateParams{
		Expression: `location.href === "about:blank" || (location.replace("about:blank"), false)`, ReturnByValue: new(true),
	})
	if err == nil && res.Result != nil && string(res.Result.Value) == "true" {
		return nil
	}
	// Check after each load event; the timer is there for a load event
	// that belonged to the page before (it was still loading).
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-loaded:
		case <-time.After(50 * time.Millisecond):
		}
		res, err := cdp.Call(ctx, t, runtime.Evaluate, runtime.EvaluateParams{
			Expression: `location.href === "about:blank" && document.readyState === "complete"`, ReturnByValue: new(true),
		})
		if err == nil && res.Result != nil && string(res.Result.Value) == "true" {
			return nil
		}
	}
}

// resetHistory forgets every history entry but the current one. Right
// after a navigation that swapped the renderer Chrome can answer "Not
// attached to an active page" for a moment, as it does for screenshots.
func resetHistory(ctx context.Context, t *chromedp.Target) error {
	for {
		_, err := cdp.Call(ctx, t, page.ResetNavigationHistory, cdp.Empty{})
		if err == nil || !strings.Contains(err.Error(), "Not attached to an active page") {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// closeStrayTabs closes pages of this browser context that kumite never
// switched to (opened by window.open or target=_blank).
func (s *Session) closeStrayTabs(ctx context.Context) error {
	infos, err := s.pages(ctx)
	if err != nil {
		return err
	}
	for _, in := range infos {
		if in.TargetID == s.main.id {
			continue
		}
		if _, err := chromedp.CallBrowser(s.main.ctx, target.CloseTarget, target.CloseTargetParams{TargetID: in.TargetID}); err != nil {
			return fmt.Errorf("close tab %s: %w", in.URL, err)
		}
	}
	return nil
}

// pages lists the page targets of this session's browser context.
func (s *Session) pages(ctx context.Context) ([]*target.Info, error) {
	lctx, cancel := context.WithCancel(s.main.ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	infos, err := chromedp.Targets(lctx)
	if err != nil {
		return nil, fmt.Errorf("list tabs: %w", err)
	}
	var out []*target.Info
	for _, in := range infos {
		if in.Type == "page" && in.BrowserContextID == s.ctxID {
			out = append(out, in)
		}
	}
	return out, nil
}

// Close closes the session's tabs and browser context and waits for its
// watchers to stop.
func (s *Session) Close() {
	for _, t := range s.tabs {
		t.close()
	}
	if s.owner != nil {
		s.owner()
	}
	s.wg.Wait()
}

// Tab is one open tab of a session.
type Tab struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

// Tabs lists the session's open tabs (the page targets of its browser
// context), in the order Chromium lists them.
func (s *Session) Tabs(ctx context.Context) ([]Tab, error) {
	infos, err := s.pages(ctx)
	if err != nil {
		return nil, err
	}
	tabs := make([]Tab, 0, len(infos))
	for _, in := range infos {
		tabs = append(tabs, Tab{URL: in.URL, Title: in.Title})
	}
	return tabs, nil
}
