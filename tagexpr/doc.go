// Package tagexpr parses cucumber tag expressions (`@smoke and not @wip`)
// and matches them against a scenario's tags.
//
// It is a leaf of the flow cmd -> config -> runner (steps -> browser) ->
// results -> reporter -> publish: runner selects scenarios with it; it
// imports nothing of kumite.
package tagexpr
