package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/kumite/kumite/results"
)

// HistorySchema is written into every history.json so that a later kumite
// can refuse a file it does not understand.
const HistorySchema = 1

// History is PREFIX/history.json: every run published to the prefix,
// newest first.
type History struct {
	Schema int     `json:"schema"`
	Runs   []Entry `json:"runs"`
}

// Entry is one published run. Its report is at runs/<ID>/index.html.
type Entry struct {
	ID          string         `json:"id"`
	Time        time.Time      `json:"time"`
	Status      string         `json:"status"` // a results.Status, or "unknown" without results.json
	Counts      results.Counts `json:"counts"`
	DurationMS  int64          `json:"durationMs"`
	Branch      string         `json:"branch,omitempty"`
	PullRequest string         `json:"pullRequest,omitempty"` // its number, "12"
	Commit      string         `json:"commit,omitempty"`
	Initiator   string         `json:"initiator,omitempty"`
	BuildID     string         `json:"buildId,omitempty"`
	BuildNumber string         `json:"buildNumber,omitempty"`
	BuildURL    string         `json:"buildUrl,omitempty"`
	// Source identifies the report (its results.json run id, else the CI
	// build, else its content), so that publishing the same report again
	// reuses its run folder instead of adding a run.
	Source string `json:"source"`
}

// statusUnknown is the status of a run published without results.json.
const statusUnknown = "unknown"

// Build identifies the CI build that publishes; zero outside CI.
type Build struct {
	ID     string // CODEBUILD_BUILD_ID, "project:uuid"
	Number string // CODEBUILD_BUILD_NUMBER
	URL    string // CODEBUILD_BUILD_URL
}

// CodeBuild reads the build identity from CodeBuild's variables.
func CodeBuild(lookupEnv func(string) (string, bool)) Build {
	get := func(name string) string { v, _ := lookupEnv(name); return v }
	return Build{ID: get("CODEBUILD_BUILD_ID"), Number: get("CODEBUILD_BUILD_NUMBER"), URL: get("CODEBUILD_BUILD_URL")}
}

// newEntry describes the run in the report folder dir: from results.json
// when there is one, else from the files. Its ID is the candidate run id:
// the CodeBuild project and build number, else the UTC time of the run.
func newEntry(dir string, files []*localFile, b Build, warn func(string)) Entry {
	e := Entry{Status: statusUnknown, BuildID: b.ID, BuildNumber: b.Number, BuildURL: b.URL}
	run, err := results.Read(dir)
	switch {
	case err == nil:
		e.Status, e.Counts, e.Time = string(run.Status), run.Counts, run.Start
		e.DurationMS = run.Duration.Milliseconds()
		e.Branch, e.Commit = run.Env.Branch, run.Env.Commit
		e.PullRequest, e.Initiator = run.Env.PullRequest, run.Env.Initiator
		e.BuildID = firstOf(run.Env.BuildID, b.ID)
		e.BuildNumber = firstOf(run.Env.BuildNum, b.Number)
		e.BuildURL = firstOf(run.Env.BuildURL, b.URL)
	case !errors.Is(err, fs.ErrNotExist):
		warn(fmt.Sprintf("the history shows this run as %s: %v", statusUnknown, err))
	}
	switch {
	case run != nil && run.ID != "":
		e.Source = token("results:" + run.ID)
	case e.BuildID != "":
		e.Source = token("build:" + e.BuildID)
	default:
		e.Source = token("content:" + manifest(files))
	}
	if e.Time.IsZero() {
		for _, f := range files {
			if f.modTime.After(e.Time) {
				e.Time = f.modTime
			}
		}
	}
	e.Time = e.Time.UTC().Truncate(time.Second)
	e.ID = candidateID(e.BuildID, e.BuildNumber, e.Time)
	return e
}

// candidateID is the run id before collisions: "project-42" in CodeBuild,
// else the time of the run, "20260214T101500Z", which sorts by time.
func candidateID(buildID, buildNumber string, t time.Time) string {
	project, _, _ := strings.Cut(buildID, ":")
	switch {
	case buildNumber != "" && project != "":
		return safeID(project + "-" + buildNumber)
	case buildNumber != "":
		return safeID(buildNumber)
	case buildID != "":
		return safeID(buildID)
	}
	return t.UTC().Format("20060102T150405Z")
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// safeID makes s usable as a folder name in a URL.
func safeID(s string) string { return strings.Trim(unsafeID.ReplaceAllString(s, "-"), "-.") }

// token is a short digest of s, safe in object metadata.
func token(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:12])
}

// manifest is the list of keys and MD5s of the files: the same report
// gives the same manifest.
func manifest(files []*localFile) string {
	lines := make([]string, len(files))
	for i, f := range files {
		lines[i] = f.rel + " " + f.md5
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// parseHistory reads history.json; an empty body is an empty history.
func parseHistory(data []byte) (*History, error) {
	h := &History{Schema: HistorySchema}
	if len(data) == 0 {
		return h, nil
	}
	if err := json.Unmarshal(data, h); err != nil {
		return nil, err
	}
	if h.Schema != HistorySchema {
		return nil, fmt.Errorf("schema %d, this kumite reads schema %d", h.Schema, HistorySchema)
	}
	return h, nil
}

func (h *History) encode() []byte {
	data, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	return append(data, '\n')
}

// find returns the run with id, or nil.
func (h *History) find(id string) *Entry {
	for i := range h.Runs {
		if h.Runs[i].ID == id {
			return &h.Runs[i]
		}
	}
	return nil
}

// bySource returns the run published from the report with source, or nil.
func (h *History) bySource(source string) *Entry {
	for i := range h.Runs {
		if h.Runs[i].Source == source {
			return &h.Runs[i]
		}
	}
	return nil
}

// add puts e into the history (replacing the run with its id), sorts
// newest first, and removes the oldest runs beyond keep (0 keeps all; e is
// never removed). It returns the runs removed and whether anything changed.
func (h *History) add(e Entry, keep int) (pruned []Entry, changed bool) {
	before := string(h.encode())
	runs := []Entry{e}
	for _, r := range h.Runs {
		if r.ID != e.ID {
			runs = append(runs, r)
		}
	}
	sort.SliceStable(runs, func(i, j int) bool {
		if !runs[i].Time.Equal(runs[j].Time) {
			return runs[i].Time.After(runs[j].Time)
		}
		return runs[i].ID > runs[j].ID
	})
	if keep > 0 {
		kept := runs[:0:0]
		for _, r := range runs {
			if len(kept) < keep || r.ID == e.ID {
				kept = append(kept, r)
			} else {
				pruned = append(pruned, r)
			}
		}
		runs = kept
		if len(runs) > keep { // e was older than the newest keep: drop the oldest other
			last := len(runs) - 1
			if runs[last].ID == e.ID {
				last--
			}
			pruned = append(pruned, runs[last])
			runs = append(runs[:last], runs[last+1:]...)
		}
	}
	h.Runs = runs
	return pruned, string(h.encode()) != before
}

// newest tells whether e is the newest run of the history.
func (h *History) newest(e Entry) bool {
	return len(h.Runs) > 0 && h.Runs[0].ID == e.ID
}
