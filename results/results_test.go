package results

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// sampleRun has a value in every field, so a field that does not survive
// the round trip (a missing or duplicated JSON tag) shows up.
func sampleRun() *Run {
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 123456789, time.UTC)
	step := func(status Status) *Step {
		return &Step{
			Keyword: "When", Text: `I fill "#user" with "alice"`, Line: 7, Background: true, Status: status,
			Duration: 1500 * time.Millisecond, Error: "boom", Suggestion: `I fill "LOC" with "TEXT"`,
			DocString: "a\nb", Table: [][]string{{"#user", "alice"}, {"#pass", "••••••"}},
			Logs: []Log{{Time: t0.Add(time.Second), Level: LogError, Source: "console", Text: "TypeError: x", URL: "http://127.0.0.1/x.js"}},
			Attachments: []Attachment{{Name: "after step", Path: "screenshots/f1-s1-a1-01.jpeg", MediaType: "image/jpeg",
				Width: 1920, Height: 1080}},
		}
	}
	run := &Run{
		Schema: SchemaVersion, ID: "build-42", Status: Failed, Interrupted: true,
		Start: t0, End: t0.Add(time.Minute), Duration: time.Minute,
		Env: Environment{
			Kumite: "1.2.3", Browser: "HeadlessChrome/130", Workers: 2, BaseURL: "http://127.0.0.1:8080/",
			Host: "ci", OS: "linux/amd64", Tags: "@smoke", Shard: "1/2", Headless: true, WindowSize: "1920x1080",
			BuildID: "proj:1", BuildURL: "https://console.aws/x", BuildNum: "42", Commit: "abc", Branch: "main", Initiator: "me",
		},
		Features: []*Feature{{
			ID: "f1", URI: "features/login.feature", Name: "Login", Description: "As a user", Line: 2,
			Tags: []string{"@auth"}, Status: Flaky, Duration: 3 * time.Second,
			Scenarios: []*Scenario{{
				ID: "f1-s1", Name: "Sign in", Keyword: "Scenario Outline", Line: 12, Tags: []string{"@auth", "@smoke"},
				Status: Flaky, Duration: 3 * time.Second,
				Attempts: []*Attempt{
					{Number: 1, Worker: 2, Status: Failed, Start: t0, End: t0.Add(time.Second), Duration: time.Second,
						Error: "expected x, got y", URL: "http://127.0.0.1:8080/login.html", Steps: []*Step{step(Failed)}},
					{Number: 2, Worker: 1, Status: Passed, Start: t0.Add(time.Second), End: t0.Add(3 * time.Second),
						Duration: 2 * time.Second, Steps: []*Step{step(Passed)}},
				},
			}},
		}},
		Counts: Counts{Total: 1, Passed: 2, Failed: 3, Flaky: 4, Skipped: 5, Undefined: 6},
		Errors: []string{"something"},
	}
	return run
}

func TestWriteReadRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reports", "nested") // Write creates the folder
	want := sampleRun()
	if err := Write(dir, want); err != nil {
		t.Fatalf("Write: %v", err)
	}
	got, err := Read(dir)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		a, _ := json.MarshalIndent(got, "", " ")
		b, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("Read(Write(run)) differs from run:\ngot  %s\nwant %s", a, b)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != FileName {
		t.Errorf("report folder holds %v, want only %s (no temp file left)", entries, FileName)
	}
}

// TestResultsJSONSchema pins the names readers outside Go rely on (the
// report's JavaScript, report merge of older kumites, history).
func TestResultsJSONSchema(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, sampleRun()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("results.json is not JSON: %v", err)
	}
	if doc["schema"] != float64(SchemaVersion) {
		t.Errorf("schema = %v, want %d", doc["schema"], SchemaVersion)
	}
	for _, key := range []string{"id", "status", "interrupted", "start", "end", "duration", "env", "features", "counts", "errors"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("results.json has no %q", key)
		}
	}
	env := doc["env"].(map[string]any)
	for _, key := range []string{"kumite", "browser", "workers", "baseUrl", "headless", "windowSize", "buildId", "buildUrl", "buildNumber", "commit", "branch"} {
		if _, ok := env[key]; !ok {
			t.Errorf("results.json env has no %q", key)
		}
	}
	sc := doc["features"].([]any)[0].(map[string]any)["scenarios"].([]any)[0].(map[string]any)
	attempt := sc["attempts"].([]any)[0].(map[string]any)
	for _, key := range []string{"number", "worker", "status", "start", "end", "duration", "error", "url", "steps"} {
		if _, ok := attempt[key]; !ok {
			t.Errorf("results.json attempt has no %q", key)
		}
	}
	step := attempt["steps"].([]any)[0].(map[string]any)
	for _, key := range []string{"keyword", "text", "line", "status", "duration", "error", "suggestion", "docString", "table", "logs", "attachments"} {
		if _, ok := step[key]; !ok {
			t.Errorf("results.json step has no %q", key)
		}
	}
	if d := step["duration"]; d != float64(1500*time.Millisecond) {
		t.Errorf("step duration = %v, want nanoseconds %d", d, 1500*time.Millisecond)
	}
	if !strings.HasSuffix(string(data), "}\n") {
		t.Error("results.json does not end with a newline")
	}
}

func TestReadRefuses(t *testing.T) {
	tests := []struct {
		name    string
		content string // "" means no file
		want    string
	}{
		{"missing file", "", "no such file"},
		{"not JSON", "{schema: 1", "invalid character"},
		{"newer schema", `{"schema": 2, "id": "x"}`, "schema 2, this kumite reads schema 1"},
		{"no schema (not a results.json)", `{"id": "x"}`, "schema 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.content != "" {
				if err := os.WriteFile(filepath.Join(dir, FileName), []byte(tt.content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			run, err := Read(dir)
			if err == nil {
				t.Fatalf("Read = %+v, want an error", run)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), filepath.Join(dir, FileName)) {
				t.Errorf("Read error = %q, want it to name the file and say %q", err, tt.want)
			}
		})
	}
}

func TestWriteReplacesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	first := sampleRun()
	if err := Write(dir, first); err != nil {
		t.Fatal(err)
	}
	second := &Run{Schema: SchemaVersion, ID: "second", Status: Passed}
	if err := Write(dir, second); err != nil {
		t.Fatal(err)
	}
	got, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "second" || len(got.Features) != 0 {
		t.Errorf("after a second Write, Read = id %q with %d features, want the second run", got.ID, len(got.Features))
	}
}

func TestWriteIntoAFileFails(t *testing.T) {
	file := filepath.Join(t.TempDir(), "taken")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(file, sampleRun())
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("Write into a file = %v, want an error naming %s", err, file)
	}
}
