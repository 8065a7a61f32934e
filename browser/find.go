package browser

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// ExecNames are the program names looked up on PATH, in order, when no
// browser path is given.
var ExecNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// ErrNoBrowser is the error when no Chrome or Chromium can be found.
var ErrNoBrowser = errors.New("no Chrome or Chromium found")

// lookPath is exec.LookPath; a shim for testing.
var lookPath = exec.LookPath

// Find returns the browser to run: explicit (from --browser or
// KUMITE_BROWSER) when given, else the first of ExecNames on PATH.
func Find(explicit string) (string, error) {
	if explicit != "" {
		p, err := lookPath(explicit)
		if err != nil {
			return "", fmt.Errorf("%w: --browser %s: %v", ErrNoBrowser, explicit, err)
		}
		return p, nil
	}
	for _, name := range ExecNames {
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w on PATH (looked for %s); install one (Debian: apt-get install chromium) or pass --browser PATH",
		ErrNoBrowser, strings.Join(ExecNames, ", "))
}
