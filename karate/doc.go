// Package karate runs the steps of Karate's UI dialect (`* click('{a}Go
// to file')`, `def`, `match`, `assert`, `configure driver`, ...) so that
// existing Karate browser features run on kumite unchanged, beside the
// natural steps of package steps.
//
// Parse decides, without a browser, whether a step text is Karate and
// whether kumite supports everything it uses; what Karate documents and
// kumite does not support yet is an error there, so a dry run reports it.
// A Scenario holds one goja runtime (Karate's expressions are JavaScript)
// with the scenario's variables; it runs steps one at a time on the
// goroutine of its scenario and is never shared. What scenarios do share
// (the called features, read once, and the results of callonce and
// karate.callSingle) is a Shared, safe across workers: values cross
// runtimes as deep copies, never as JavaScript objects.
//
// It sits beside steps in the flow cmd -> config -> runner (steps, karate
// -> browser) -> results -> reporter -> publish: runner dispatches steps to
// it; it calls browser directly and knows nothing of godog, steps, results
// or reports.
package karate
