package karate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/dop251/goja"
)

// timeoutFn is timeout(ms): from now on each Karate step of the scenario
// may wait ms (instead of --timeout) for its elements and pages, also the
// rest of this one; it ends with the scenario (--scenario-timeout) all the
// same. timeout() goes back to --timeout. It returns the driver, so
// timeout(60000).click(...) chains. Natural steps keep --timeout.
func (s *Scenario) timeoutFn(c goja.FunctionCall) goja.Value {
	a := c.Argument(0)
	if goja.IsUndefined(a) || goja.IsNull(a) {
		s.stepTimeout = 0
		s.ctx = s.runCtx
		return s.rt.Get("driver")
	}
	ms, ok := a.Export().(int64)
	if !ok || ms <= 0 {
		s.throw(fmt.Errorf("timeout(%s): it takes milliseconds, a whole number above 0, e.g. timeout(60000); timeout() goes back to --timeout", s.show(a)))
	}
	s.stepTimeout = time.Duration(ms) * time.Millisecond
	s.ctx = s.stepContext(s.runCtx)
	s.watch()
	return s.rt.Get("driver")
}

// watch stops the step's JavaScript when the step's context ends: goja
// runs a loop that never ends until it is interrupted, and the runner
// waits for the step. What runs in Go (a driver call) ends with the
// context by itself; the interrupt takes effect when JavaScript runs
// again. A later watch (timeout(ms) changed the context) replaces it.
func (s *Scenario) watch() {
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	if s.stopWatch != nil {
		s.stopWatch()
	}
	ctx := s.ctx
	s.stopWatch = context.AfterFunc(ctx, func() {
		s.watchMu.Lock()
		defer s.watchMu.Unlock()
		if s.stopWatch != nil {
			s.rt.Interrupt(fmt.Errorf("stopped the step's JavaScript, still running: %w", ctx.Err()))
		}
	})
}

// unwatch ends the step's watch and clears an interrupt it made, so the
// runtime runs the next step.
func (s *Scenario) unwatch() {
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	s.stopWatch()
	s.stopWatch = nil
	s.rt.ClearInterrupt()
}

// stepContext is the context a step's driver calls wait with: the
// runner's (--timeout), or timeout(ms)'s within the scenario's life.
func (s *Scenario) stepContext(runCtx context.Context) context.Context {
	if s.stepTimeout <= 0 {
		return runCtx
	}
	base := s.env.Scenario
	if base == nil {
		base = context.WithoutCancel(runCtx)
	}
	ctx, cancel := context.WithTimeout(base, s.stepTimeout)
	s.cancels = append(s.cancels, cancel)
	return ctx
}

// callScope lets the running step, which calls a feature, run as long as
// the scenario may: the called feature's steps each have a step's time
// (calledStepContext), and a callonce or callSingle that another scenario
// is running is waited for, however long it takes within the scenario.
// The rest of the step keeps the scenario's time.
func (s *Scenario) callScope() {
	if s.env.Scenario == nil || s.inCall {
		return
	}
	s.inCall = true
	s.ctx = s.env.Scenario
	s.watch()
}

// calledStepContext is the context of one step of a called feature,
// within call's: the step timeout (or timeout(ms)'s) from now.
func (s *Scenario) calledStepContext(call context.Context) context.Context {
	d := s.stepTimeout
	if d <= 0 {
		d = s.env.StepTimeout
	}
	if d <= 0 {
		return call
	}
	ctx, cancel := context.WithTimeout(call, d)
	s.cancels = append(s.cancels, cancel)
	return ctx
}

// closeTab is close(): the current tab closes and the scenario's first
// tab is current again. kumite keeps the first tab open (quit() resets it).
func (s *Scenario) closeTab() {
	s.check(wrap("close()", s.env.Session.CloseTab(s.ctx)))
}

