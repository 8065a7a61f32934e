package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	goruntime "runtime"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/kumite/kumite/config"
	site "github.com/kumite/kumite/demo/site"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/internal/reportdir"
	"github.com/kumite/kumite/reporter"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/runner"
)

func (a *App) runCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "run feature files in headless Chrome and write the report",
		ArgsUsage: "[PATH[:LINE]...]  (default: features/)",
		Flags:     settingFlags(),
		Action:    a.run,
	}
}

// settingFlags builds the run flags from config.Settings; every value
// flag is a string so config.Load parses flags, variables and the file
// the same way.
func settingFlags() []cli.Flag {
	var flags []cli.Flag
	for _, s := range config.Settings {
		if s.Arg {
			continue
		}
		switch {
		case s.Kind == config.KindBool:
			flags = append(flags, &cli.BoolFlag{Name: s.Name, Usage: s.Usage})
		case s.Repeatable():
			flags = append(flags, &cli.StringSliceFlag{Name: s.Name, Usage: s.Usage})
		default:
			flags = append(flags, &cli.StringFlag{Name: s.Name, Usage: s.Usage, DefaultText: s.Default})
		}
	}
	return flags
}

// explicitSettings lists what the user typed: the flags they set and the
// positional paths.
func explicitSettings(c *cli.Context) []config.Setting {
	var out []config.Setting
	for _, s := range config.Settings {
		if s.Arg || !c.IsSet(s.Name) {
			continue
		}
		switch {
		case s.Kind == config.KindBool:
			out = append(out, config.Setting{Name: s.Name, Value: fmt.Sprint(c.Bool(s.Name))})
		case s.Repeatable():
			for _, v := range c.StringSlice(s.Name) {
				out = append(out, config.Setting{Name: s.Name, Value: v})
			}
		default:
			out = append(out, config.Setting{Name: s.Name, Value: c.String(s.Name)})
		}
	}
	for _, p := range c.Args().Slice() {
		out = append(out, config.Setting{Name: "path", Value: p})
	}
	return out
}

func (a *App) run(c *cli.Context) error {
	wd, err := os.Getwd()
	if err != nil {
		return exitcode.With(exitcode.Usage, err)
	}
	cfg, err := config.Load(goruntime.NumCPU(), config.Sources{Dir: wd, Env: a.Env, Flags: explicitSettings(c)})
	if err != nil {
		return exitcode.With(exitcode.Usage, err)
	}
	// The last report is cleared only once the features parsed: a feature
	// written wrong leaves it as it was.
	var out *reportdir.Folder
	prepare := func() error {
		var err error
		out, err = claimOut(cfg)
		return err
	}
	// Chrome's processes end while the report is written; kumite exits
	// only once they are gone.
	var closing sync.WaitGroup
	defer closing.Wait()
	run, runErr := runner.Run(c.Context, runner.Options{
		Config: cfg, Stdout: a.Stdout, Stderr: a.Stderr, Env: a.Env, Version: a.Version,
		TTY: a.isTTY(), Serve: demoSite, Prepare: prepare, Shutdown: func(close func()) { closing.Go(close) },
	})
	if run != nil && out != nil {
		if err := writeReport(cfg.Out, run, reporter.Options{CucumberEmbed: cfg.CucumberEmbed}); err != nil {
			fmt.Fprintf(a.Stderr, "kumite: %v\n", err)
			if exitcode.Of(runErr) == exitcode.OK {
				runErr = exitcode.With(exitcode.Failed, err)
			}
		}
	}
	if out != nil {
		if err := out.Seal(); err != nil {
			fmt.Fprintf(a.Stderr, "kumite: %v\n", err)
		}
	}
	if cfg.Publish != "" && run != nil {
		// Publish whatever the outcome; the exit code stays the run's
		// unless publishing failed.
		if err := a.publishAfterRun(c.Context, cfg.Out, cfg.Publish); err != nil {
			fmt.Fprintf(a.Stderr, "kumite: %v\n", err)
			if exitcode.Of(runErr) == exitcode.OK {
				return quiet(exitcode.Of(err))
			}
		}
	}
	if runner.IsSilent(runErr) {
		return quiet(exitcode.Of(runErr))
	}
	return runErr
}

// demoSite resolves `--serve demo` (and demo/site, the folder it lives in
// in this repository) to the demo site built into the binary.
func demoSite(name string) (fs.FS, bool) {
	switch filepath.ToSlash(filepath.Clean(name)) {
	case "demo", "demo/site":
		return site.FS, true
	}
	return nil, false
}

// writeReport writes results.json and the report: HTML pages, timeline,
// junit.xml and cucumber.json.
func writeReport(dir string, run *results.Run, o reporter.Options) error {
	if err := results.Write(dir, run); err != nil {
		return err
	}
	if err := reporter.Write(dir, run, o); err != nil {
		return fmt.Errorf("write report in %s: %w", dir, err)
	}
	return nil
}

// claimOut makes --out ready for the report before any scenario runs: kumite
// removes only what it wrote there the last time, and refuses a folder
// that holds the project, the features, the served site or anything else
// it did not write.
func claimOut(cfg config.Config) (*reportdir.Folder, error) {
	protected := []reportdir.Protected{}
	for _, p := range cfg.Paths {
		protected = append(protected, reportdir.Protected{Path: p, What: "the feature files"})
	}
	if cfg.Serve != "" {
		protected = append(protected, reportdir.Protected{Path: cfg.Serve, What: "the --serve folder"})
	}
	out, err := reportdir.Claim(cfg.Out, protected...)
	if err != nil {
		where := cfg.Where("out")
		if _, set := cfg.Origins["out"]; !set {
			where = "--out " + cfg.Out + " (the default)"
		}
		return nil, exitcode.Usagef("%s: the report folder %v", where, err)
	}
	return out, nil
}

// isTTY tells whether Stdout is a terminal.
func (a *App) isTTY() bool {
	f, ok := a.Stdout.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
