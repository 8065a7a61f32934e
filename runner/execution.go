package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // screenshot sizes
	_ "image/png"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/cucumber/godog"
	"github.com/cucumber/godog/formatters"
	messages "github.com/cucumber/messages/go/v21"

	"github.com/kumite/kumite/browser"
	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/karate"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/steps"
)

// ShotDir is the folder of the report that holds screenshots.
const ShotDir = "screenshots"

// execution is one `kumite run` in progress: godog drives the scenarios,
// its hooks record them into run.
type execution struct {
	ctx      context.Context
	o        Options
	cfg      config.Config
	run      *results.Run
	baseURL  string
	pool     *pool
	progress *progress
	getenv   func(string) (string, bool)
	dialects *dialects // which steps are Karate's

	features []*feature
	pickles  map[string]*pickleRef // pickle id -> where it is, for the selected pickles to run
	order    []*pickleRef          // the same, in file order
	only     map[string]bool       // a retry round: only these pickles run
	mu       sync.Mutex
	failed   bool

	godogFails bool // a scenario written wrong makes godog's status 1: no news
}

// pickleRef ties a godog pickle to its feature and its result.
type pickleRef struct {
	f      *feature
	p      *messages.Pickle
	result *results.Scenario
}

func newExecution(ctx context.Context, o Options, run *results.Run, features []*feature, selected map[string]bool, b *browser.Browser, baseURL string) *execution {
	ex := &execution{
		ctx: ctx, o: o, cfg: o.Config, run: run, baseURL: baseURL,
		pool:     newPool(b, o.Config.Workers),
		progress: newProgress(o.Stdout, o.TTY, len(selected)),
		getenv:   lookup(o.Env),
		features: features,
		pickles:  map[string]*pickleRef{},
	}
	eachSelected(run, features, selected, func(f *feature, p *messages.Pickle, rs *results.Scenario) {
		ref := &pickleRef{f: f, p: p, result: rs}
		if a := writtenWrong(f, p, results.Attempt{Number: 1, Start: o.Now(), End: o.Now()}); a != nil {
			ex.record(ref, a) // reported now, never run
			// godog fails each round for a scenario without steps.
			ex.godogFails = ex.godogFails || len(p.Steps) == 0
			return
		}
		ex.pickles[p.Id] = ref
		ex.order = append(ex.order, ref)
	})
	return ex
}

// execute runs the godog suite over every feature; hooks skip the pickles
// that were not selected.
func init() {
	godog.Format("kumite-silent", "records nothing; kumite's hooks do", func(string, io.Writer) formatters.Formatter {
		return silentFormatter{}
	})
}

// executeWithRetries runs every selected scenario, then up to --retries
// more rounds of only the scenarios whose last attempt failed (godog has
// no retries of its own). A scenario that passes on a retry is flaky.
func (ex *execution) executeWithRetries() {
	ex.execute()
	for round := 1; round <= ex.cfg.Retries && ex.ctx.Err() == nil; round++ {
		again := map[string]bool{}
		for id, ref := range ex.pickles {
			if last := ref.result.Final(); last != nil && last.Status == results.Failed {
				again[id] = true
			}
		}
		if len(again) == 0 {
			return
		}
		ex.only = again
		ex.execute()
	}
}

// runSuite runs a godog suite and returns its exit status (shim for
// testing: a test makes godog fail as it does on its own).
var runSuite = func(s godog.TestSuite) int { return s.Run() }

func (ex *execution) execute() {
	before := map[*pickleRef]int{}
	for _, ref := range ex.order {
		before[ref] = len(ref.result.Attempts)
	}
	suite := godog.TestSuite{
		Name:                "kumite",
		ScenarioInitializer: ex.initScenario,
		Options: &godog.Options{
			Format:          "kumite-silent",
			Output:          io.Discard,
			Concurrency:     max(1, ex.cfg.Workers),
			FeatureContents: featureContents(ex.features),
			StopOnFailure:   ex.cfg.FailFast,
			Strict:          true,
			DefaultContext:  ex.ctx,
		},
	}
	ex.settleRound(runSuite(suite), before)
}

