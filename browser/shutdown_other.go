//go:build !linux

package browser

import "github.com/chromedp/chromedp"

// process is a Chrome kumite launched. Here chromedp ends it: it kills the
// main process when its context ends, and its children follow it.
type process struct{}

func (p *process) options() []chromedp.ExecAllocatorOption { return nil }

// kill reports that it ended nothing: chromedp does.
func (p *process) kill() bool { return false }
