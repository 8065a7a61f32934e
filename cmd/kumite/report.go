package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/internal/reportdir"
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
	files, err := openReport(dir, func(msg string) { fmt.Fprintf(a.Stderr, "kumite: report serve: %s\n", msg) })
	if err != nil {
		return exitcode.Usagef("report serve %s: %v", dir, err)
	}
	defer files.root.Close()
	srv := &http.Server{Handler: http.FileServerFS(files), ReadHeaderTimeout: 10 * time.Second}
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

// reportFiles are the files of a report folder and nothing outside it: a
// link inside the folder is followed, a link out of it is answered 404
// and logged (a report must not serve /etc/passwd).
type reportFiles struct {
	root *os.Root // os.Root refuses, even between the check and the open, to leave the folder
	real string   // the folder's real path
	log  func(string)
}

func openReport(dir string, log func(string)) (*reportFiles, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(real)
	if err != nil {
		return nil, err
	}
	return &reportFiles{root: root, real: real, log: log}, nil
}

// Open opens name, a slash path relative to the folder.
func (r *reportFiles) Open(name string) (fs.File, error) {
	target, err := filepath.EvalSymlinks(filepath.Join(r.real, filepath.FromSlash(name)))
	if err == nil && !reportdir.Inside(target, r.real) {
		r.log(fmt.Sprintf("refused /%s: a link out of the report folder (to %s)", name, target))
		return nil, fs.ErrNotExist
	}
	if name == reportdir.ManifestName {
		return nil, fs.ErrNotExist
	}
	return r.root.FS().Open(name)
}
