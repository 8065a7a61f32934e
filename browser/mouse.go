package browser

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// The mouse actions of MouseAt.
const (
	MouseMove = "move" // the pointer moves to the point
	MouseDown = "down" // the left button is pressed there
	MouseUp   = "up"   // the left button is released there
)

// MouseAt sends one mouse event at (x, y), CSS pixels from the top left
// of the current tab's viewport. Unlike a Locator's actions it waits for
// nothing and checks nothing: a point has no element to wait for. clicks
// is the click count of a press or release (1, or 2 for the second click
// of a double click); pressed says the left button is down during a move
// (a drag).
func (s *Session) MouseAt(ctx context.Context, action string, x, y float64, clicks int, pressed bool) error {
	typ, ok := map[string]input.DispatchMouseEventType{
		MouseMove: input.DispatchMouseEventTypeMouseMoved,
		MouseDown: input.DispatchMouseEventTypeMousePressed,
		MouseUp:   input.DispatchMouseEventTypeMouseReleased,
	}[action]
	if !ok {
		return fmt.Errorf("unknown mouse action %q", action)
	}
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return mouse(ctx, t, typ, x, y, clicks, pressed)
	}))
	if err != nil {
		return fmt.Errorf("mouse %s at (%g, %g): %w", action, x, y, err)
	}
	return nil
}
