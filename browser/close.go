package browser

import (
	"context"
	"errors"
	"fmt"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// ErrFirstTab is CloseTab's error on the session's first tab, which stays
// open for the session's life (Reset makes it as new).
var ErrFirstTab = errors.New("kumite keeps the scenario's first tab open; switch to another tab to close it")

// CloseTab closes the current tab and makes the session's first tab
// current again.
func (s *Session) CloseTab(ctx context.Context) error {
	t := s.cur
	if t == s.main {
		return fmt.Errorf("close the tab: %w", ErrFirstTab)
	}
	if _, err := chromedp.CallBrowser(s.main.ctx, target.CloseTarget, target.CloseTargetParams{TargetID: t.id}); err != nil {
		return fmt.Errorf("close the tab: %w", err)
	}
	t.close()
	delete(s.tabs, t.id)
	s.cur, s.frames = s.main, nil
	if err := s.front(ctx); err != nil {
		return fmt.Errorf("close the tab: %w", err)
	}
	return nil
}

// PDF prints the current tab's page to a PDF document (Page.printToPDF,
// which headless Chromium runs; a browser with a window may refuse it).
func (s *Session) PDF(ctx context.Context, p page.PrintToPDFParams) ([]byte, error) {
	var data []byte
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, page.PrintToPDF, p)
		data = res.Data
		return err
	}))
	if err != nil {
		return nil, fmt.Errorf("print the page to PDF: %w", err)
	}
	return data, nil
}
