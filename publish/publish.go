package publish

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kumite/kumite/internal/exitcode"
)

// Layout is how a report is laid out under the prefix.
type Layout string

// The layouts. History keeps every run (runs/<id>/, latest/, history.json,
// index.html); flat makes the prefix a copy of the folder, like
// `aws s3 sync --delete` but by content.
const (
	LayoutHistory Layout = "history"
	LayoutFlat    Layout = "flat"
)

// DefaultConcurrency is the number of S3 requests in flight by default.
const DefaultConcurrency = 32

// Options says how to publish.
type Options struct {
	Layout      Layout // "" is LayoutHistory
	DryRun      bool   // plan and print, change nothing
	Concurrency int    // requests in flight; 0 is DefaultConcurrency
	SSE         string // "", "AES256" or "aws:kms"
	SSEKMSKeyID string // with SSE aws:kms; "" is the bucket's default key
	Keep        int    // runs the history keeps; 0 keeps all
	WholeBucket bool   // allow --layout flat at the bucket root, which deletes every other object
	Build       Build  // the CI build publishing, for the run id and the history

	Stdout   io.Writer // -v lines, the dry-run plan, the summary and URLs
	Stderr   io.Writer // warnings, failures, the progress counter
	Verbose  bool      // a line per object uploaded or deleted
	Progress bool      // Stderr is a terminal: draw a live counter
}

// Check validates the options that a user types for dest, with exit code 2.
func (o *Options) Check(dest Destination) error {
	if o.Layout == LayoutFlat && dest.Prefix == "" && !o.WholeBucket {
		return exitcode.Usagef("--layout flat to %s makes the whole bucket a copy of the folder and deletes every other object in it; "+
			"pass --whole-bucket if that is what you want (with --dry-run to see the list first), or publish under a prefix: s3://%s/PREFIX",
			dest, dest.Bucket)
	}
	switch o.Layout {
	case "", LayoutHistory, LayoutFlat:
	default:
		return exitcode.Usagef("--layout %q: want history or flat", o.Layout)
	}
	switch o.SSE {
	case "", "AES256", "aws:kms":
	default:
		return exitcode.Usagef("--sse %q: want AES256 or aws:kms", o.SSE)
	}
	if o.SSEKMSKeyID != "" && o.SSE != "aws:kms" {
		return exitcode.Usagef("--sse-kms-key-id needs --sse aws:kms")
	}
	if o.Concurrency < 0 || o.Concurrency > 1000 {
		return exitcode.Usagef("--concurrency %d: want 1 to 1000", o.Concurrency)
	}
	if o.Keep < 0 {
		return exitcode.Usagef("--keep %d: want 0 (keep all) or more", o.Keep)
	}
	if o.Keep > 0 && o.Layout == LayoutFlat {
		return exitcode.Usagef("--keep applies to the history layout, not --layout flat")
	}
	return nil
}

// Summary is what a publish did (or, in a dry run, would do).
type Summary struct {
	RunID         string // the run folder, in the history layout
	Uploaded      int
	UploadedBytes int64
	Unchanged     int
	Deleted       int
	Failed        int
	Duration      time.Duration
}

// publisher is one publish of one folder.
type publisher struct {
	c     *Client
	dest  Destination
	opts  Options
	out   *output
	runID string
}

// Publish copies the report folder dir to dest as opts say, prints what it
// did and the URLs to open, and returns the counts. An error carries the
// exit code: 2 for what the user must fix, 1 for failed transfers.
func Publish(ctx context.Context, c *Client, dir string, dest Destination, opts Options) (*Summary, error) {
	start := time.Now()
	if err := opts.Check(dest); err != nil {
		return nil, err
	}
	if opts.Concurrency == 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	p := &publisher{c: c, dest: dest, opts: opts, out: &output{
		stdout: opts.Stdout, stderr: opts.Stderr, verbose: opts.Verbose,
		progress: opts.Progress && !opts.Verbose, // -v lines replace the counter
	}}
	err := p.run(ctx, dir)
	if ctx.Err() != nil && err != nil {
		err = exitcode.With(exitcode.Failed, fmt.Errorf("publish %s to %s: interrupted", dir, dest))
	}
	s := p.summary(time.Since(start))
	p.printSummary(dir, s, err == nil)
	return s, err
}

