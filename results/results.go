package results

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// FileName is the name of the result model file inside a report folder.
const FileName = "results.json"

// SchemaVersion is written into every results.json so that readers (report
// merge, history) can refuse files they do not understand.
const SchemaVersion = 1

// Status is the outcome of a run, feature, scenario, attempt or step.
type Status string

// The statuses a result can have. Flaky is a scenario that failed and then
// passed on a retry.
const (
	Passed    Status = "passed"
	Failed    Status = "failed"
	Flaky     Status = "flaky"
	Skipped   Status = "skipped"
	Undefined Status = "undefined"
	Ambiguous Status = "ambiguous"
	Pending   Status = "pending"
)

// Run is one execution of kumite: every selected feature, with the
// environment it ran in.
type Run struct {
	Schema      int           `json:"schema"`
	ID          string        `json:"id"`
	Status      Status        `json:"status"`
	Interrupted bool          `json:"interrupted,omitempty"`
	Start       time.Time     `json:"start"`
	End         time.Time     `json:"end"`
	Duration    time.Duration `json:"duration"`
	Env         Environment   `json:"env"`
	Features    []*Feature    `json:"features"`
	Counts      Counts        `json:"counts"`
	Errors      []string      `json:"errors,omitempty"`
}

// Environment describes where and how a run happened. The CI fields come
// from CodeBuild's CODEBUILD_* variables (see FromCodeBuild); nothing else
// of the environment goes into a report.
type Environment struct {
	Kumite     string `json:"kumite"`
	Browser    string `json:"browser,omitempty"`
	Workers    int    `json:"workers"`
	BaseURL    string `json:"baseUrl,omitempty"`
	Host       string `json:"host,omitempty"`
	OS         string `json:"os,omitempty"`
	Tags       string `json:"tags,omitempty"`
	Shard      string `json:"shard,omitempty"`
	Headless   bool   `json:"headless"`
	WindowSize string `json:"windowSize,omitempty"`
	BuildID    string `json:"buildId,omitempty"`
	BuildURL   string `json:"buildUrl,omitempty"`
	BuildNum   string `json:"buildNumber,omitempty"`
	Commit     string `json:"commit,omitempty"`
	Branch     string `json:"branch,omitempty"`
	Initiator  string `json:"initiator,omitempty"`
	// SourceVersion is CODEBUILD_SOURCE_VERSION as CodeBuild gave it: a
	// commit, a branch, "pr/12" or a tag.
	SourceVersion string `json:"sourceVersion,omitempty"`
	// WebhookTrigger is CODEBUILD_WEBHOOK_TRIGGER: "branch/main",
	// "pr/12" or "tag/v1".
	WebhookTrigger string `json:"webhookTrigger,omitempty"`
	// PullRequest is the number of the pull request built, from a
	// "pr/12" webhook trigger or source version.
	PullRequest string `json:"pullRequest,omitempty"`
	// BatchBuildIdentifier names this build in a batch build
	// (CODEBUILD_BATCH_BUILD_IDENTIFIER); BatchBuildID is the batch's id
	// (CODEBUILD_BUILD_BATCH_ID).
	BatchBuildIdentifier string `json:"batchBuildIdentifier,omitempty"`
	BatchBuildID         string `json:"batchBuildId,omitempty"`
}

// Counts tallies scenarios by status.
type Counts struct {
	Total     int `json:"total"`
	Passed    int `json:"passed"`
	Failed    int `json:"failed"`
	Flaky     int `json:"flaky"`
	Skipped   int `json:"skipped"`
	Undefined int `json:"undefined"`
}

// Feature is one .feature file and the scenarios of it that were selected.
type Feature struct {
	ID          string        `json:"id"`
	URI         string        `json:"uri"`
	Name        string        `json:"name"`
	Description string        `json:"description,omitempty"`
	Line        int           `json:"line"`
	Tags        []string      `json:"tags,omitempty"`
	TagLines    []int         `json:"tagLines,omitempty"` // the line of each of Tags
	Background  *Background   `json:"background,omitempty"`
	Status      Status        `json:"status"`
	Duration    time.Duration `json:"duration"`
	Scenarios   []*Scenario   `json:"scenarios"`
}

