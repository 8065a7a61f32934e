// Package results is the result model of a run: run -> features ->
// scenarios -> attempts -> steps -> logs and attachments, its
// results.json encoding, the CodeBuild metadata of a run and the merge of
// the reports of shards.
//
// The runner fills it; reporter and publish only read it. It imports
// nothing of kumite's and no browser or Gherkin library.
package results