func (p *publisher) run(ctx context.Context, dir string) error {
	files, err := scanDir(dir, p.out.warn)
	if err != nil {
		return exitcode.With(exitcode.Usage, err)
	}
	if len(files) == 0 {
		return exitcode.Usagef("publish %s: the folder has no files", dir)
	}
	if err := hashFiles(ctx, files); err != nil {
		return err
	}
	if p.opts.Layout == LayoutFlat {
		return p.flat(ctx, files)
	}
	return p.history(ctx, dir, files)
}

// flat makes PREFIX/ a copy of the folder.
func (p *publisher) flat(ctx context.Context, files []*localFile) error {
	pl, err := p.plan(ctx, target{dir: p.dest.dir(), cacheControl: cacheNoCache}, files)
	if err != nil {
		return err
	}
	return p.execute(ctx, pl)
}

// execute applies a plan, or lists it in a dry run.
func (p *publisher) execute(ctx context.Context, pl *plan) error {
	p.out.same(pl.unchanged)
	if !p.opts.DryRun {
		return p.apply(ctx, pl)
	}
	for _, f := range pl.uploads {
		p.out.wouldUpload(p.dest.URL(pl.target.dir+f.rel), f.size)
	}
	for _, rel := range pl.deletes {
		p.out.wouldDelete(p.dest.URL(pl.target.dir + rel))
	}
	return nil
}

func (p *publisher) summary(d time.Duration) *Summary {
	o := p.out
	o.mu.Lock()
	defer o.mu.Unlock()
	return &Summary{
		RunID: p.runID, Uploaded: o.uploads, UploadedBytes: o.bytes, Unchanged: o.unchanged,
		Deleted: o.deletes, Failed: o.failure, Duration: d,
	}
}

// printSummary prints the summary line and, after a publish, the URLs.
func (p *publisher) printSummary(dir string, s *Summary, ok bool) {
	w := p.opts.Stdout
	counts := fmt.Sprintf("uploaded %d (%s), unchanged %d, deleted %d", s.Uploaded, formatBytes(s.UploadedBytes), s.Unchanged, s.Deleted)
	if s.Failed > 0 {
		counts += fmt.Sprintf(", failed %d", s.Failed)
	}
	as := ""
	if s.RunID != "" {
		as = " as run " + s.RunID
	}
	switch {
	case p.opts.DryRun:
		counts = strings.NewReplacer("uploaded", "would upload", "deleted", "would delete").Replace(counts)
		fmt.Fprintf(w, "dry run, nothing changed: %s%s\n", counts, strings.Replace(as, " as", " for", 1))
		return
	case !ok && s.Uploaded+s.Deleted+s.Failed == 0:
		return // the error says it all
	case !ok:
		fmt.Fprintf(w, "publish of %s to %s incomplete: %s in %.1fs\n", dir, p.dest, counts, s.Duration.Seconds())
		return
	}
	fmt.Fprintf(w, "published %s to %s%s: %s in %.1fs\n", dir, p.dest, as, counts, s.Duration.Seconds())
	for _, u := range p.urls() {
		fmt.Fprintf(w, "  %-8s %s\n", u[0]+":", u[1])
	}
}

// urls are the places to open after a publish.
func (p *publisher) urls() [][2]string {
	https := func(rel string) string { return p.dest.httpsURL(p.c.endpoint, p.c.region, p.dest.Key(rel)) }
	var urls [][2]string
	if p.runID != "" {
		urls = append(urls,
			[2]string{"report", https("runs/" + p.runID + "/index.html")},
			[2]string{"latest", https("latest/index.html")},
			[2]string{"history", https("index.html")})
	} else {
		urls = append(urls, [2]string{"report", https("index.html")})
	}
	urls = append(urls, [2]string{"s3", p.dest.String()})
	if p.c.endpoint == "" {
		urls = append(urls, [2]string{"console", p.dest.consoleURL(p.c.region)})
	}
	return urls
}
