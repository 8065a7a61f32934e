// Package browser drives Chrome through chromedp: it finds or attaches to a
// browser, gives each worker an isolated browser context (reset between
// scenarios), resolves locators, and offers auto-waiting actions, state
// probes, screenshots and the console/dialog capture of the pages.
//
// It sits under steps in the flow cmd -> config -> runner (steps -> browser)
// -> results -> reporter -> publish and knows nothing of Gherkin, godog or
// reports: it must not import steps, runner, results, reporter or publish.
// Its Locator type is the element handle that both the natural steps and
// the coming Karate dialect call.
package browser
