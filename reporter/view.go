package reporter

import (
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kumite/kumite/results"
)

// The view types below are the JSON injected into each page. They are
// shaped for the page that reads them (durations in milliseconds, times as
// ISO strings with millisecond precision, links already relative to the
// page), so that report.js does no path or time arithmetic of its own.

// indexData is the data of index.html: the run, one summary per feature
// (with one line per scenario, no steps) and the failures.
type indexData struct {
	Run      runView          `json:"run"`
	Features []featureSummary `json:"features"`
	Failures []failureView    `json:"failures"`
	Tags     []string         `json:"tags"`
}

// runView is the run as the index header shows it.
type runView struct {
	ID          string              `json:"id"`
	Status      results.Status      `json:"status"`
	Interrupted bool                `json:"interrupted,omitempty"`
	Start       string              `json:"start,omitempty"`
	End         string              `json:"end,omitempty"`
	DurationMs  int64               `json:"durationMs"`
	Env         results.Environment `json:"env"`
	Counts      results.Counts      `json:"counts"`
	Errors      []string            `json:"errors,omitempty"`
}

// featureSummary is one row of the index's features table.
type featureSummary struct {
	Name       string            `json:"name"`
	URI        string            `json:"uri"`
	Page       string            `json:"page"`
	Line       int               `json:"line,omitempty"`
	Tags       []string          `json:"tags,omitempty"`
	Status     results.Status    `json:"status"`
	DurationMs int64             `json:"durationMs"`
	Counts     results.Counts    `json:"counts"`
	Scenarios  []scenarioSummary `json:"scenarios"`
}

// scenarioSummary is one scenario of a feature on the index: enough to
// filter by status, tag and text and to link to it.
type scenarioSummary struct {
	Name       string         `json:"name"`
	Anchor     string         `json:"anchor"`
	Line       int            `json:"line,omitempty"`
	Tags       []string       `json:"tags,omitempty"`
	Status     results.Status `json:"status"`
	DurationMs int64          `json:"durationMs"`
	Attempts   int            `json:"attempts,omitempty"`
}

// failureView is one failed (or undefined, ambiguous, pending) scenario on
// the index: which step broke, its error and the last screenshot of the
// attempt. Feature and Scenario index into indexData.Features and its
// Scenarios.
type failureView struct {
	Feature        int             `json:"feature"`
	Scenario       int             `json:"scenario"`
	Attempt        int             `json:"attempt,omitempty"`
	Worker         int             `json:"worker,omitempty"`
	Step           *stepRef        `json:"step,omitempty"`
	Error          string          `json:"error,omitempty"`
	ErrorTruncated bool            `json:"errorTruncated,omitempty"`
	Suggestion     string          `json:"suggestion,omitempty"`
	Screenshot     *attachmentView `json:"screenshot,omitempty"`
}

// stepRef names a step without its details.
type stepRef struct {
	Keyword string         `json:"keyword"`
	Text    string         `json:"text"`
	Line    int            `json:"line,omitempty"`
	Status  results.Status `json:"status"`
}

// featureData is the data of one features/*.html page.
type featureData struct {
	Run       runRef         `json:"run"`
	Index     string         `json:"index"`
	Feature   featureView    `json:"feature"`
	Scenarios []scenarioView `json:"scenarios"`
}

// runRef is what a feature page says about the run it belongs to.
type runRef struct {
	ID     string         `json:"id"`
	Status results.Status `json:"status"`
	Start  string         `json:"start,omitempty"`
	Kumite string         `json:"kumite,omitempty"`
}

// featureView is the header of a feature page.
type featureView struct {
	Name        string         `json:"name"`
	URI         string         `json:"uri"`
	Description string         `json:"description,omitempty"`
	Line        int            `json:"line,omitempty"`
	Tags        []string       `json:"tags,omitempty"`
	Status      results.Status `json:"status"`
	DurationMs  int64          `json:"durationMs"`
	Counts      results.Counts `json:"counts"`
}

