package reporter

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

// bigRun makes a run shaped like a real suite: nFeatures features of
// perFeature scenarios, each a background of two steps and six more, one
// screenshot per scenario (as make bench does), a data table now and then;
// one scenario in twenty fails with an error, page logs and a failure
// screenshot, one in fifty is flaky (two attempts).
func bigRun(nFeatures, perFeature int) *results.Run {
	t0 := time.Date(2025, 11, 23, 20, 0, 0, 0, time.UTC)
	run := &results.Run{
		Schema: results.SchemaVersion, ID: "big", Start: t0,
		Env: results.Environment{Kumite: "v0.1.0", Browser: "Chromium 156.0.8078.79", Workers: 2,
			BaseURL: "http://127.0.0.1:41234", Host: "codebuild-7f3a", Headless: true, WindowSize: "1920x1080"},
	}
	n := 0
	for fi := range nFeatures {
		f := &results.Feature{
			ID: fmt.Sprintf("area-%02d", fi), URI: fmt.Sprintf("features/area_%02d/flows.feature", fi),
			Name: fmt.Sprintf("Area %02d: customer flows on the demo site", fi), Line: 1, Tags: []string{"@area"},
		}
		for si := range perFeature {
			n++
			s := &results.Scenario{
				ID: fmt.Sprintf("%s;scenario-%d", f.ID, si), Name: fmt.Sprintf("customer completes flow number %d", si),
				Keyword: "Scenario", Line: 10 + si*12, Tags: []string{"@smoke"},
			}
			attempts := 1
			if n%50 == 7 {
				attempts = 2
			}
			for a := 1; a <= attempts; a++ {
				fail := n%20 == 3 || (attempts == 2 && a == 1)
				s.Attempts = append(s.Attempts, bigAttempt(t0.Add(time.Duration(n)*time.Second), a, n, fail))
			}
			f.Scenarios = append(f.Scenarios, s)
		}
		run.Features = append(run.Features, f)
	}
	run.Finish(t0.Add(30 * time.Minute))
	return run
}

func bigAttempt(start time.Time, number, n int, fail bool) *results.Attempt {
	a := &results.Attempt{Number: number, Worker: 1 + n%2, Start: start, URL: "http://127.0.0.1:41234/repo.html"}
	texts := []string{
		`I open "/repo.html"`,
		`I wait for "#tree-browser" to be visible`,
		`I click "{a}Go to file"`,
		`I wait for the URL to contain "find"`,
		`I type "logo.png" into "input[name=query]"`,
		`I take a screenshot`,
		`there should be at least 1 element matching "ul#tree-browser li[role=presentation]"`,
		`"#result-count" should have text "1 file"`,
	}
	failed := false
	for i, text := range texts {
		st := &results.Step{Keyword: []string{"Given ", "And ", "When ", "Then "}[min(i, 3)], Text: text,
			Line: 4 + i, Background: i < 2, Status: results.Passed, Duration: time.Duration(40+i*17) * time.Millisecond}
		switch {
		case failed:
			st.Status, st.Duration = results.Skipped, 0
		case i == 5:
			st.Attachments = []results.Attachment{{Name: "screenshot", Path: fmt.Sprintf("screenshots/s%04d-a%d-step6.jpg", n, number),
				MediaType: "image/jpeg", Width: 1920, Height: 1080}}
		case i == 4 && n%10 == 0:
			st.Table = [][]string{{"locator", "value"}, {"#user", "alice"}, {"#password", "••••••"}}
		case i == 6 && fail:
			failed = true
			st.Status, st.Duration = results.Failed, 10*time.Second
			st.Error = `there should be at least 1 element matching "ul#tree-browser li[role=presentation]"` +
				"\n  expected: at least 1\n  actual:   0\n  page:     http://127.0.0.1:41234/find.html?q=logo.png\n  waited:   10s"
			st.Logs = []results.Log{
				{Time: start.Add(2 * time.Second), Level: results.LogError, Source: "network", Text: "GET /api/search?q=logo.png 500 (Internal Server Error)", URL: "http://127.0.0.1:41234/api/search?q=logo.png"},
				{Time: start.Add(2 * time.Second), Level: results.LogError, Source: "console", Text: "Uncaught TypeError: Cannot read properties of undefined (reading 'items')", URL: "http://127.0.0.1:41234/find.js:31:9"},
			}
			st.Attachments = []results.Attachment{{Name: "failure", Path: fmt.Sprintf("screenshots/s%04d-a%d-failure.jpg", n, number),
				MediaType: "image/jpeg", Width: 1920, Height: 1080}}
		}
		a.Steps = append(a.Steps, st)
		a.Duration += st.Duration
	}
	a.End = start.Add(a.Duration)
	a.Status = results.AttemptStatus(a.Steps)
	return a
}

// TestThousandScenarioReportIsLight writes a 1,000-scenario report and
// bounds its size.
//
// The bounds. The index carries one line per scenario (~150 bytes) plus the
// failures, not steps: 256 KB leaves room for long names, yet fails at once
// if steps leak into it (8 steps x 1,000 scenarios is over 1 MB), and loads
// in a fraction of a second from S3. The feature pages carry each step once,
// as results.json does, so together they may exceed results.json (compact)
// of the same run only by their skeletons and relative links: 10%. Today
// that is ~1.5 KB per scenario of 8 steps, ~30 KB per page of 20 scenarios.
func TestThousandScenarioReportIsLight(t *testing.T) {
	run := bigRun(50, 20)
	if run.Counts.Total != 1000 {
		t.Fatalf("generated %d scenarios, want 1000", run.Counts.Total)
	}
	began := time.Now()
	dir := writeReport(t, run)
	took := time.Since(began)

	model, err := json.Marshal(run)
	if err != nil {
		t.Fatal(err)
	}
	var total, index int64
	pages := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), "data:image") || strings.Contains(string(b), ";base64,") {
			t.Errorf("%s embeds an image as a data: URL", p)
		}
		if strings.HasSuffix(p, ".html") && filepath.Base(p) != TimelineFile {
			total += int64(len(b))
			pages++
		}
		if filepath.Base(p) == "index.html" {
			index = int64(len(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("1,000 scenarios: %d pages, %d KB of HTML+JSON (index %d KB), results.json %d KB, written in %v",
		pages, total>>10, index>>10, len(model)>>10, took.Round(time.Millisecond))
	if pages != 51 {
		t.Errorf("wrote %d pages, want index + 50 feature pages", pages)
	}
	if index > 256<<10 {
		t.Errorf("index.html is %d KB, want at most 256 KB", index>>10)
	}
	if features := total - index; features > int64(len(model))*11/10 {
		t.Errorf("feature pages total %d KB, more than results.json (%d KB) of the same run + 10%%", features>>10, len(model)>>10)
	}
	idx := readString(t, filepath.Join(dir, "index.html"))
	if strings.Contains(idx, "to be visible") { // the text of a step that never fails
		t.Errorf("index.html carries the steps of scenarios")
	}
}