// quit is quit(): the scenario's browser is made as new (its tabs but the
// first closed, the first on about:blank with no history, cookies and
// storage cleared), as if Karate had closed the browser; driver functions
// then fail until a driver URL (or driver.url = URL) opens a page.
func (s *Scenario) quit() {
	s.check(wrap("quit()", s.env.Session.Reset(s.ctx)))
	s.env.Session.HandleDialogs(leavePage)
	s.quitted = true
}

// afterQuit are the driver functions that still run after quit().
var afterQuit = []string{"delay", "timeout", "quit", "retry"}

// guard makes the driver function name fail clearly after quit().
func (s *Scenario) guard(name string, fn any) any {
	if slices.Contains(afterQuit, name) {
		return fn
	}
	call, _ := goja.AssertFunction(s.rt.ToValue(fn))
	return func(c goja.FunctionCall) goja.Value {
		if s.quitted {
			s.throw(fmt.Errorf("%s(): the browser was closed by quit(); open a page first, e.g. driver baseUrl + '/index.html'", name))
		}
		v, err := call(c.This, c.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}
}

// pdfOptions are the options pdf() takes: Page.printToPDF's, and Karate's
// orientation ('landscape' or 'portrait').
var pdfOptions = []string{"orientation", "landscape", "displayHeaderFooter", "printBackground", "scale", "paperWidth", "paperHeight",
	"marginTop", "marginBottom", "marginLeft", "marginRight", "pageRanges", "headerTemplate", "footerTemplate", "preferCSSPageSize"}

// pdf is pdf([options]): the page printed to PDF (Page.printToPDF with
// options), attached to the step as a file and returned as bytes (an
// ArrayBuffer).
func (s *Scenario) pdf(opts goja.Value) goja.Value {
	var p page.PrintToPDFParams
	what := "pdf()"
	if opts != nil && !goja.IsUndefined(opts) && !goja.IsNull(opts) {
		what = fmt.Sprintf("pdf(%s)", s.show(opts))
		m, ok := opts.Export().(map[string]any)
		if !ok {
			s.throw(fmt.Errorf("%s: the options are an object, e.g. pdf({ orientation: 'landscape' })", what))
		}
		for k, v := range m {
			if !slices.Contains(pdfOptions, k) {
				s.throw(fmt.Errorf("%s: unknown option %q (it takes %s)", what, k, strings.Join(pdfOptions, ", ")))
			}
			if k == "orientation" {
				o, _ := v.(string)
				if o != "landscape" && o != "portrait" {
					s.throw(fmt.Errorf("%s: orientation is 'landscape' or 'portrait', got %s", what, s.show(s.rt.ToValue(v))))
				}
				delete(m, k)
				m["landscape"] = o == "landscape"
			}
		}
		b, _ := json.Marshal(m)
		dec := json.NewDecoder(bytes.NewReader(b))
		if err := dec.Decode(&p); err != nil {
			s.throw(fmt.Errorf("%s: %v", what, err))
		}
	}
	data, err := s.env.Session.PDF(s.ctx, p)
	s.check(wrap(what, err))
	if s.env.Attach != nil {
		s.check(s.env.Attach("pdf", data, "pdf"))
	}
	return s.rt.ToValue(s.rt.NewArrayBuffer(data))
}

// switchPage(title or URL part) switches to the first tab whose title or
// URL contains it; switchPage(i) to the i-th tab (from 0) in the order
// getPages() lists them.
func (s *Scenario) switchPage(v goja.Value) {
	i, isIndex := v.Export().(int64)
	if !isIndex {
		s.check(s.env.Session.SwitchToTab(s.ctx, v.String()))
		return
	}
	tabs, err := s.env.Session.Tabs(s.ctx)
	s.check(wrap(fmt.Sprintf("switchPage(%d)", i), err))
	if i < 0 || int(i) >= len(tabs) {
		s.throw(fmt.Errorf("switchPage(%d): there are %d tabs, numbered from 0", i, len(tabs)))
	}
	s.check(wrap(fmt.Sprintf("switchPage(%d)", i), s.env.Session.SwitchToTab(s.ctx, tabs[i].URL)))
}