// scenarioView is one scenario of a feature page with every attempt.
type scenarioView struct {
	Name       string         `json:"name"`
	Keyword    string         `json:"keyword,omitempty"`
	Anchor     string         `json:"anchor"`
	Line       int            `json:"line,omitempty"`
	Tags       []string       `json:"tags,omitempty"`
	Status     results.Status `json:"status"`
	DurationMs int64          `json:"durationMs"`
	Attempts   []attemptView  `json:"attempts"`
}

// attemptView is one attempt of a scenario.
type attemptView struct {
	Number     int            `json:"number"`
	Worker     int            `json:"worker"`
	Status     results.Status `json:"status"`
	Start      string         `json:"start,omitempty"`
	DurationMs int64          `json:"durationMs"`
	Error      string         `json:"error,omitempty"`
	URL        string         `json:"url,omitempty"`
	Steps      []stepView     `json:"steps"`
}

// stepView is one step with its arguments, error, logs and attachments.
type stepView struct {
	Keyword     string           `json:"keyword"`
	Text        string           `json:"text"`
	Line        int              `json:"line,omitempty"`
	Background  bool             `json:"background,omitempty"`
	Status      results.Status   `json:"status"`
	DurationMs  int64            `json:"durationMs"`
	Error       string           `json:"error,omitempty"`
	Suggestion  string           `json:"suggestion,omitempty"`
	DocString   string           `json:"docString,omitempty"`
	Table       [][]string       `json:"table,omitempty"`
	Logs        []logView        `json:"logs,omitempty"`
	Attachments []attachmentView `json:"attachments,omitempty"`
}

// logView is one log line; OffsetMs is its time since the attempt started,
// absent when the log has no time.
type logView struct {
	OffsetMs *int64           `json:"offsetMs,omitempty"`
	Level    results.LogLevel `json:"level"`
	Source   string           `json:"source,omitempty"`
	Text     string           `json:"text"`
	URL      string           `json:"url,omitempty"`
}

// attachmentView is an attachment with its link relative to the page. Href
// is empty when the attachment's path is not a safe relative path inside
// the report folder.
type attachmentView struct {
	Name      string `json:"name"`
	Href      string `json:"href,omitempty"`
	MediaType string `json:"mediaType"`
	Width     int    `json:"width,omitempty"`
	Height    int    `json:"height,omitempty"`
}

// maxIndexError is how much of an error the index shows; the feature page
// has all of it.
const maxIndexError = 4000

// buildIndex makes the data of index.html. features are the run's
// features without nil entries; pages[i] names the page of features[i].
func buildIndex(run *results.Run, features []*results.Feature, pages []string) indexData {
	d := indexData{
		Run:      makeRunView(run),
		Features: make([]featureSummary, 0, len(features)),
		Failures: []failureView{},
		Tags:     []string{},
	}
	tags := map[string]bool{}
	for fi, f := range features {
		sum := featureSummary{
			Name:       f.Name,
			URI:        f.URI,
			Page:       pagePath(pages[fi]),
			Line:       f.Line,
			Tags:       f.Tags,
			Status:     f.Status,
			DurationMs: ms(f.Duration),
			Counts:     tally(f.Scenarios),
			Scenarios:  make([]scenarioSummary, 0, len(f.Scenarios)),
		}
		for _, t := range f.Tags {
			tags[t] = true
		}
		anchors := anchorsOf(f.Scenarios)
		for si, s := range scenarios(f) {
			sum.Scenarios = append(sum.Scenarios, scenarioSummary{
				Name:       s.Name,
				Anchor:     anchors[si],
				Line:       s.Line,
				Tags:       s.Tags,
				Status:     s.Status,
				DurationMs: ms(s.Duration),
				Attempts:   attemptCount(s),
			})
			for _, t := range s.Tags {
				tags[t] = true
			}
			if fails(s.Status) {
				d.Failures = append(d.Failures, makeFailure(fi, si, s))
			}
		}
		d.Features = append(d.Features, sum)
	}
	for t := range tags {
		d.Tags = append(d.Tags, t)
	}
	slices.Sort(d.Tags)
	return d
}

