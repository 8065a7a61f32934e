package karate

// unsupportedFunctions are the functions of Karate's driver API kumite does
// not run, and why: a step that calls one fails to parse, saying so.
var unsupportedFunctions = map[string]string{
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
