// Package kumite holds the files a team copies into its own repository to
// run kumite in CI: the Dockerfile, the image's package list, buildspec.yml
// and buildspec-batch.yml. They live at the root of this repository, where
// CodeBuild and docker build find them, and are embedded here so that
// `kumite init` writes exactly these files, never a copy that drifts.
//
// It sits outside the flow cmd -> config -> runner -> results -> reporter
// -> publish: cmd/kumite reads it, and it imports nothing of kumite.
package kumite

import "embed"

// CIFiles are the root files `kumite init` scaffolds, by their path in a
// repository: Dockerfile, image/packages.txt, buildspec.yml and
// buildspec-batch.yml.
//
//go:embed Dockerfile image/packages.txt buildspec.yml buildspec-batch.yml
var CIFiles embed.FS