// settleRound makes sure a failure of godog itself is never a pass: a
// scenario of the round that godog did not run although nothing stopped
// the run is failed, and a failed status of godog while every attempt
// kumite recorded passed fails the run.
func (ex *execution) settleRound(status int, before map[*pickleRef]int) {
	stopped := ex.ctx.Err() != nil || ex.stopping()
	failed := ex.godogFails
	for _, ref := range ex.order {
		if ex.only != nil && !ex.only[ref.p.Id] {
			continue
		}
		ex.mu.Lock()
		attempts := ref.result.Attempts[before[ref]:]
		ex.mu.Unlock()
		for _, a := range attempts {
			failed = failed || a.Status != results.Passed
		}
		if len(attempts) > 0 || stopped {
			continue
		}
		now := ex.o.Now()
		ex.record(ref, &results.Attempt{Number: before[ref] + 1, Start: now, End: now, Status: results.Failed,
			Error: fmt.Sprintf("%s:%d: not run: godog ended (status %d) without running this scenario", ref.f.uri, ref.result.Line, status)})
		failed = true
	}
	if status != 0 && !failed && !stopped {
		ex.run.Errors = append(ex.run.Errors, fmt.Sprintf("godog ended with status %d although every scenario kumite recorded passed", status))
	}
}

// attemptState is what the hooks of one attempt share.
type attemptState struct {
	ref      *pickleRef
	attempt  *results.Attempt
	world    *steps.World
	worker   *worker
	cancel   context.CancelFunc // the scenario's timeout
	base     context.Context    // the scenario's context with its values; every step's parent
	stepIdx  map[string]int     // pickle step id -> index in attempt.Steps
	cur      *results.Step
	stepEnd  context.CancelFunc
	stepFrom time.Time
	shots    int
	karate   *karate.Scenario // the Karate steps' runtime, made by the first one
	mu       sync.Mutex
	done     bool
}

type attemptKey struct{}

func (ex *execution) initScenario(sc *godog.ScenarioContext) {
	steps.Register(sc)
	ex.registerKarate(sc)
	sc.Before(ex.beforeScenario)
	sc.StepContext().Before(ex.beforeStep)
	sc.StepContext().After(ex.afterStep)
	sc.After(ex.afterScenario)
}

func (ex *execution) beforeScenario(ctx context.Context, sc *godog.Scenario) (context.Context, error) {
	ref := ex.pickles[sc.Id]
	if ref == nil || ex.only != nil && !ex.only[sc.Id] {
		return ctx, godog.ErrSkip // not selected, or not retried
	}
	if ref.p.Name != sc.Name || ref.f.uri != sc.Uri {
		return ctx, fmt.Errorf("kumite bug: pickle %s is %q in %s for godog but %q in %s for kumite", sc.Id, sc.Name, sc.Uri, ref.p.Name, ref.f.uri)
	}
	if ex.ctx.Err() != nil || ex.stopping() {
		return ctx, godog.ErrSkip
	}
	w, err := ex.pool.acquire(ex.ctx)
	if err != nil {
		ex.record(ref, &results.Attempt{Number: len(ref.result.Attempts) + 1, Start: ex.o.Now(), End: ex.o.Now(),
			Status: results.Failed, Error: "no browser session for this scenario: " + err.Error()})
		return ctx, godog.ErrSkip
	}
	st := &attemptState{ref: ref, worker: w, stepIdx: map[string]int{}}
	st.attempt = &results.Attempt{Number: len(ref.result.Attempts) + 1, Worker: w.id, Start: ex.o.Now()}
	for i, ps := range ref.p.Steps {
		st.stepIdx[ps.Id] = i
		s := stepResult(ref.f, ps)
		if matches(ps.Text) == 0 && !ex.dialects.isKarate(ref.f.dir, ps.Text, s.DocString, s.Table) {
			// godog reports nothing of the steps after a failed one; an
			// undefined step there is still undefined (as in cucumber-js).
			markUndefined(s)
		}
		st.attempt.Steps = append(st.attempt.Steps, s)
	}
	sctx, cancel := context.WithTimeout(ex.ctx, ex.cfg.ScenarioTimeout)
	st.cancel = cancel
	st.world = &steps.World{
		Session: w.session, BaseURL: ex.baseURL, Globals: ex.cfg.Vars, Getenv: ex.getenv,
		FeatureDir: absDir(ref.f), Timeout: ex.cfg.Timeout, Scenario: sctx,
		Attach: st.attach(ex), Note: st.note,
	}
	for name, v := range ex.cfg.Vars {
		st.world.SetVar(name, v) // marks secret-named --vars as secrets
	}
	ctx = context.WithValue(sctx, attemptKey{}, st)
	st.base = steps.WithWorld(ctx, st.world)
	return st.base, nil
}

