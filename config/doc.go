// Package config merges defaults, kumite.yaml, KUMITE_* environment
// variables and command-line flags into one Config value (later sources
// win).
//
// It is the first stop after cmd in the flow cmd -> config -> runner (steps
// -> browser) -> results -> reporter -> publish, and must not import any of
// the packages after it.
package config