// buildFeature makes the data of one feature page.
func buildFeature(run *results.Run, f *results.Feature) featureData {
	d := featureData{
		Run: runRef{
			ID:     run.ID,
			Status: run.Status,
			Start:  isoTime(run.Start),
			Kumite: run.Env.Kumite,
		},
		Index: "../index.html",
		Feature: featureView{
			Name:        f.Name,
			URI:         f.URI,
			Description: f.Description,
			Line:        f.Line,
			Tags:        f.Tags,
			Status:      f.Status,
			DurationMs:  ms(f.Duration),
			Counts:      tally(f.Scenarios),
		},
		Scenarios: make([]scenarioView, 0, len(f.Scenarios)),
	}
	anchors := anchorsOf(f.Scenarios)
	for si, s := range scenarios(f) {
		sv := scenarioView{
			Name:       s.Name,
			Keyword:    strings.TrimSpace(s.Keyword),
			Anchor:     anchors[si],
			Line:       s.Line,
			Tags:       s.Tags,
			Status:     s.Status,
			DurationMs: ms(s.Duration),
			Attempts:   make([]attemptView, 0, len(s.Attempts)),
		}
		for _, a := range s.Attempts {
			if a != nil {
				sv.Attempts = append(sv.Attempts, makeAttempt(a, "../"))
			}
		}
		d.Scenarios = append(d.Scenarios, sv)
	}
	return d
}

func makeRunView(run *results.Run) runView {
	dur := run.Duration
	if dur == 0 && run.End.After(run.Start) {
		dur = run.End.Sub(run.Start)
	}
	return runView{
		ID:          run.ID,
		Status:      run.Status,
		Interrupted: run.Interrupted,
		Start:       isoTime(run.Start),
		End:         isoTime(run.End),
		DurationMs:  ms(dur),
		Env:         run.Env,
		Counts:      run.Counts,
		Errors:      run.Errors,
	}
}

// makeFailure describes the final attempt of a failed scenario for the
// index, whose links are relative to the report folder.
func makeFailure(fi, si int, s *results.Scenario) failureView {
	fv := failureView{Feature: fi, Scenario: si}
	a := s.Final()
	if a == nil {
		return fv
	}
	fv.Attempt, fv.Worker = a.Number, a.Worker
	var errText string
	if st := failingStep(a); st != nil {
		fv.Step = &stepRef{Keyword: strings.TrimSpace(st.Keyword), Text: st.Text, Line: st.Line, Status: st.Status}
		errText = st.Error
		fv.Suggestion = st.Suggestion
	}
	if a.Error != "" && !strings.Contains(errText, a.Error) {
		errText = joinNonEmpty(errText, a.Error)
	}
	fv.Error, fv.ErrorTruncated = truncate(errText, maxIndexError)
	if shot := lastScreenshot(a); shot != nil {
		v := makeAttachment(*shot, "")
		fv.Screenshot = &v
	}
	return fv
}

func makeAttempt(a *results.Attempt, root string) attemptView {
	av := attemptView{
		Number:     a.Number,
		Worker:     a.Worker,
		Status:     a.Status,
		Start:      isoTime(a.Start),
		DurationMs: ms(a.Duration),
		Error:      a.Error,
		URL:        a.URL,
		Steps:      make([]stepView, 0, len(a.Steps)),
	}
	for _, st := range a.Steps {
		if st == nil {
			continue
		}
		sv := stepView{
			Keyword:    strings.TrimSpace(st.Keyword),
			Text:       st.Text,
			Line:       st.Line,
			Background: st.Background,
			Status:     st.Status,
			DurationMs: ms(st.Duration),
			Error:      st.Error,
			Suggestion: st.Suggestion,
			DocString:  st.DocString,
			Table:      st.Table,
		}
		for _, l := range st.Logs {
			sv.Logs = append(sv.Logs, makeLog(l, a.Start))
		}
		for _, at := range st.Attachments {
			sv.Attachments = append(sv.Attachments, makeAttachment(at, root))
		}
		av.Steps = append(av.Steps, sv)
	}
	return av
}

