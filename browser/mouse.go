package browser

import (
	"context"
	"fmt"
	"math"

	"github.com/chromedp/cdproto/cdp"
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
	p := input.DispatchMouseEventParams{X: math.Round(x), Y: math.Round(y)}
	switch action {
	case MouseMove:
		p.Type = input.DispatchMouseEventTypeMouseMoved
		if pressed {
			p.Button, p.Buttons = input.MouseButtonLeft, 1
		}
	case MouseDown, MouseUp:
		p.Type = input.DispatchMouseEventTypeMousePressed
		p.Buttons = 1
		if action == MouseUp {
			p.Type, p.Buttons = input.DispatchMouseEventTypeMouseReleased, 0
		}
		p.Button, p.ClickCount = input.MouseButtonLeft, int64(max(clicks, 1))
	default:
		return fmt.Errorf("unknown mouse action %q", action)
	}
	err := s.run(ctx, s.cur, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.DispatchMouseEvent, p)
		return err
	}))
	if err != nil {
		return fmt.Errorf("mouse %s at (%g, %g): %w", action, x, y, err)
	}
	return nil
}
