package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	goruntime "runtime"
	"slices"
	"strings"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v21"

	"github.com/kumite/kumite/browser"
	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/tagexpr"
	"github.com/kumite/kumite/webapp"
)

// Options is what a run needs besides its configuration: the process edge
// (output, environment) and facts about the program.
type Options struct {
	Config  config.Config
	Stdout  io.Writer
	Stderr  io.Writer
	Env     []string // KEY=VALUE, as os.Environ
	Version string
	TTY     bool // Stdout is a terminal: show a live counter
	Serve   webapp.FSFunc
	Now     func() time.Time // the clock; nil means time.Now
	CPUs    int              // CPUs of this machine, to cap --workers; 0 means runtime.NumCPU()

	// Prepare, when set, makes the report folder ready (clears the last
	// report). Run calls it once the features are parsed and checked, and
	// before anything is written: a feature written wrong leaves the last
	// report as it was. It runs while Chrome starts.
	Prepare func() error

	// Shutdown, when set, is handed the browser's shutdown instead of Run
	// waiting for it, so that the caller writes the report while Chrome's
	// processes end. The caller must run it before it exits.
	Shutdown func(close func())
}

// Run parses and selects the features, runs them (or only matches their
// steps with --dry-run) and returns the result model. The model is returned
// whenever features were parsed, also with an error, so the caller can write
// the report of what finished. The error carries the exit code.
func Run(ctx context.Context, o Options) (*results.Run, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	cfg := o.Config
	tags, err := tagexpr.Parse(cfg.Tags)
	if err != nil {
		return nil, exitcode.Usagef("%s: %v", cfg.Where("tags"), err)
	}
	if cfg.EmptyShard {
		// A CodeBuild shard that got no file: running the default
		// features/ instead would run the suite twice.
		fmt.Fprintf(o.Stderr, "kumite: %s names no feature file: this shard has nothing to run\n", config.ShardFilesEnv)
		if err := o.prepare(); err != nil {
			return nil, err
		}
		run := newRun(o, nil, nil)
		run.Finish(o.Now())
		printSummary(o.Stdout, run, cfg.Out)
		return run, nil
	}
	// Chrome starts while the features are read (a dry run needs none).
	var early *launching
	if !cfg.DryRun {
		early = launchEarly(ctx, o)
		defer early.discard()
	}
	features, lines, err := loadFeatures(cfg.Paths)
	if err != nil {
		return nil, err
	}
	if err := checkLines(features, lines); err != nil {
		return nil, err
	}
	warnEmptyFeatures(o.Stderr, features)
	warnEmptyOutlines(o.Stderr, features)
	selected := selectPickles(features, lines, tags, cfg.Shard)
	o.Config.Workers = workers(o, len(selected))
	cfg = o.Config
	dia, err := readDialects(features, selected, cfg)
	if err != nil {
		return nil, err
	}
	if cfg.EnvMissing != nil && !dia.readsEnv() {
		return nil, exitcode.Usagef("%v", cfg.EnvMissing)
	}
	run := newRun(o, features, selected)
	if len(selected) == 0 || cfg.DryRun {
		if err := o.prepare(); err != nil {
			return nil, err
		}
	}
	if len(selected) == 0 {
		return noScenario(o, run, len(features), len(selectPickles(features, lines, tags, config.Shard{})))
	}
	if cfg.DryRun {
		dryRun(run, features, selected, dia)
		run.Finish(o.Now())
		printDryRun(o.Stdout, run)
		printSummary(o.Stdout, run, cfg.Out)
		return run, runError(run)
	}

	// The last report is cleared while the site and Chrome start.
	prepared := make(chan error, 1)
	go func() { prepared <- o.prepare() }()
	env, err := webapp.Start(ctx, webapp.Options{Config: cfg, Stderr: o.Stderr, Env: o.Env, Serve: o.Serve})
	if err != nil {
		if perr := <-prepared; perr != nil {
			return nil, perr
		}
		return notStarted(o, run, err)
	}
	defer env.Stop()
	run.Env.BaseURL = env.BaseURL

	b, err := early.take(ctx, o, dia)
	if perr := <-prepared; perr != nil {
		if b != nil {
			b.Close()
		}
		return nil, perr
	}
	if err != nil {
		return notStarted(o, run, err)
	}
	defer func() {
		if o.Shutdown != nil {
			o.Shutdown(b.Close)
			return
		}
		b.Close()
	}()
	run.Env.Browser = b.Version()
	if bin := b.Binary(); bin != "" {
		// Chromium and its headless shell both say "Chrome/156…" or
		// "HeadlessChrome/156…": the path says which one ran.
		run.Env.Browser += " (" + bin + ")"
	}

	ex := newExecution(ctx, o, run, features, selected, b, env.BaseURL)
	ex.dialects = dia
	ex.executeWithRetries()
	ex.pool.close()
	for _, e := range run.Errors {
		fmt.Fprintf(o.Stderr, "kumite: %s\n", e)
	}
	run.Finish(o.Now())
	if ctx.Err() != nil {
		run.Interrupted = true
	}
	ex.progress.summary(run, cfg.Out)
	if run.Interrupted {
		return run, exitcode.With(exitcode.Interrupted, errors.New("interrupted: the report holds the scenarios that finished"))
	}
	return run, runError(run)
}