func makeLog(l results.Log, start time.Time) logView {
	lv := logView{Level: l.Level, Source: l.Source, Text: l.Text, URL: l.URL}
	if !l.Time.IsZero() && !start.IsZero() {
		off := ms(l.Time.Sub(start))
		lv.OffsetMs = &off
	}
	return lv
}

// makeAttachment links an attachment relative to a page whose path to the
// report folder is root ("" or "../").
func makeAttachment(at results.Attachment, root string) attachmentView {
	v := attachmentView{Name: at.Name, MediaType: at.MediaType, Width: at.Width, Height: at.Height}
	if href, ok := relativeHref(at.Path); ok {
		v.Href = root + href
	}
	return v
}

// relativeHref turns an attachment path (relative to the report folder,
// forward slashes) into a URL path: each segment percent-escaped. It refuses
// paths that are absolute, climb out with "..", use backslashes or contain a
// colon (which a browser could read as a scheme such as javascript:).
func relativeHref(p string) (string, bool) {
	if p == "" || strings.ContainsAny(p, `\:`) || !fs.ValidPath(p) || p == "." {
		return "", false
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/"), true
}

// failingStep is the first step of a that did not pass or get skipped.
func failingStep(a *results.Attempt) *results.Step {
	for _, st := range a.Steps {
		if st != nil && fails(st.Status) {
			return st
		}
	}
	return nil
}

// lastScreenshot is the last image attached to any step of a that can be
// linked (its path stays inside the report folder).
func lastScreenshot(a *results.Attempt) *results.Attachment {
	var last *results.Attachment
	for _, st := range a.Steps {
		if st == nil {
			continue
		}
		for i, at := range st.Attachments {
			if _, ok := relativeHref(at.Path); ok && strings.HasPrefix(at.MediaType, "image/") {
				last = &st.Attachments[i]
			}
		}
	}
	return last
}

// fails reports whether a scenario with status s makes the run fail.
func fails(s results.Status) bool {
	switch s {
	case results.Failed, results.Undefined, results.Ambiguous, results.Pending:
		return true
	}
	return false
}

// tally counts scenarios by status the way results.Run.Finish does:
// ambiguous and pending count as undefined, unknown statuses as failed.
func tally(ss []*results.Scenario) results.Counts {
	var c results.Counts
	for _, s := range ss {
		if s == nil {
			continue
		}
		c.Total++
		switch s.Status {
		case results.Passed:
			c.Passed++
		case results.Flaky:
			c.Flaky++
		case results.Skipped:
			c.Skipped++
		case results.Undefined, results.Ambiguous, results.Pending:
			c.Undefined++
		default:
			c.Failed++
		}
	}
	return c
}

// scenarios is f's scenarios without nil entries.
func scenarios(f *results.Feature) []*results.Scenario {
	out := make([]*results.Scenario, 0, len(f.Scenarios))
	for _, s := range f.Scenarios {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}

// anchorsOf gives each scenario of a feature an element id that is the same
// on the index and on the feature page: "L<line>", with "-2", "-3", … for
// scenarios that share a line.
func anchorsOf(ss []*results.Scenario) []string {
	seen := map[string]int{}
	var out []string
	for _, s := range ss {
		if s == nil {
			continue
		}
		a := "L" + strconv.Itoa(s.Line)
		seen[a]++
		if n := seen[a]; n > 1 {
			a += "-" + strconv.Itoa(n)
		}
		out = append(out, a)
	}
	return out
}

func attemptCount(s *results.Scenario) int {
	if len(s.Attempts) > 1 {
		return len(s.Attempts)
	}
	return 0
}

// ms rounds d to whole milliseconds.
func ms(d time.Duration) int64 {
	return d.Round(time.Millisecond).Milliseconds()
}

// isoTime formats t in UTC with millisecond precision, which every browser's
// Date parses; the zero time is "".
func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	cut := n
	for cut > 0 && !utf8RuneStart(s[cut]) {
		cut--
	}
	return s[:cut], true
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// pagePath is the path of the feature page called name, relative to the
// report folder (forward slashes: it is used as a link too).
func pagePath(name string) string { return path.Join("features", name+".html") }
