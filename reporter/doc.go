// Package reporter turns a results.Run into the static report folder:
// index.html, features/*.html, timeline.html and their embedded assets,
// and the formats other tools read, junit.xml and cucumber.json. Every
// output is written from the results.Run alone, with every time and
// duration taken from it.
//
// It sits after results in the flow cmd -> config -> runner (steps ->
// browser) -> results -> reporter -> publish, and reads only the results
// model: it must not import chromedp, godog, browser, steps, runner or
// publish.
package reporter
