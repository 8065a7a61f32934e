package runner

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/tagexpr"
)

// withPattern makes dryRun see one more step definition, as a project
// that defines the same text twice would.
func withPattern(t *testing.T, pattern string) {
	t.Helper()
	re := regexp.MustCompile(pattern)
	saved := matches
	matches = func(text string) int {
		n := saved(text)
		if re.MatchString(text) {
			n++
		}
		return n
	}
	t.Cleanup(func() { matches = saved })
}

func TestDryRun(t *testing.T) {
	withPattern(t, `^I should see "twice"$`)
	const uri = "testdata/dryrun.feature"
	fs, lines, err := loadFeatures([]string{uri})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := tagexpr.Parse("")
	selected := selectPickles(fs, lines, all, config.Shard{})
	start := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	o := Options{Config: config.Defaults(1), Now: func() time.Time { return start }}
	run := newRun(o, fs, selected)
	dryRun(run, fs, selected, nil)
	run.Finish(start)

	type stepWant struct {
		status     results.Status
		suggestion string
	}
	want := map[string][]stepWant{
		"known steps": {{results.Skipped, ""}, {results.Skipped, ""}, {results.Skipped, ""}},
		"a typo":      {{results.Skipped, ""}, {results.Undefined, `I click "LOC"`}, {results.Skipped, ""}},
		"ambiguous":   {{results.Skipped, ""}, {results.Ambiguous, ""}},
	}
	scenarioWant := map[string]results.Status{"known steps": results.Skipped, "a typo": results.Undefined, "ambiguous": results.Ambiguous}
	var seen []string
	for _, sc := range run.Features[0].Scenarios {
		seen = append(seen, sc.Name)
		if len(sc.Attempts) != 1 {
			t.Fatalf("%s: %d attempts, want 1", sc.Name, len(sc.Attempts))
		}
		a := sc.Attempts[0]
		if sc.Status != scenarioWant[sc.Name] {
			t.Errorf("%s: status %q, want %q", sc.Name, sc.Status, scenarioWant[sc.Name])
		}
		if len(a.Steps) != len(want[sc.Name]) {
			t.Fatalf("%s: %d steps, want %d", sc.Name, len(a.Steps), len(want[sc.Name]))
		}
		for i, s := range a.Steps {
			w := want[sc.Name][i]
			if s.Status != w.status || s.Suggestion != w.suggestion {
				t.Errorf("%s step %d %q: %q suggesting %q, want %q suggesting %q", sc.Name, i+1, s.Text, s.Status, s.Suggestion, w.status, w.suggestion)
			}
			if (s.Status == results.Skipped) != (s.Error == "") {
				t.Errorf("%s step %d: status %q with error %q", sc.Name, i+1, s.Status, s.Error)
			}
		}
		if a.Worker != 0 || a.Duration != 0 {
			t.Errorf("%s: worker %d, duration %s: a dry run runs nothing", sc.Name, a.Worker, a.Duration)
		}
	}
	if !slices.Equal(seen, []string{"known steps", "a typo", "ambiguous"}) {
		t.Errorf("scenarios %q", seen)
	}
	typo := run.Features[0].Scenarios[1].Attempts[0].Error
	for _, w := range []string{"testdata/dryrun.feature:9:", `When I clik "#a"`, `did you mean: I click "LOC"`} {
		if !strings.Contains(typo, w) {
			t.Errorf("the typo's error %q does not say %q", typo, w)
		}
	}
	if !strings.Contains(run.Features[0].Scenarios[2].Attempts[0].Error, "ambiguous step: 2 step definitions match") {
		t.Errorf("the ambiguous error is %q", run.Features[0].Scenarios[2].Attempts[0].Error)
	}
	if run.Status != results.Failed || run.Counts != (results.Counts{Total: 3, Skipped: 1, Undefined: 2}) {
		t.Errorf("run %q %+v, want failed with 1 skipped and 2 undefined", run.Status, run.Counts)
	}
}
