package browser

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ExecNames are the program names looked up on PATH, in order, when no
// browser path is given: the full browser.
var ExecNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// HeadlessShells are tried first, in order, for a headless run when no
// browser path is given: Chrome's headless shell (the "old headless"
// build Playwright runs headless tests on) starts in half the time and
// takes about 60% of the CPU and 70% of the memory of the full browser.
// Debian's package (chromium-headless-shell) puts the binary in
// /usr/lib/chromium and a wrapper script on PATH; the binary comes first,
// because the wrapper runs it without exec: the kernel's kill-with-parent
// (which chromedp sets) would reach only the script, and a kumite killed
// hard would leave the browser running.
var HeadlessShells = []string{"/usr/lib/chromium/chromium-headless-shell", "chromium-headless-shell"}

// ErrNoBrowser is the error when no Chrome or Chromium can be found.
var ErrNoBrowser = errors.New("no Chrome or Chromium found")

// lookPath is exec.LookPath; a shim for testing.
var lookPath = exec.LookPath

// Find returns the browser to run: explicit (from --browser or
// KUMITE_BROWSER) when given; else, for a headless run, the first of
// HeadlessShells that exists; else the first of ExecNames on PATH.
func Find(explicit string, headless bool) (string, error) {
	if explicit != "" {
		p, err := lookPath(explicit)
		if err != nil {
			return "", fmt.Errorf("%w: --browser %s: %v", ErrNoBrowser, explicit, err)
		}
		return p, nil
	}
	names := ExecNames
	if headless {
		names = append(append([]string(nil), HeadlessShells...), ExecNames...)
	}
	for _, name := range names {
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w (looked for %s); install one (Debian: apt-get install chromium chromium-headless-shell) or pass --browser PATH",
		ErrNoBrowser, strings.Join(names, ", "))
}

// IsHeadlessShell reports whether path is Chrome's headless shell, by its
// name: Debian's chromium-headless-shell, Chrome for Testing's
// chrome-headless-shell, Playwright's headless_shell.
func IsHeadlessShell(path string) bool {
	name := filepath.Base(path)
	return strings.Contains(name, "headless-shell") || strings.Contains(name, "headless_shell")
}
