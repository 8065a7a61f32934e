package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/internal/reportdir"
	"github.com/kumite/kumite/publish"
	"github.com/kumite/kumite/reporter"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/runner"
)

const mergeArgs = "--out DIR SRC..."

func (a *App) reportMergeCommand() *cli.Command {
	return &cli.Command{
		Name:      "merge",
		Usage:     "merge the reports of shards into one report",
		ArgsUsage: "SRC...  (report folders or s3://BUCKET/PREFIX holding one)",
		Description: "Reads results.json of every SRC (a report folder, or an s3:// prefix that holds one, flat or\n" +
			"with latest/), copies their screenshots and writes one complete report into --out: HTML,\n" +
			"timeline, junit.xml, cucumber.json and results.json, with counts and status recomputed.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "write the merged report to the folder `DIR` (required)"},
			&cli.BoolFlag{Name: "cucumber-embed", Usage: "put screenshots into cucumber.json as base64"},
			&cli.StringFlag{Name: "region", Usage: "region of the s3:// sources (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1)"},
			&cli.StringFlag{Name: "endpoint-url", Usage: "S3-compatible endpoint for s3:// sources (default: AWS_ENDPOINT_URL_S3)"},
		},
		Action: a.reportMerge,
	}
}

func (a *App) reportMerge(c *cli.Context) error {
	out := c.String("out")
	if out == "" || c.NArg() == 0 {
		return exitcode.Usagef("kumite report merge %s: give --out and at least one report%s", mergeArgs, flagsAfterArgs(c.Args().Slice()))
	}
	tmp, err := os.MkdirTemp("", "kumite-merge-")
	if err != nil {
		return fmt.Errorf("report merge: %w", err)
	}
	defer os.RemoveAll(tmp)
	dirs, err := a.mergeSources(c.Context, c, tmp, c.Args().Slice())
	if err != nil {
		return err
	}
	if err := checkMergeOut(out, c.Args().Slice()); err != nil {
		return err
	}
	folder, err := claimMergeOut(out, c.Args().Slice())
	if err != nil {
		return err
	}
	defer func() {
		if err := folder.Seal(); err != nil {
			fmt.Fprintf(a.Stderr, "kumite: %v\n", err)
		}
	}()
	run, skipped, err := results.MergeDirs(out, runner.ShotDir, dirs)
	if err != nil {
		return exitcode.With(exitcode.Usage, err)
	}
	for _, s := range skipped {
		fmt.Fprintf(a.Stderr, "kumite: report merge: screenshot %s not copied (missing, or outside its report)\n", s)
	}
	if id, ok := a.Getenv("CODEBUILD_BUILD_ID"); ok && id != "" {
		// The merge build of a CodeBuild batch: the report is this build's.
		run.Env.FromCodeBuild(a.Getenv)
		run.ID = results.RunID(run.Env.BuildNum, run.Start)
	}
	if err := writeReport(out, run, reporter.Options{CucumberEmbed: c.Bool("cucumber-embed")}); err != nil {
		return err
	}
	n := run.Counts
	fmt.Fprintf(a.Stdout, "merged %d reports: %d scenarios: %d passed, %d failed, %d flaky, %d skipped, %d undefined\nreport: %s\n",
		len(dirs), n.Total, n.Passed, n.Failed, n.Flaky, n.Skipped, n.Undefined, filepath.Join(out, "index.html"))
	if run.Status != results.Passed {
		// As `kumite run`: a merged run with a failed scenario exits 1,
		// so the build that merges a batch fails with it.
		return quiet(exitcode.Failed)
	}
	return nil
}

// mergeSources returns a local folder for every source: a folder as it
// is, an s3:// source downloaded into a folder under tmp.
func (a *App) mergeSources(ctx context.Context, c *cli.Context, tmp string, srcs []string) ([]string, error) {
	var client *publish.Client
	dirs := make([]string, len(srcs))
	for i, src := range srcs {
		if !strings.HasPrefix(src, "s3://") {
			if _, err := os.Stat(filepath.Join(src, results.FileName)); err != nil {
				return nil, exitcode.Usagef("report merge %s: no %s there (a report folder of kumite run?)", src, results.FileName)
			}
			dirs[i] = src
			continue
		}
		d, err := publish.ParseDestination(src)
		if err != nil {
			return nil, exitcode.With(exitcode.Usage, fmt.Errorf("report merge: %w", err))
		}
		if client == nil {
			if client, err = publish.NewClient(ctx, publish.ClientConfig{
				Region: c.String("region"), EndpointURL: c.String("endpoint-url"),
				LookupEnv: a.Getenv, Connections: publish.DefaultConcurrency,
			}); err != nil {
				return nil, err
			}
		}
		dirs[i] = filepath.Join(tmp, fmt.Sprintf("source-%d", i+1))
		missing, err := publish.Download(ctx, client, d, dirs[i])
		if err != nil {
			return nil, fmt.Errorf("report merge: %w", err)
		}
		for _, m := range missing {
			fmt.Fprintf(a.Stderr, "kumite: report merge: %s is not in the bucket; the report shows it missing\n", m)
		}
	}
	return dirs, nil
}

// claimMergeOut makes --out ready for the merged report, as kumite run
// does (see claimOut): it clears only what kumite wrote there and refuses
// a folder that holds a source or anything kumite did not write.
func claimMergeOut(out string, srcs []string) (*reportdir.Folder, error) {
	var protected []reportdir.Protected
	for _, src := range srcs {
		if !strings.HasPrefix(src, "s3://") {
			protected = append(protected, reportdir.Protected{Path: src, What: "a report to merge"})
		}
	}
	folder, err := reportdir.Claim(out, protected...)
	if err != nil {
		return nil, exitcode.Usagef("report merge: --out %s: the report folder %v", out, err)
	}
	return folder, nil
}

// checkMergeOut refuses an --out that is one of the local sources: a merge
// clears --out first.
func checkMergeOut(out string, srcs []string) error {
	o, err := filepath.Abs(out)
	if err != nil {
		return exitcode.With(exitcode.Usage, err)
	}
	for _, src := range srcs {
		if s, err := filepath.Abs(src); err == nil && s == o {
			return exitcode.Usagef("report merge: --out %s is also a source; write the merged report to another folder", out)
		}
	}
	return nil
}
