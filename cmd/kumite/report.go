package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kumite/kumite/internal/exitcode"
)

func (a *App) reportCommand() *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "work with a report folder",
		Subcommands: []*cli.Command{a.reportMergeCommand(), {
			Name:      "serve",
			Usage:     "serve a report on 127.0.0.1 for local viewing (Ctrl-C stops)",
			ArgsUsage: "DIR",
			Flags:     []cli.Flag{&cli.IntFlag{Name: "port", Usage: "port on 127.0.0.1 (`N`; 0 picks a free one)"}},
			Action:    a.reportServe,
		}},
	}
}

func (a *App) reportServe(c *cli.Context) error {
	if c.NArg() != 1 {
		return exitcode.Usagef("report serve takes one folder, e.g. kumite report serve reports")
	}
	dir := c.Args().First()
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return exitcode.Usagef("report serve %s: no index.html there (run kumite run --out %s first)", dir, dir)
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", c.Int("port")))
	if err != nil {
		return exitcode.Usagef("report serve: %v", err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(a.Stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", dir, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-c.Context.Done():
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