// prepare runs o.Prepare, if any.
func (o Options) prepare() error {
	if o.Prepare == nil {
		return nil
	}
	return o.Prepare()
}

// noScenario ends a run that selected no scenario. That is a mistake of
// the command line (exit 2, as Playwright's "No tests found") unless
// --pass-with-no-tests allows it, or only this shard is empty: a CodeBuild
// batch build has a fixed number of shards, which may exceed the
// scenarios a tag expression selects.
func noScenario(o Options, run *results.Run, files, unsharded int) (*results.Run, error) {
	cfg := o.Config
	finish := func() (*results.Run, error) {
		run.Finish(o.Now())
		printSummary(o.Stdout, run, cfg.Out)
		return run, nil
	}
	if unsharded > 0 {
		fmt.Fprintf(o.Stderr, "kumite: shard %d/%d has no scenario: the selection has %d, dealt round-robin to %d shards\n",
			cfg.Shard.Index, cfg.Shard.Total, unsharded, cfg.Shard.Total)
		return finish()
	}
	msg := "no scenario found (paths " + strings.Join(cfg.Paths, " ")
	if cfg.Tags != "" {
		msg += fmt.Sprintf(", tags %q", cfg.Tags)
	}
	msg += ")"
	if files == 0 {
		msg += ": no .feature files in " + strings.Join(cfg.Paths, ", ")
	}
	if cfg.PassWithNoTests {
		fmt.Fprintf(o.Stderr, "kumite: %s\n", msg)
		return finish()
	}
	msg += "; --pass-with-no-tests to exit 0"
	run.Errors = append(run.Errors, msg)
	run.Finish(o.Now())
	return run, exitcode.Usagef("%s", msg)
}

// workersPerCPU bounds --workers: each worker drives a browser page whose
// renderer needs CPU of its own (DESIGN.md "Performance notes": starting
// one costs ~0.4 CPU-s), so far more workers than CPUs only make every
// step slower until steps and sessions time out, failing scenarios that
// are right. Four per CPU leaves room for pages that mostly wait.
const workersPerCPU = 4

// workers is how many workers run the scenarios; it warns when it caps
// what the user asked for.
func workers(o Options, scenarios int) int {
	cpus := o.CPUs
	if cpus < 1 {
		cpus = goruntime.NumCPU()
	}
	n, warning := capWorkers(o.Config.Workers, cpus, scenarios)
	if warning != "" {
		fmt.Fprintf(o.Stderr, "kumite: warning: %s: %s\n", o.Config.Where("workers"), warning)
	}
	return n
}

// capWorkers returns how many workers to run: what was asked, at most
// workersPerCPU per CPU (with a warning saying so) and at most one per
// scenario (more would never be used).
func capWorkers(asked, cpus, scenarios int) (int, string) {
	n, warning := asked, ""
	if limit := workersPerCPU * max(1, cpus); n > limit {
		n = limit
		warning = fmt.Sprintf("%d workers are more than %d CPUs can run without failing scenarios on timeouts: using at most %d (%d per CPU)", asked, cpus, limit, workersPerCPU)
	}
	return max(1, min(n, scenarios)), warning
}

// runError is nil for a run that passed, else the silent error that
// carries its exit code.
func runError(run *results.Run) error {
	if code := runCode(run); code != exitcode.OK {
		return exitcode.With(code, errSilent)
	}
	return nil
}

// notStarted finishes a run that could not start (no browser, no site to
// test), so its report says why instead of holding an unfinished run.
func notStarted(o Options, run *results.Run, err error) (*results.Run, error) {
	run.Errors = append(run.Errors, err.Error())
	run.Finish(o.Now())
	return run, err
}

// errSilent is the error of a run whose failures are already in the
// progress output and the report.
var errSilent = errors.New("some scenarios did not pass")

