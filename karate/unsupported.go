package karate

import (
	"fmt"
	"regexp"
)

// unsupportedWhy says more than "kumite does not run it yet" for the
// driver functions Karate documents that kumite does not run.
var unsupportedWhy = map[string]string{
	"minimize":       "a headless page has no window to hide",
	"intercept":      "kumite does not intercept or mock HTTP requests (Karate's mock features need its HTTP mock server)",
	"stopIntercept":  "kumite does not intercept HTTP requests",
	"scriptAwait":    "script() already waits for a promise the page's JavaScript returns",
	"emulateDevice":  "set the viewport with driver.dimensions = { width, height }, or --window-size",
	"inputFile":      "kumite does not upload files from Karate steps yet",
	"screenshotFull": "screenshot() takes the viewport",
	"hideKeyboard":   "it is for mobile drivers (Appium)",
	"activate":       "switchPage() brings the tab it switches to to the front",
}

// featureReadRe finds read( and karate.read( outside string literals
// (in src whose literals were blanked with stripSameLength).
var featureReadRe = regexp.MustCompile(`(?:^|[^\w$.]|\bkarate\s*\.\s*)read\s*\(\s*['"]`)

// literalFeatureRe is a string literal that names a feature file.
var literalFeatureRe = regexp.MustCompile(`^['"]([^'"]*\.feature)['"]`)

// checkFeatureRead fails for read('x.feature') used as a value: kumite
// reads a feature only to call it (call read('x.feature')), which
// parseCall takes before this check.
func checkFeatureRead(src string) error {
	runes, blank := []rune(src), []rune(stripSameLength(src))
	if len(runes) != len(blank) {
		return nil
	}
	for _, loc := range featureReadRe.FindAllStringIndex(string(blank), -1) {
		quote := len([]rune(string(blank)[:loc[1]])) - 1
		if m := literalFeatureRe.FindStringSubmatch(string(runes[quote:])); m != nil {
			return fmt.Errorf("read('%s'): kumite reads a feature only to call it, e.g. call read('%s') or def result = call read('%s')", m[1], m[1], m[1])
		}
	}
	return nil
}
