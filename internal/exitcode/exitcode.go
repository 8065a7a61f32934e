// Package exitcode gives errors the process exit code they should end with
// (DESIGN.md "Exit codes"). Only cmd/kumite's main turns them into os.Exit.
package exitcode

import (
	"errors"
	"fmt"
)

// Code is a process exit code.
type Code int

// The exit codes of kumite.
const (
	OK          Code = 0   // every scenario passed; publish done
	Failed      Code = 1   // a scenario failed or a step is undefined; some transfers failed
	Usage       Code = 2   // the run could not start: bad flag, config, feature file, no browser
	Interrupted Code = 130 // SIGINT
	Terminated  Code = 143 // SIGTERM
)

// Error is an error that carries the exit code the process should end with.
type Error struct {
	Code Code
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// With wraps err so that it exits with code. A nil err stays nil.
func With(code Code, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: code, Err: err}
}

// Usagef is a usage error (exit 2) with a formatted message.
func Usagef(format string, args ...any) error {
	return &Error{Code: Usage, Err: fmt.Errorf(format, args...)}
}

// Of returns the exit code for err: OK for nil, the carried code for an
// *Error, Failed for anything else.
func Of(err error) Code {
	if err == nil {
		return OK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Failed
}