// runCode is the exit code a finished run deserves.
func runCode(run *results.Run) exitcode.Code {
	if run.Status == results.Passed {
		return exitcode.OK
	}
	return exitcode.Failed
}

// IsSilent tells whether err needs no printing: its cause is already in
// the run's output.
func IsSilent(err error) bool { return errors.Is(err, errSilent) }

// startOptions says how Chrome starts: as the configuration says, then as
// the features' configure driver does; no browser is a usage error.
func startOptions(o Options, dia *dialects) (browser.Options, error) {
	cfg := o.Config
	bo, err := dia.browserOptions(browser.Options{
		Remote: cfg.Remote, Headless: cfg.Headless,
		Width: cfg.WindowWidth, Height: cfg.WindowHeight, Flags: cfg.ChromeFlags,
	}, cfg.Origins)
	if err != nil {
		return bo, err
	}
	if bo.Remote == "" {
		p, err := browser.Find(dia.executable(cfg.Browser), bo.Headless)
		if err != nil {
			return bo, exitcode.With(exitcode.Usage, err)
		}
		bo.ExecPath = p
	}
	return bo, nil
}

// start starts the browser; one that does not start is a usage error.
func start(ctx context.Context, bo browser.Options, timeout time.Duration) (*browser.Browser, error) {
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	b, err := browser.Launch(sctx, bo)
	if err != nil {
		return nil, exitcode.With(exitcode.Usage, err)
	}
	return b, nil
}

// launching is a Chrome started before the features were read.
type launching struct {
	opts   browser.Options // how it was started
	done   chan struct{}
	cancel context.CancelFunc
	b      *browser.Browser
	err    error
}

// launchEarly starts Chrome as the configuration says, before the
// features are read: its start (0.15 s) then overlaps their parsing, the
// site's start and the clearing of the last report.
func launchEarly(ctx context.Context, o Options) *launching {
	lctx, cancel := context.WithCancel(ctx)
	l := &launching{done: make(chan struct{}), cancel: cancel}
	l.opts, l.err = startOptions(o, nil)
	if l.err != nil {
		close(l.done)
		return l
	}
	go func() {
		defer close(l.done)
		l.b, l.err = start(lctx, l.opts, 60*time.Second)
	}()
	return l
}

// take returns the Chrome the run needs: the early one, unless the
// features configure the driver (Karate's configure driver) to start
// another browser, with other switches or a remote one; then the early
// one is closed and the one they ask for starts.
func (l *launching) take(ctx context.Context, o Options, dia *dialects) (*browser.Browser, error) {
	if dia != nil && dia.driver != nil {
		want, err := startOptions(o, dia)
		if err != nil {
			l.discard()
			return nil, err
		}
		if !sameStart(want, l.opts) {
			l.discard()
			return start(ctx, want, dia.startTimeout(60*time.Second))
		}
	}
	<-l.done
	l.cancel()
	b, err := l.b, l.err
	l.b = nil
	return b, err
}

// sameStart tells whether two browser starts are the same.
func sameStart(a, b browser.Options) bool {
	return a.ExecPath == b.ExecPath && a.Remote == b.Remote && a.Headless == b.Headless &&
		a.Width == b.Width && a.Height == b.Height && slices.Equal(a.Flags, b.Flags) && slices.Equal(a.Env, b.Env)
}

// discard closes an early Chrome nobody took, when there is one.
func (l *launching) discard() {
	if l == nil {
		return
	}
	l.cancel()
	<-l.done
	if l.b != nil {
		l.b.Close()
		l.b = nil
	}
}

