package runner

import (
	"strings"
	"testing"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/results"
)

// TestDryRunReportsWhatIsWrittenWrong: a table or doc string a step does
// not take, a table it needs, an outline without Examples and a scenario
// without steps are each reported with file and line, as undefined
// (exit 1), instead of passing; an outline whose Examples have no row is a
// warning (gherkin makes no scenario of it).
func TestDryRunReportsWhatIsWrittenWrong(t *testing.T) {
	const file = "testdata/written.feature"
	cfg := loadConfig(t, config.Setting{Name: "dry-run", Value: "true"}, pathArg(file))
	o := runOffline(t, cfg)
	if code := exitcode.Of(o.err); code != exitcode.Failed {
		t.Fatalf("exit %d (%v), want 1\n%s", code, o.err, o.stdout)
	}
	at := func(text string) string { return file + ":" + itoa(lineOf(t, file, text)) + ": " }
	step := func(text string) string { return file + ":" + itoa(lineOf(t, file, text)) + " " + text + "\n" }
	for _, w := range []string{
		file + ":" + itoa(lineOf(t, file, "| a | b |")-1) + ` Given I open "/index.html"` + "\n      this step takes no data table: remove the data table under it",
		step(`Then the title should be "Kumite test"`) + "      this step takes no doc string",
		step("When I fill in:") + "      this step needs a data table under it",
		at("Scenario Outline: an outline without examples") + `Scenario Outline "an outline without examples" has no Examples`,
		at("Scenario: no steps yet") + `Scenario "no steps yet" has no steps`,
	} {
		if !strings.Contains(o.stdout, w) {
			t.Errorf("stdout does not say %q\n%s", w, o.stdout)
		}
	}
	if w := "warning: " + at("Scenario Outline: an outline whose examples have no row") + "Scenario Outline \"an outline whose examples have no row\" has no example rows: it runs nothing"; !strings.Contains(o.stderr, w) {
		t.Errorf("stderr does not warn of the outline without rows\n%s", o.stderr)
	}
	st := scenarioStatuses(o.run)
	want := map[string]results.Status{
		"a table the step does not take": results.Undefined, "a doc string the step does not take": results.Undefined,
		"a table the step needs is missing": results.Undefined, "an outline without examples": results.Undefined,
		"no steps yet": results.Undefined, "written right": results.Skipped,
	}
	for name, s := range want {
		if st[name] != s {
			t.Errorf("scenario %q: %q, want %q", name, st[name], s)
		}
	}
}

func scenarioStatuses(run *results.Run) map[string]results.Status {
	out := map[string]results.Status{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			out[s.Name] = s.Status
		}
	}
	return out
}
