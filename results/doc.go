// Package results is the result model of a run: run -> features ->
// scenarios -> attempts -> steps -> logs and attachments, and its
// results.json encoding.
//
// The runner fills it; reporter and publish only read it. It imports
// nothing of kumite's and no browser or Gherkin library.
package results
