package browser

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// Cookie is one cookie of the session's browser context.
type Cookie struct {
	Name     string  `json:"name"`
	Value    string  `json:"value"`
	Domain   string  `json:"domain"`
	Path     string  `json:"path"`
	Expires  float64 `json:"expires"` // seconds since the epoch; -1 for a session cookie
	HTTPOnly bool    `json:"httpOnly"`
	Secure   bool    `json:"secure"`
	SameSite string  `json:"sameSite,omitempty"`
}

// Cookies are the cookies the current page (and its frames) would send, in
// Chrome's order.
func (s *Session) Cookies(ctx context.Context) ([]Cookie, error) {
	var out []Cookie
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, network.GetCookies, network.GetCookiesParams{})
		if err != nil {
			return err
		}
		for _, c := range res.Cookies {
			out = append(out, Cookie{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path, Expires: c.Expires,
				HTTPOnly: c.HTTPOnly, Secure: c.Secure, SameSite: string(c.SameSite)})
		}
		return nil
	}))
	if err != nil {
		return nil, fmt.Errorf("read the cookies: %w", err)
	}
	return out, nil
}

// SetCookie sets a cookie. Without a Domain it belongs to the current
// page's URL (its host, and its path unless Path is given); Expires 0 or
// less makes a session cookie.
func (s *Session) SetCookie(ctx context.Context, c Cookie) error {
	if c.Name == "" {
		return fmt.Errorf("set cookie %+v: it needs a name", c)
	}
	p := network.SetCookieParams{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path,
		SameSite: network.CookieSameSite(c.SameSite)}
	if c.HTTPOnly {
		p.HTTPOnly = new(true)
	}
	if c.Secure {
		p.Secure = new(true)
	}
	if c.Expires > 0 {
		p.Expires = cdp.TimeSinceEpoch(c.Expires)
	}
	if c.Domain == "" {
		u, err := s.URL(ctx)
		if err != nil {
			return fmt.Errorf("set cookie %q: %w", c.Name, err)
		}
		p.URL = u
	}
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.SetCookie, p)
		return err
	}))
	if err != nil {
		return fmt.Errorf("set cookie %q: %w", c.Name, err)
	}
	return nil
}

// DeleteCookie deletes the cookies named name that the current page would
// send.
func (s *Session) DeleteCookie(ctx context.Context, name string) error {
	u, err := s.URL(ctx)
	if err == nil {
		err = s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, network.DeleteCookies, network.DeleteCookiesParams{Name: name, URL: u})
			return err
		}))
	}
	if err != nil {
		return fmt.Errorf("delete cookie %q: %w", name, err)
	}
	return nil
}

// ClearCookies deletes every cookie of the session's browser context (of
// every site), as a new scenario starts without any.
func (s *Session) ClearCookies(ctx context.Context) error {
	if _, err := chromedp.CallBrowser(s.main.ctx, storage.ClearCookies, storage.ClearCookiesParams{BrowserContextID: s.ctxID}); err != nil {
		return fmt.Errorf("clear cookies: %w", err)
	}
	return nil
}
