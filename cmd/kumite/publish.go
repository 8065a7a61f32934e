package main

import (
	"context"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/publish"
)

const publishArgs = "DIR s3://BUCKET[/PREFIX]"

func (a *App) publishCommand() *cli.Command {
	return &cli.Command{
		Name:      "publish",
		Usage:     "publish a report folder to S3",
		ArgsUsage: publishArgs,
		Description: "Uploads the files of DIR whose content differs from S3's, by content hash. By default the run goes to\n" +
			"PREFIX/runs/<run-id>/, PREFIX/latest/ mirrors the newest run and PREFIX/index.html lists every run;\n" +
			"--layout flat makes PREFIX a copy of DIR, like `aws s3 sync --delete`. Credentials, region and endpoint\n" +
			"come from the standard AWS chain (environment, profile, CodeBuild/ECS role, EC2 instance profile).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "layout", Value: string(publish.LayoutHistory), Usage: "history (runs/<id>/, latest/, index.html) or flat (a copy of DIR)"},
			&cli.BoolFlag{Name: "dry-run", Usage: "print what would be uploaded and deleted; change nothing"},
			&cli.IntFlag{Name: "concurrency", Value: publish.DefaultConcurrency, Usage: "S3 requests in flight"},
			&cli.StringFlag{Name: "sse", Usage: "server-side encryption: AES256 or aws:kms"},
			&cli.StringFlag{Name: "sse-kms-key-id", Usage: "KMS key for --sse aws:kms (default: the bucket's)"},
			&cli.BoolFlag{Name: "whole-bucket", Usage: "allow --layout flat at a bucket's root (s3://BUCKET): it deletes every object of the bucket that is not in DIR"},
			&cli.IntFlag{Name: "keep", Usage: "keep the newest N runs in the history, delete older run folders (0: keep all)"},
			&cli.StringFlag{Name: "region", Usage: "bucket region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1)"},
			&cli.StringFlag{Name: "endpoint-url", Usage: "S3-compatible endpoint, e.g. http://127.0.0.1:9000 (default: AWS_ENDPOINT_URL_S3)"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print every object uploaded or deleted"},
		},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return exitcode.Usagef("%v (see kumite publish --help)", err)
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return exitcode.Usagef("kumite publish [flags] %s: got %d arguments%s", publishArgs, c.NArg(), flagsAfterArgs(c.Args().Slice()))
			}
			return a.publish(c.Context, c.Args().Get(0), c.Args().Get(1), publish.ClientConfig{
				Region:      c.String("region"),
				EndpointURL: c.String("endpoint-url"),
			}, publish.Options{
				Layout:      publish.Layout(c.String("layout")),
				DryRun:      c.Bool("dry-run"),
				Concurrency: c.Int("concurrency"),
				SSE:         c.String("sse"),
				SSEKMSKeyID: c.String("sse-kms-key-id"),
				Keep:        c.Int("keep"),
				WholeBucket: c.Bool("whole-bucket"),
				Verbose:     c.Bool("verbose"),
			})
		},
	}
}

// flagsAfterArgs explains a usage error caused by flags typed after DIR:
// urfave/cli stops reading flags at the first argument.
func flagsAfterArgs(args []string) string {
	for _, arg := range args {
		if strings.HasPrefix(arg, "-") {
			return " (flags go before DIR: kumite publish " + arg + " … " + publishArgs + ")"
		}
	}
	return ""
}

// publishAfterRun publishes the report folder dir to dest (an s3:// URL)
// with the default options; `kumite run --publish` calls it.
func (a *App) publishAfterRun(ctx context.Context, dir, dest string) error {
	return a.publish(ctx, dir, dest, publish.ClientConfig{}, publish.Options{})
}

// publish wires the App's streams and environment into a publish.
func (a *App) publish(ctx context.Context, dir, dest string, cc publish.ClientConfig, opts publish.Options) error {
	d, err := publish.ParseDestination(dest)
	if err != nil {
		return exitcode.With(exitcode.Usage, err)
	}
	if err := opts.Check(d); err != nil {
		return err
	}
	opts.Stdout, opts.Stderr = a.Stdout, a.Stderr
	opts.Progress = isTerminal(a.Stderr)
	opts.Build = publish.CodeBuild(a.Getenv)
	cc.LookupEnv = a.Getenv
	cc.Connections = max(opts.Concurrency, publish.DefaultConcurrency)
	if opts.Verbose {
		cc.Log = a.Stderr
	}
	client, err := publish.NewClient(ctx, cc)
	if err != nil {
		return err
	}
	_, err = publish.Publish(ctx, client, dir, d, opts)
	return err
}

// isTerminal tells whether w is a terminal, where a live counter helps.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
