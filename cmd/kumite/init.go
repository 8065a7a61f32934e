package main

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	cifiles "github.com/kumite/kumite"
	"github.com/kumite/kumite/internal/exitcode"
)

// scaffold holds what `kumite init` writes besides the CI files of the
// repository root (cifiles.CIFiles): an example feature, the page it runs
// against and the kumite.yaml that serves it.
//
//go:embed scaffold
var scaffold embed.FS

// initFile is one file `kumite init` writes: its path in the target
// folder and where its content comes from.
type initFile struct {
	path string
	src  fs.FS
	name string // path inside src
}

// initFiles lists what `kumite init` writes, in the order it reports them.
var initFiles = []initFile{
	{"features/example.feature", scaffold, "scaffold/features/example.feature"},
	{"site/index.html", scaffold, "scaffold/site/index.html"},
	{"kumite.yaml", scaffold, "scaffold/kumite.yaml"},
	{"buildspec.yml", cifiles.CIFiles, "buildspec.yml"},
	{"buildspec-batch.yml", cifiles.CIFiles, "buildspec-batch.yml"},
	{"Dockerfile", cifiles.CIFiles, "Dockerfile"},
	{"image/packages.txt", cifiles.CIFiles, "image/packages.txt"},
}

func (a *App) initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "scaffold features/, kumite.yaml, buildspec.yml and a Dockerfile in the current folder (never overwrites)",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return exitcode.Usagef("init takes no arguments: it writes into the current folder")
			}
			return a.init()
		},
	}
}

func (a *App) init() error {
	var wrote, skipped int
	for _, f := range initFiles {
		data, err := fs.ReadFile(f.src, f.name)
		if err != nil {
			return fmt.Errorf("init: read the template of %s: %w", f.path, err)
		}
		created, err := createOnly(filepath.FromSlash(f.path), data)
		if err != nil {
			return exitcode.With(exitcode.Usage, fmt.Errorf("init: %w", err))
		}
		if created {
			wrote++
			fmt.Fprintf(a.Stdout, "  wrote   %s\n", f.path)
		} else {
			skipped++
			fmt.Fprintf(a.Stdout, "  skipped %s (it exists; kumite init never overwrites)\n", f.path)
		}
	}
	fmt.Fprintf(a.Stdout, "%d written, %d skipped.\n", wrote, skipped)
	fmt.Fprint(a.Stdout, `
Next:
  kumite run                    run features/ against site/ (kumite.yaml: serve: site);
                                the report is reports/index.html
  edit kumite.yaml              base-url: your app, instead of serve: site
  docker build -t kumite-e2e .  the CodeBuild image (push it to ECR); then point a CodeBuild
                                project at it and at buildspec.yml, and set REPORT_S3_BUCKET
                                (README: "Run it in CodeBuild"; buildspec-batch.yml shards a big suite)
`)
	return nil
}

// createOnly writes data to a new file at name, creating its folders,
// and reports false when something already exists there.
func createOnly(name string, data []byte) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return false, fmt.Errorf("create the folder of %s: %w", name, err)
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("create %s: %w", name, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return false, fmt.Errorf("write %s: %w", name, err)
	}
	return true, f.Close()
}