// newRun builds the result model's skeleton: every selected scenario, not
// run yet (skipped until an attempt says otherwise).
func newRun(o Options, features []*feature, selected map[string]bool) *results.Run {
	cfg := o.Config
	host, _ := os.Hostname()
	run := &results.Run{
		Schema: results.SchemaVersion,
		ID:     runID(o),
		Start:  o.Now(),
		Env: results.Environment{
			Kumite: o.Version, Workers: cfg.Workers, BaseURL: cfg.BaseURL, Host: host,
			OS: goruntime.GOOS + "/" + goruntime.GOARCH, Tags: cfg.Tags, Headless: cfg.Headless,
			WindowSize: fmt.Sprintf("%dx%d", cfg.WindowWidth, cfg.WindowHeight),
		},
	}
	if cfg.Shard.Total > 1 {
		run.Env.Shard = fmt.Sprintf("%d/%d", cfg.Shard.Index, cfg.Shard.Total)
	}
	run.Env.FromCodeBuild(lookup(o.Env))
	for fi, f := range features {
		rf := &results.Feature{
			ID: fmt.Sprintf("f%d", fi+1), URI: f.uri, Name: f.doc.Feature.Name,
			Description: dedent(f.doc.Feature.Description),
			Line:        int(f.doc.Feature.Location.Line), Tags: tagNames(f.doc.Feature.Tags),
			Background: background(f.doc.Feature), TagLines: tagLines(f.doc.Feature.Tags),
		}
		lines := astTagLines(f.doc.Feature)
		for _, p := range f.pickles {
			if !selected[p.Id] {
				continue
			}
			rf.Scenarios = append(rf.Scenarios, &results.Scenario{
				ID:       fmt.Sprintf("%s-s%d", rf.ID, len(rf.Scenarios)+1),
				Name:     p.Name,
				Keyword:  strings.TrimSpace(f.scens[p.AstNodeIds[0]].keyword),
				Line:     int(f.pickleLine(p)),
				Tags:     pickleTags(p),
				TagLines: pickleTagLines(p, lines),
			})
		}
		if len(rf.Scenarios) > 0 {
			run.Features = append(run.Features, rf)
		}
	}
	return run
}

// background is where the feature's Background is written; nil without one.
func background(f *messages.Feature) *results.Background {
	for _, c := range f.Children {
		if b := c.Background; b != nil {
			return &results.Background{Keyword: b.Keyword, Name: b.Name, Line: int(b.Location.Line)}
		}
	}
	return nil
}

// tagLines is the line of each tag.
func tagLines(tags []*messages.Tag) []int {
	out := make([]int, len(tags))
	for i, t := range tags {
		out[i] = int(t.Location.Line)
	}
	return out
}

// astTagLines maps the AST id of every tag of a feature (its own, its
// rules', scenarios' and examples') to its line, for the tags of pickles.
func astTagLines(f *messages.Feature) map[string]int {
	lines := map[string]int{}
	add := func(tags []*messages.Tag) {
		for _, t := range tags {
			lines[t.Id] = int(t.Location.Line)
		}
	}
	add(f.Tags)
	var walk func(children []*messages.FeatureChild)
	walk = func(children []*messages.FeatureChild) {
		for _, c := range children {
			if sc := c.Scenario; sc != nil {
				add(sc.Tags)
				for _, ex := range sc.Examples {
					add(ex.Tags)
				}
			}
			if r := c.Rule; r != nil {
				add(r.Tags)
				for _, rc := range r.Children {
					walk([]*messages.FeatureChild{{Scenario: rc.Scenario}})
				}
			}
		}
	}
	walk(f.Children)
	return lines
}

// pickleTagLines is the line of each tag of p, from astTagLines.
func pickleTagLines(p *messages.Pickle, lines map[string]int) []int {
	out := make([]int, len(p.Tags))
	for i, t := range p.Tags {
		out[i] = lines[t.AstNodeId]
	}
	return out
}

func tagNames(tags []*messages.Tag) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.Name
	}
	return out
}

// runID names the run: CodeBuild's build number when there is one, else
// a UTC timestamp.
func runID(o Options) string {
	n, _ := lookup(o.Env)("CODEBUILD_BUILD_NUMBER")
	return results.RunID(n, o.Now())
}

// lookup makes a getenv over a KEY=VALUE list (later entries win).
func lookup(env []string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		prefix := name + "="
		for i := len(env) - 1; i >= 0; i-- {
			if v, ok := strings.CutPrefix(env[i], prefix); ok {
				return v, true
			}
		}
		return "", false
	}
}

// featureContents are the selected features as godog reads them: the same
// bytes, in the same order, so its pickle IDs match ours.
func featureContents(features []*feature) []godog.Feature {
	out := make([]godog.Feature, len(features))
	for i, f := range features {
		out[i] = godog.Feature{Name: f.uri, Contents: f.content}
	}
	return out
}

// absDir is the absolute folder of a feature, for uploads.
func absDir(f *feature) string {
	d, err := filepath.Abs(f.dir)
	if err != nil {
		return f.dir
	}
	return d
}

// dedent removes the indentation a feature's description has in its file
// (gherkin keeps each line as written) and the blank lines around it.
func dedent(s string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := len(l) - len(strings.TrimLeft(l, " \t")); indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if len(l) >= indent && indent > 0 {
			lines[i] = l[indent:]
		}
		lines[i] = strings.TrimRight(lines[i], " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}