// stepResult is a step as written, not run yet.
func stepResult(f *feature, ps *messages.PickleStep) *results.Step {
	info := f.steps[ps.AstNodeIds[0]]
	s := &results.Step{
		Keyword: strings.TrimSpace(info.keyword), Text: ps.Text, Line: int(info.line),
		Background: info.background, Status: results.Skipped,
	}
	if a := ps.Argument; a != nil {
		if a.DocString != nil {
			s.DocString = a.DocString.Content
		}
		if a.DataTable != nil {
			for _, row := range a.DataTable.Rows {
				cells := make([]string, len(row.Cells))
				for i, c := range row.Cells {
					cells[i] = c.Value
				}
				s.Table = append(s.Table, cells)
			}
		}
	}
	return s
}

func stateOf(ctx context.Context) *attemptState {
	st, _ := ctx.Value(attemptKey{}).(*attemptState)
	return st
}

func (ex *execution) beforeStep(ctx context.Context, ps *godog.Step) (context.Context, error) {
	st := stateOf(ctx)
	if st == nil {
		return ctx, nil
	}
	st.mu.Lock()
	st.cur = st.attempt.Steps[st.stepIdx[ps.Id]]
	st.stepFrom = time.Now()
	st.mu.Unlock()
	// godog hands each step the context the previous one returned; derive
	// from the scenario's so an ended step's deadline does not carry over.
	sctx, cancel := context.WithTimeout(st.base, ex.cfg.Timeout)
	st.stepEnd = cancel
	return sctx, nil
}

func (ex *execution) afterStep(ctx context.Context, ps *godog.Step, status godog.StepResultStatus, err error) (context.Context, error) {
	st := stateOf(ctx)
	if st == nil || st.isDone() {
		return ctx, nil
	}
	if st.stepEnd != nil {
		st.stepEnd()
		st.stepEnd = nil
	}
	step := st.attempt.Steps[st.stepIdx[ps.Id]]
	step.Duration = time.Since(st.stepFrom)
	step.Status = stepStatus(status)
	switch step.Status {
	case results.Undefined:
		step.Duration = 0
		markUndefined(step)
	case results.Ambiguous:
		step.Error = err.Error()
	case results.Failed:
		step.Error = ex.failureText(ctx, err)
	case results.Skipped:
		step.Duration = 0
	}
	if step.Status == results.Failed && ex.cfg.Screenshots != config.ScreenshotsOff ||
		step.Status == results.Passed && ex.cfg.Screenshots == config.ScreenshotsEveryStep {
		ex.autoShot(st)
	}
	ex.takeLogs(st, step)
	return st.base, nil
}

// failureText explains a failed step; a step cut off by the scenario
// timeout or an interrupt says so.
func (ex *execution) failureText(ctx context.Context, err error) string {
	switch {
	case err == nil:
		return "failed"
	case ex.ctx.Err() != nil:
		return "interrupted: " + err.Error()
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil && stateOf(ctx).world.Scenario.Err() != nil:
		return fmt.Sprintf("the scenario timed out after %s (--scenario-timeout): %v", ex.cfg.ScenarioTimeout, err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("the step timed out after %s (--timeout): %v", ex.cfg.Timeout, err)
	}
	return err.Error()
}

func stepStatus(s godog.StepResultStatus) results.Status {
	switch s {
	case godog.StepPassed:
		return results.Passed
	case godog.StepFailed:
		return results.Failed
	case godog.StepUndefined:
		return results.Undefined
	case godog.StepAmbiguous:
		return results.Ambiguous
	case godog.StepPending:
		return results.Pending
	}
	return results.Skipped
}

// takeLogs moves what the pages reported during the step into its log.
func (ex *execution) takeLogs(st *attemptState, step *results.Step) {
	for _, e := range st.worker.session.TakeLogs() {
		step.Logs = append(step.Logs, results.Log{
			Time: e.Time, Level: results.LogLevel(e.Level), Source: e.Source,
			Text: st.world.MaskText(e.Text), URL: e.URL,
		})
	}
}

// autoShot takes the screenshot --screenshots asks for; a failure to take
// it is a note, not a second failure.
func (ex *execution) autoShot(st *attemptState) {
	ctx, cancel := context.WithTimeout(ex.ctx, 5*time.Second)
	defer cancel()
	data, err := st.worker.session.Screenshot(ctx, false)
	if err != nil {
		st.note("no screenshot: " + err.Error())
		return
	}
	ext := st.worker.session.ScreenshotExt()
	if err := st.attach(ex)("after step", data, ext, steps.MediaType(ext)); err != nil {
		st.note("no screenshot: " + err.Error())
	}
}

var unsafeName = regexp.MustCompile(`[^a-z0-9]+`)

// attach writes a file of the running step under the report folder and
// records it as an attachment.
func (st *attemptState) attach(ex *execution) func(name string, data []byte, ext, mediaType string) error {
	return func(name string, data []byte, ext, mediaType string) error {
		st.mu.Lock()
		st.shots++
		n := st.shots
		step := st.cur
		st.mu.Unlock()
		slug := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(name), "-"), "-")
		if len(slug) > 40 {
			slug = slug[:40]
		}
		file := fmt.Sprintf("%s-a%d-%02d-%s.%s", st.ref.result.ID, st.attempt.Number, n, slug, ext)
		rel := path.Join(ShotDir, file)
		full := filepath.Join(ex.cfg.Out, ShotDir, file)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("save screenshot: %w", err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return fmt.Errorf("save screenshot: %w", err)
		}
		if step != nil {
			at := results.Attachment{Name: name, Path: rel, MediaType: mediaType}
			// The report sizes its images up front; the header says how big.
			if c, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
				at.Width, at.Height = c.Width, c.Height
			}
			st.mu.Lock()
			step.Attachments = append(step.Attachments, at)
			st.mu.Unlock()
		}
		return nil
	}
}

