//go:build !linux

package browser

// killTree does nothing here: chromedp kills the browser process when its
// context ends, and its children follow it.
func killTree(int) {}
