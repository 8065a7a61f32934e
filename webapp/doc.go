// Package webapp brings up the site under test for a run: it serves a
// static folder (or the embedded demo site) with --serve, or starts the
// app with --web-server and waits until --web-server-url answers, and it
// decides the run's base URL.
//
// It sits beside runner in the flow cmd -> config -> runner (steps ->
// browser) -> results -> reporter -> publish: runner starts and stops it;
// it knows nothing of browsers, features or reports.
package webapp