// Background is where a feature's Background is written. Its steps are in
// every attempt, marked Step.Background.
type Background struct {
	Keyword string `json:"keyword"`
	Name    string `json:"name,omitempty"`
	Line    int    `json:"line"`
}

// Scenario is one pickle (a scenario, or one example row of an outline)
// with every attempt made at it. The last attempt decides its status.
type Scenario struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Keyword  string        `json:"keyword,omitempty"`
	Line     int           `json:"line"`
	Tags     []string      `json:"tags,omitempty"`
	TagLines []int         `json:"tagLines,omitempty"` // the line of each of Tags (a feature's tags too)
	Status   Status        `json:"status"`
	Duration time.Duration `json:"duration"`
	Attempts []*Attempt    `json:"attempts"`
}

// Attempt is one execution of a scenario on one worker.
type Attempt struct {
	Number int `json:"number"`
	Worker int `json:"worker"`
	// Shard is the 1-based index of the report this attempt came from in a
	// merged run (kumite report merge); 0 in a run that was not merged.
	Shard    int           `json:"shard,omitempty"`
	Status   Status        `json:"status"`
	Start    time.Time     `json:"start"`
	End      time.Time     `json:"end"`
	Duration time.Duration `json:"duration"`
	Error    string        `json:"error,omitempty"`
	URL      string        `json:"url,omitempty"`
	Steps    []*Step       `json:"steps"`
}

// Step is one executed (or skipped) step of an attempt.
type Step struct {
	Keyword     string        `json:"keyword"`
	Text        string        `json:"text"`
	Line        int           `json:"line"`
	Background  bool          `json:"background,omitempty"`
	Status      Status        `json:"status"`
	Duration    time.Duration `json:"duration"`
	Error       string        `json:"error,omitempty"`
	Suggestion  string        `json:"suggestion,omitempty"`
	DocString   string        `json:"docString,omitempty"`
	Table       [][]string    `json:"table,omitempty"`
	Logs        []Log         `json:"logs,omitempty"`
	Attachments []Attachment  `json:"attachments,omitempty"`
}

// LogLevel says how bad a log entry is.
type LogLevel string

// Log levels. Console errors, uncaught exceptions and failed requests of the
// page under test are errors; step notes are info.
const (
	LogInfo    LogLevel = "info"
	LogWarning LogLevel = "warning"
	LogError   LogLevel = "error"
)

// Log is one line captured while a step ran: a console message, an uncaught
// exception, a failed request, or a note of kumite's.
type Log struct {
	Time   time.Time `json:"time"`
	Level  LogLevel  `json:"level"`
	Source string    `json:"source"`
	Text   string    `json:"text"`
	URL    string    `json:"url,omitempty"`
}

// Attachment is a file written into the report folder, referenced by its
// path relative to that folder (forward slashes).
type Attachment struct {
	Name      string `json:"name"`
	Path      string `json:"path"`
	MediaType string `json:"mediaType"`
	Width     int    `json:"width,omitempty"`
	Height    int    `json:"height,omitempty"`
}

// Write stores run as dir/results.json, indented, atomically (a temp file
// then rename), so a reader never sees half a file.
func Write(dir string, run *Run) error {
	data, err := json.MarshalIndent(run, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", FileName, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create report folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, FileName)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Read loads dir/results.json.
func Read(dir string) (*Run, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var run Run
	if err := json.Unmarshal(data, &run); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if run.Schema != SchemaVersion {
		return nil, fmt.Errorf("read %s: schema %d, this kumite reads schema %d", path, run.Schema, SchemaVersion)
	}
	return &run, nil
}
