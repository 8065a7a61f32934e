package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/kumite/kumite/internal/exitcode"
)

// App is the process edge: every command reads its output streams,
// environment and interrupts from here, so tests run the CLI in-process and
// assert on what it printed and the code it returned. Only main calls os.Exit.
type App struct {
	Stdout  io.Writer
	Stderr  io.Writer
	Env     []string         // KEY=VALUE, as os.Environ
	Signals <-chan os.Signal // SIGINT/SIGTERM; nil when nothing can interrupt
	Version string
}

// Getenv looks name up in the App's environment.
func (a *App) Getenv(name string) (string, bool) {
	prefix := name + "="
	for i := len(a.Env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(a.Env[i], prefix); ok {
			return v, true
		}
	}
	return "", false
}

// Run runs the command line args (args[0] is the program name) and returns
// the process exit code.
func (a *App) Run(args []string) int {
	ctx, stop, interrupted := a.signalContext()
	defer stop()

	app := &cli.App{
		Name:            "kumite",
		Usage:           "run Gherkin features in headless Chrome, report, publish to S3",
		Version:         a.Version,
		Writer:          a.Stdout,
		ErrWriter:       a.Stderr,
		HideHelpCommand: true,
		// --chrome-flag=--disable-features=A,B is one flag, not two.
		DisableSliceFlagSeparator: true,
		ExitErrHandler:            func(*cli.Context, error) {}, // main owns the exit
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return exitcode.Usagef("%v (see kumite --help)", err)
		},
		Commands: []*cli.Command{
			a.runCommand(),
			a.publishCommand(),
			a.reportCommand(),
			a.stepsCommand(),
			a.initCommand(),
			a.versionCommand(),
		},
	}
	onUsageError("kumite", app.Commands)
	err := app.RunContext(ctx, args)
	code := exitcode.Of(err)
	if sig := interrupted(); sig != 0 && code != exitcode.OK {
		code = sig
	}
	if err != nil {
		var silent *silentError
		if !errors.As(err, &silent) {
			fmt.Fprintf(a.Stderr, "kumite: %v\n", err)
		}
	}
	return int(code)
}

// onUsageError makes a bad flag of every command a usage error (exit 2):
// urfave/cli only gives App.OnUsageError to the root command, and a command
// without one prints its help and exits 1.
func onUsageError(parent string, cmds []*cli.Command) {
	for _, c := range cmds {
		name := parent + " " + c.Name
		if c.OnUsageError == nil {
			c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
				return exitcode.Usagef("%v (see %s --help)", err, name)
			}
		}
		onUsageError(name, c.Subcommands)
	}
}

// silentError carries an exit code for a failure that was already reported
// (a failed scenario is in the progress output and the report).
type silentError struct{ code exitcode.Code }

func (e *silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// quiet returns an error that exits with code and prints nothing more.
func quiet(code exitcode.Code) error {
	if code == exitcode.OK {
		return nil
	}
	return exitcode.With(code, &silentError{code})
}

// signalContext returns a context cancelled by the first SIGINT or SIGTERM
// on a.Signals, and a func that tells which exit code that signal asks for.
func (a *App) signalContext() (context.Context, func(), func() exitcode.Code) {
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan exitcode.Code, 1)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-a.Signals:
			code := exitcode.Interrupted
			if s == syscall.SIGTERM {
				code = exitcode.Terminated
			}
			got <- code
			cancel()
		case <-done:
		}
	}()
	stop := func() { close(done); cancel() }
	interrupted := func() exitcode.Code {
		select {
		case c := <-got:
			got <- c
			return c
		default:
			return exitcode.OK
		}
	}
	return ctx, stop, interrupted
}

func (a *App) versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version of kumite",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(a.Stdout, "kumite %s\n", a.Version)
			return nil
		},
	}
}
