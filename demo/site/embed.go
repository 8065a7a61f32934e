// Package site is the bundled demo web app that `make e2e` and the tests run against.
//
// It sits outside the flow cmd -> config -> runner -> results -> reporter -> publish:
// `kumite run --serve` and the browser tests serve FS on a loopback port. It imports
// nothing from kumite. The pages are plain HTML, CSS and vanilla JavaScript with
// relative links only, so they work from any http:// origin and make no external request.
package site

import (
	"embed"
	"io/fs"
)

// The pages live next to this file, so serving the folder from disk
// (--serve demo/site) and the embedded copy (--serve demo) are the same site.
//
//go:embed *.html *.css *.png
var files embed.FS

// FS holds the demo site's files, with index.html at its root; serve it with
// http.FileServerFS(site.FS).
var FS fs.FS = files
