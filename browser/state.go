package browser

import (
	"context"
	"errors"
	"fmt"
)

// FocusState is where the focus is, seen from a locator.
type FocusState struct {
	Count   int    // how many elements match
	Focused bool   // a match has the focus, or holds it as a shadow host or an <iframe> does
	Element string // the match that has the focus, else the first visible match, described
	Active  string // what has the focus, described; "" when nothing has (it is on the <body>)
}

// Focused tells whether one of the locator's matches has the focus now (no
// waiting). It compares the active element of each root from the top
// document down through shadow roots and same-origin frames, as Playwright's
// toBeFocused does, and does not depend on document.hasFocus(), which a
// background tab may lack. A page between documents reads as no element.
func (l *Locator) Focused(ctx context.Context) (FocusState, error) {
	p, err := l.ask(ctx, "focused", "")
	if errors.Is(err, errRetry) {
		return FocusState{}, nil
	}
	return FocusState{Count: p.Count, Focused: p.Focused, Element: p.Describe, Active: p.Active}, err
}

// Blur takes the focus away from the locator's match that has it, as
// element.blur() does (Playwright's locator.blur()); a match without the
// focus is left alone. It waits for an element to match, and fails when
// the focus stays (a page that takes it back).
func (l *Locator) Blur(ctx context.Context) error {
	err := l.s.Poll(ctx, func(ctx context.Context) (bool, error) {
		p, err := l.ask(ctx, "blur", "")
		switch {
		case err != nil:
			return false, err
		case p.Count == 0:
			return false, fmt.Errorf("%w: no element matches", ErrNotYet)
		case p.Focused:
			return false, fmt.Errorf("%w: %s still has the focus after a blur", ErrNotYet, p.Describe)
		}
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("blur %s: %w", l, err)
	}
	return nil
}

// CountVisible is the number of visible matches and of all matches now (no
// waiting). A page between documents counts none.
func (l *Locator) CountVisible(ctx context.Context) (visible, all int, err error) {
	p, err := l.ask(ctx, "count", "")
	if errors.Is(err, errRetry) {
		return 0, 0, nil
	}
	return p.VisibleCount, p.Count, err
}

// StorageItem is one item of a page's local storage.
type StorageItem struct {
	Key    string
	Value  string
	Exists bool     // getItem did not answer null
	Keys   []string // the keys the storage holds, sorted (at most 50)
}

// LocalStorageItem reads the item key of the current frame's local
// storage. A page without one (about:blank, a data: URL) is an error.
func (s *Session) LocalStorageItem(ctx context.Context, key string) (StorageItem, error) {
	p, err := s.ask(ctx, s.frames, "storageGet", key, "")
	if errors.Is(err, errRetry) {
		return StorageItem{Key: key}, fmt.Errorf("%w: %v", ErrNotYet, err)
	}
	if err != nil {
		return StorageItem{Key: key}, fmt.Errorf("read the local storage item %q: %w", key, err)
	}
	return StorageItem{Key: key, Value: p.text(), Exists: p.Has, Keys: p.Texts}, nil
}

// SetLocalStorageItem sets the item key of the current frame's local
// storage to value, for the page's origin.
func (s *Session) SetLocalStorageItem(ctx context.Context, key, value string) error {
	err := Poll(ctx, func(ctx context.Context) (bool, error) {
		_, err := s.ask(ctx, s.frames, "storageSet", key, value)
		return err == nil, err
	})
	if err != nil {
		return fmt.Errorf("set the local storage item %q: %w", key, err)
	}
	return nil
}

// Evaluate calls the JavaScript function fn (its source, e.g.
// "e => e.outerHTML") with the locator's element now (no waiting) and
// gives back its result as JSON text ("" for undefined), as
// Session.Evaluate does. It fails when no element matches or fn throws.
// fn runs in the page's top window, so it must not use its own variables
// from elsewhere; a promise it returns is not awaited.
func (l *Locator) Evaluate(ctx context.Context, fn string) (string, error) {
	p, err := l.ask(ctx, "call", fn)
	if err == nil && p.Count == 0 {
		err = errors.New("no element matches")
	}
	if err != nil {
		return "", fmt.Errorf("run %s on %s: %w", fn, l, err)
	}
	return p.text(), nil
}

// EvaluateAll is Evaluate on each element the locator matches now, in
// document order; no match gives an empty slice.
func (l *Locator) EvaluateAll(ctx context.Context, fn string) ([]string, error) {
	p, err := l.ask(ctx, "callAll", fn)
	if err != nil {
		return nil, fmt.Errorf("run %s on each %s: %w", fn, l, err)
	}
	if p.Texts == nil {
		return []string{}, nil
	}
	return p.Texts, nil
}
