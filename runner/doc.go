// Package runner runs a selection of feature files: it parses them (with
// errors that name file and line), selects scenarios by path:line, tag
// expression and shard, dispatches each step to its dialect (the natural
// vocabulary of package steps, or Karate's of package karate), runs them
// through godog with a pool of warm, isolated browser sessions, and records
// every attempt, step, log and screenshot into a results.Run. It prints one line per finished scenario
// and a summary.
//
// It sits in the middle of the flow cmd -> config -> runner (steps ->
// browser) -> results -> reporter -> publish: it must not import reporter
// or publish.
package runner
