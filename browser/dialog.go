package browser

import "github.com/chromedp/cdproto/page"

// Dialog is a JavaScript dialog (alert, confirm, prompt, beforeunload) a
// page opened.
type Dialog struct {
	Type          string // alert, confirm, prompt or beforeunload
	Message       string
	DefaultPrompt string // a prompt's default text
	URL           string // the page that opened it
}

// DialogHandler decides how an open dialog is answered; nil means as
// without a handler (alerts accepted, the others dismissed).
type DialogHandler func(Dialog) *DialogAnswer

// AcceptBeforeUnload is a DialogHandler that confirms a page's "Leave
// page?" (beforeunload) and leaves the other dialogs to the default answer.
func AcceptBeforeUnload(d Dialog) *DialogAnswer {
	if d.Type == string(page.DialogTypeBeforeunload) {
		return &DialogAnswer{Accept: true}
	}
	return nil
}

// HandleDialogs answers each dialog that opens from now on with what h
// decides (an answer armed with ArmDialog comes first); nil removes the
// handler. h runs on a goroutine of its own while the page waits for the
// answer; Reset removes it.
func (s *Session) HandleDialogs(h DialogHandler) {
	s.mu.Lock()
	s.dialogHandler = h
	s.mu.Unlock()
}

// LastDialog is the last dialog a page of the session opened since Reset
// or ForgetDialog, and whether there was one.
func (s *Session) LastDialog() (Dialog, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lastDialog == nil {
		return Dialog{}, false
	}
	return *s.lastDialog, true
}

// ForgetDialog forgets the last dialog (LastDialog says there was none).
func (s *Session) ForgetDialog() {
	s.mu.Lock()
	s.lastDialog = nil
	s.mu.Unlock()
}

// OnCall, when set, is called with true before each call the session
// sends to the browser and with false after it: a caller that shares
// state with a DialogHandler can let the handler run while the page waits
// on the call (a click that opens an alert answers only once the alert is
// answered). It is set before the session is used and not while.
func (s *Session) OnCall(f func(calling bool)) { s.onCall = f }

// dialogOf is the Dialog of a CDP event.
func dialogOf(ev *page.EventJavascriptDialogOpening) Dialog {
	return Dialog{Type: string(ev.Type), Message: ev.Message, DefaultPrompt: ev.DefaultPrompt, URL: ev.URL}
}
