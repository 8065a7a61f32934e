// Package reporter turns a results.Run into the static report folder:
// index.html, features/*.html and their embedded assets.
//
// It sits after results in the flow cmd -> config -> runner (steps ->
// browser) -> results -> reporter -> publish, and reads only the results
// model: it must not import chromedp, godog, browser, steps, runner or
// publish.
package reporter
