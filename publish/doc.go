// Package publish copies a report folder to S3: it plans (list, hash,
// diff), uploads and deletes with a bounded pool, and keeps the history of
// runs (runs/<id>/, latest/, history.json, index.html). Download reads a
// published report back (results.json and its screenshots) for
// `kumite report merge`.
//
// It is the last stop in the flow cmd -> config -> runner (steps ->
// browser) -> results -> reporter -> publish, and knows nothing of reports
// beyond files on disk (it may read results.json through package results
// for a history entry and for Download, and asks internal/reportdir which
// file is kumite's own bookkeeping and whether a link stays in the
// folder). It must not import browser, steps, runner or reporter.
package publish
