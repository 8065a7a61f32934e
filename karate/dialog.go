package karate

import (
	"context"
	"fmt"

	"github.com/dop251/goja"

	"github.com/kumite/kumite/browser"
)

// A dialog handler (onDialog) is JavaScript of the scenario's runtime, and
// the page opens a dialog while a step runs: the step's call into the page
// (the click that opened it) waits until the dialog is answered. So the
// handler runs on the goroutine that sees the dialog, and jsMu keeps it
// and the scenario from using the runtime at once: a step holds jsMu
// while it runs, except while it waits on a call to the browser (OnCall).

// onCall is the session's OnCall hook: it lets a dialog handler run while
// the running step waits on the browser.
func (s *Scenario) onCall(calling bool) {
	if !s.inStep {
		return
	}
	if calling {
		s.jsMu.Unlock()
	} else {
		s.jsMu.Lock()
	}
}

// pausable gives a step that waits without calling the browser (delay,
// waitUntil(function) between its checks) a way to let a dialog handler
// run meanwhile: pause releases the runtime, resume takes it back. In a
// dialog handler itself, both do nothing.
func (s *Scenario) pausable() (pause, resume func()) {
	held := true
	pause = func() {
		if held && s.inStep && s.ctx != cancelled {
			s.jsMu.Unlock()
			held = false
		}
	}
	resume = func() {
		if !held {
			s.jsMu.Lock()
			held = true
		}
	}
	return pause, resume
}

// cancelled is the context a dialog handler's driver calls get: the page
// waits for the handler's answer, so a call into it could only hang.
var cancelled = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// leavePage is the Karate dialect's answer to a dialog no handler
// answers: a page's beforeunload ("Leave page?") is confirmed, since the
// step that navigates away asked to leave, as Karate 2's driver does
// (its dialog.feature, "Navigate away from a page with a beforeunload
// handler"); the others get the session's default.
var leavePage = browser.AcceptBeforeUnload

// onDialog(fn) is Karate 2's dialog handler: fn gets each dialog that opens
// ({type, message, defaultPrompt, url} and getType(), getMessage(),
// getDefaultPrompt()) and answers it with accept(), accept(text) or
// dismiss(). A dialog fn leaves unanswered gets the default answer (alerts
// and beforeunload accepted, the others dismissed); onDialog(null) removes
// the handler. An
// answer set with dialog(accept, text) comes first.
func (s *Scenario) onDialog(v goja.Value) goja.Value {
	if v == nil || goja.IsNull(v) || goja.IsUndefined(v) {
		s.env.Session.HandleDialogs(leavePage)
		return s.rt.Get("driver")
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		s.throw(fmt.Errorf("onDialog(%s): it takes a function of the dialog, e.g. onDialog(d => d.accept()), or null", s.show(v)))
	}
	s.env.Session.HandleDialogs(func(d browser.Dialog) *browser.DialogAnswer {
		s.jsMu.Lock()
		defer s.jsMu.Unlock()
		saved := s.ctx
		s.ctx = cancelled
		defer func() { s.ctx = saved }()
		var ans *browser.DialogAnswer
		obj := s.rt.NewObject()
		for k, val := range map[string]string{"type": d.Type, "message": d.Message, "defaultPrompt": d.DefaultPrompt, "url": d.URL} {
			_ = obj.Set(k, val)
			getter := "get" + string(k[0]-'a'+'A') + k[1:]
			_ = obj.Set(getter, func() string { return val })
		}
		_ = obj.Set("accept", func(text goja.Value) {
			ans = &browser.DialogAnswer{Accept: true, Text: d.DefaultPrompt}
			if text != nil && !goja.IsUndefined(text) && !goja.IsNull(text) {
				ans.Text = text.String()
			}
		})
		_ = obj.Set("dismiss", func() { ans = &browser.DialogAnswer{} })
		_ = obj.Set("isHandled", func() bool { return ans != nil })
		if _, err := fn(goja.Undefined(), obj); err != nil {
			s.dialogFailure = fmt.Errorf("onDialog: the handler failed on the %s %q: %v (driver functions cannot run in it: the page waits for its answer)", d.Type, d.Message, err)
			return leavePage(d)
		}
		if ans == nil {
			return leavePage(d)
		}
		return ans
	})
	return s.rt.Get("driver")
}

// dialogText is driver.dialogText: the message of the last dialog a page
// opened in the scenario, or null; dialog() forgets it, as Karate's
// answer clears it.
func (s *Scenario) dialogText() any {
	d, ok := s.env.Session.LastDialog()
	if !ok {
		return nil
	}
	return d.Message
}
