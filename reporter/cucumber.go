package reporter

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/kumite/kumite/results"
)

// CucumberFile is the name of the Cucumber JSON report inside a report folder.
const CucumberFile = "cucumber.json"

// CucumberOptions says how to write cucumber.json.
type CucumberOptions struct {
	// Embed puts each screenshot into the JSON as base64 "embeddings"
	// (read from Dir, the report folder); without it a step's "output"
	// names the screenshot's path relative to the report folder.
	Embed bool
	Dir   string
}

// The legacy Cucumber JSON (the "json" formatter of cucumber-jvm and
// cucumber-js), which CodeBuild's CUCUMBERJSON parser and report tools
// read: features > elements (a background, then its scenario) > steps.
type cucumberFeature struct {
	URI         string            `json:"uri"`
	ID          string            `json:"id"`
	Keyword     string            `json:"keyword"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Line        int               `json:"line"`
	Tags        []cucumberTag     `json:"tags"`
	Elements    []cucumberElement `json:"elements"`
}

type cucumberTag struct {
	Name string `json:"name"`
	Line int    `json:"line,omitempty"`
}

type cucumberElement struct {
	StartTimestamp string         `json:"start_timestamp,omitempty"`
	ID             string         `json:"id,omitempty"`
	Keyword        string         `json:"keyword"`
	Type           string         `json:"type"` // "background" or "scenario"
	Name           string         `json:"name"`
	Description    string         `json:"description"`
	Line           int            `json:"line"`
	Tags           []cucumberTag  `json:"tags,omitempty"`
	Steps          []cucumberStep `json:"steps"`
}

type cucumberStep struct {
	Keyword    string              `json:"keyword"`
	Name       string              `json:"name"`
	Line       int                 `json:"line"`
	DocString  *cucumberDocString  `json:"doc_string,omitempty"`
	Rows       []cucumberRow       `json:"rows,omitempty"`
	Result     cucumberResult      `json:"result"`
	Output     []string            `json:"output,omitempty"`
	Embeddings []cucumberEmbedding `json:"embeddings,omitempty"`
}

type cucumberDocString struct {
	ContentType string `json:"content_type"`
	Value       string `json:"value"`
	Line        int    `json:"line"`
}

type cucumberRow struct {
	Cells []string `json:"cells"`
}

type cucumberResult struct {
	Status       string `json:"status"`
	Duration     int64  `json:"duration,omitempty"` // nanoseconds
	ErrorMessage string `json:"error_message,omitempty"`
}

type cucumberEmbedding struct {
	MimeType string `json:"mime_type"`
	Data     string `json:"data"`
	Name     string `json:"name,omitempty"`
}

// WriteCucumber writes run as legacy Cucumber JSON. Each scenario is
// reported with its last attempt (a flaky scenario passed); the steps of
// its Background come first, as an element of type "background", the way
// cucumber-jvm writes them. Logs and, unless o.Embed, screenshot paths are
// a step's "output".
func WriteCucumber(w io.Writer, run *results.Run, o CucumberOptions) error {
	out := []cucumberFeature{}
	for _, f := range run.Features {
		if f == nil {
			continue
		}
		out = append(out, cucumberFeatureOf(f, o))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write %s: %w", CucumberFile, err)
	}
	return nil
}

func cucumberFeatureOf(f *results.Feature, o CucumberOptions) cucumberFeature {
	id := cucumberID(f.Name)
	cf := cucumberFeature{
		URI: f.URI, ID: id, Keyword: "Feature", Name: f.Name, Description: f.Description,
		Line: f.Line, Tags: cucumberTags(f.Tags, f.TagLines), Elements: []cucumberElement{},
	}
	seen := map[string]int{}
	for _, s := range scenarios(f) {
		a := s.Final()
		var bg, own []cucumberStep
		if a != nil {
			for _, st := range a.Steps {
				if st == nil {
					continue
				}
				cs := cucumberStepOf(st, o)
				if st.Background {
					bg = append(bg, cs)
				} else {
					own = append(own, cs)
				}
			}
		}
		if len(bg) > 0 {
			cf.Elements = append(cf.Elements, cucumberBackground(f, a, bg))
		}
		sid := id + ";" + cucumberID(s.Name)
		seen[sid]++
		if n := seen[sid]; n > 1 {
			sid += ";;" + strconv.Itoa(n)
		}
		el := cucumberElement{
			ID: sid, Keyword: orDefault(s.Keyword, "Scenario"), Type: "scenario", Name: s.Name,
			Line: s.Line, Tags: cucumberTags(s.Tags, s.TagLines), Steps: own,
		}
		if el.Steps == nil {
			el.Steps = []cucumberStep{}
		}
		if a != nil {
			el.StartTimestamp = isoTime(a.Start)
		}
		cf.Elements = append(cf.Elements, el)
	}
	return cf
}

// cucumberBackground is the background element before a scenario. A
// results.json without the Background's position places it at its first
// step's line.
func cucumberBackground(f *results.Feature, a *results.Attempt, steps []cucumberStep) cucumberElement {
	el := cucumberElement{Keyword: "Background", Type: "background", Steps: steps, Line: steps[0].Line}
	if b := f.Background; b != nil {
		el.Keyword, el.Name, el.Line = orDefault(b.Keyword, "Background"), b.Name, b.Line
	}
	return el
}

// readAttachment reads the attachment at rel (a slash path) inside the
// report folder dir; a path that leads out of it is refused.
func readAttachment(dir, rel string) ([]byte, error) {
	if _, ok := relativeHref(rel); !ok {
		return nil, fmt.Errorf("not a path inside the report folder")
	}
	root, err := os.OpenRoot(dir) // a symlink cannot lead out of it
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return root.ReadFile(rel)
}

func cucumberStepOf(st *results.Step, o CucumberOptions) cucumberStep {
	cs := cucumberStep{
		Keyword: strings.TrimSpace(st.Keyword) + " ",
		Name:    st.Text,
		Line:    st.Line,
		Result: cucumberResult{
			Status:       cucumberStatus(st.Status),
			ErrorMessage: joinNonEmpty(st.Error, st.Suggestion),
		},
	}
	if st.Status != results.Skipped {
		cs.Result.Duration = st.Duration.Nanoseconds()
	}
	if st.DocString != "" {
		cs.DocString = &cucumberDocString{Value: st.DocString, Line: st.Line + 1}
	}
	for _, row := range st.Table {
		cs.Rows = append(cs.Rows, cucumberRow{Cells: row})
	}
	for _, l := range st.Logs {
		cs.Output = append(cs.Output, fmt.Sprintf("[%s] %s: %s", l.Level, l.Source, l.Text))
	}
	for _, at := range st.Attachments {
		name := orDefault(at.Name, "attachment")
		if !o.Embed {
			cs.Output = append(cs.Output, name+": "+at.Path)
			continue
		}
		data, err := readAttachment(o.Dir, at.Path)
		if err != nil {
			cs.Output = append(cs.Output, fmt.Sprintf("%s: %s (not embedded: %v)", name, at.Path, err))
			continue
		}
		cs.Embeddings = append(cs.Embeddings, cucumberEmbedding{
			MimeType: at.MediaType, Data: base64.StdEncoding.EncodeToString(data), Name: at.Name,
		})
	}
	return cs
}

// cucumberStatus maps a step status to the legacy JSON's: passed,
// failed, skipped, undefined, pending or ambiguous.
func cucumberStatus(s results.Status) string {
	switch s {
	case results.Passed, results.Failed, results.Skipped, results.Undefined, results.Pending, results.Ambiguous:
		return string(s)
	case results.Flaky:
		return string(results.Passed)
	}
	return string(results.Failed)
}

// cucumberTags pairs tags with their lines (absent from a results.json
// written before kumite recorded them).
func cucumberTags(tags []string, lines []int) []cucumberTag {
	out := make([]cucumberTag, len(tags))
	for i, t := range tags {
		out[i] = cucumberTag{Name: t}
		if len(lines) == len(tags) {
			out[i].Line = lines[i]
		}
	}
	return out
}

// cucumberID makes an element id the way cucumber-jvm does: the name in
// lower case with spaces as "-".
func cucumberID(name string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), " ", "-")
}
