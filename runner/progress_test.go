package runner

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/results"
)

// TestProgressNamesEveryProblemStep: the progress line of a scenario
// that did not pass names each step that failed or is undefined,
// ambiguous or pending, with its file and line, wherever it is.
func TestProgressNamesEveryProblemStep(t *testing.T) {
	step := func(line int, text string, status results.Status, err, suggestion string) *results.Step {
		return &results.Step{Keyword: "Given", Text: text, Line: line, Status: status, Error: err, Suggestion: suggestion}
	}
	tests := []struct {
		name  string
		steps []*results.Step
		want  []string
	}{
		{"undefined, nothing close, in the middle", []*results.Step{
			step(3, `I open "/"`, results.Passed, "", ""),
			step(4, "the moon is made of green cheese", results.Undefined, undefinedError, ""),
			step(5, "I reload the page", results.Skipped, "", ""),
		}, []string{"f.feature:4 Given the moon is made of green cheese", undefinedError}},
		{"undefined first, with a suggestion", []*results.Step{
			step(3, `I opne "/"`, results.Undefined, undefinedError, `I open "URL"`),
		}, []string{`f.feature:3 Given I opne "/"`, `did you mean: I open "URL"`}},
		{"undefined after a failed step", []*results.Step{
			step(3, `I open "/"`, results.Failed, "boom", ""),
			step(4, "the sun is made of blue cheese", results.Undefined, undefinedError, ""),
		}, []string{`f.feature:3 Given I open "/"`, "boom", "f.feature:4 Given the sun is made of blue cheese"}},
		{"ambiguous", []*results.Step{
			step(3, "twice", results.Ambiguous, "ambiguous step: 2 step definitions match this text", ""),
		}, []string{"f.feature:3 Given twice", "ambiguous step"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			a := &results.Attempt{Number: 1, Worker: 1, Steps: tt.steps, Status: results.AttemptStatus(tt.steps)}
			for _, s := range tt.steps {
				if s.Error != "" && a.Error == "" {
					a.Error = s.Error
				}
			}
			newProgress(&out, false, 1).scenario("f.feature", &results.Scenario{Name: "s", Line: 2}, a)
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("progress does not say %q:\n%s", w, out.String())
				}
			}
		})
	}
}

// TestDryRunNamesEveryUndefinedStep: a dry run names each undefined step
// of a scenario, not only the first.
func TestDryRunNamesEveryUndefinedStep(t *testing.T) {
	const file = "testdata/undefined.feature"
	o := runOffline(t, loadConfig(t, config.Setting{Name: "dry-run", Value: "true"}, pathArg(file)))
	for _, w := range []string{
		file + ":4 When the moon is made of green cheese", file + `:5 Then I clik "#a"`, `did you mean: I click "LOC"`,
	} {
		if !strings.Contains(o.stdout, w) {
			t.Errorf("stdout does not say %q\n%s", w, o.stdout)
		}
	}
}
