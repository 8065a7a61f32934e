// Package publish copies a report folder to S3: it plans (list, hash,
// diff), uploads and deletes with a bounded pool, and keeps the history of
// runs (runs/<id>/, latest/, history.json, index.html).
//
// It is the last stop in the flow cmd -> config -> runner (steps ->
// browser) -> results -> reporter -> publish, and knows nothing of reports
// beyond files on disk (it may read results.json through package results
// for a history entry). It must not import browser, steps, runner or
// reporter.
package publish