func (st *attemptState) note(text string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.cur != nil {
		st.cur.Logs = append(st.cur.Logs, results.Log{Time: time.Now(), Level: results.LogInfo, Source: "kumite", Text: text})
	}
}

func (st *attemptState) isDone() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.done
}

func (ex *execution) afterScenario(ctx context.Context, sc *godog.Scenario, err error) (context.Context, error) {
	st := stateOf(ctx)
	if st == nil {
		return ctx, nil
	}
	st.mu.Lock()
	st.done = true
	st.mu.Unlock()
	if st.stepEnd != nil {
		st.stepEnd()
	}
	a := st.attempt
	a.End = ex.o.Now()
	a.Duration = a.End.Sub(a.Start)
	a.Status = results.AttemptStatus(a.Steps)
	ex.mask(st)
	for _, s := range a.Steps {
		if s.Error != "" && a.Error == "" {
			a.Error = s.Error
		}
	}
	uctx, ucancel := context.WithTimeout(context.Background(), 2*time.Second) // a hung page must not hang the run
	u, uerr := st.worker.session.URL(uctx)
	ucancel()
	if uerr == nil {
		a.URL = st.world.MaskText(u) // a URL can carry a token
	}
	st.cancel()
	ex.pool.release(st.worker)

	ex.record(st.ref, a)
	return ctx, nil
}

// record adds a finished attempt to its scenario and reports it.
func (ex *execution) record(ref *pickleRef, a *results.Attempt) {
	ex.mu.Lock()
	ref.result.Attempts = append(ref.result.Attempts, a)
	ref.result.Settle()
	if a.Status != results.Passed {
		ex.failed = true
	}
	ex.mu.Unlock()
	ex.progress.scenario(ref.f.uri, ref.result, a)
}

// mask hides every secret the scenario learned in the texts the report and
// logs show.
func (ex *execution) mask(st *attemptState) {
	w := st.world
	for _, s := range st.attempt.Steps {
		s.Text = w.MaskText(s.Text)
		s.Error = w.MaskText(s.Error)
		s.DocString = w.MaskText(s.DocString)
		for _, row := range s.Table {
			for i := range row {
				row[i] = w.MaskText(row[i])
			}
		}
		for i := range s.Logs {
			s.Logs[i].Text = w.MaskText(s.Logs[i].Text)
			s.Logs[i].URL = w.MaskText(s.Logs[i].URL)
		}
	}
}

func (ex *execution) stopping() bool {
	if !ex.cfg.FailFast {
		return false
	}
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ex.failed
}

// silentFormatter satisfies godog; the hooks record everything.
type silentFormatter struct{}

func (silentFormatter) TestRunStarted()                                   {}
func (silentFormatter) Feature(*messages.GherkinDocument, string, []byte) {}
func (silentFormatter) Pickle(*messages.Pickle)                           {}
func (silentFormatter) Defined(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition) {
}
func (silentFormatter) Failed(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition, error) {
}
func (silentFormatter) Passed(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition) {
}
func (silentFormatter) Skipped(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition) {
}
func (silentFormatter) Undefined(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition) {
}
func (silentFormatter) Pending(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition) {
}
func (silentFormatter) Ambiguous(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition, error) {
}
func (silentFormatter) Summary() {}
