package runner

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/steps"
	"github.com/kumite/kumite/tagexpr"
)

func TestSuggest(t *testing.T) {
	tests := []struct{ text, want string }{
		{`I opn "/index.html"`, `I open "URL"`},
		{`I clik "#submit"`, `I click "LOC"`},
		{`I type "alice" in "#user"`, `I type "TEXT" into "LOC"`},
		{`I fill "#user" "alice"`, `I fill "LOC" with "TEXT"`},
		{`the title shuld be "Home"`, `the title should be "TEXT"`},
		{`the url should be "/x"`, `the URL should be "URL"`},
		{`I should se "Welcome"`, `I should see "TEXT"`},
		{`I wiat 3 seconds`, `I wait N seconds?`},
		{`I set the viewport to 300 x 200`, `I set the viewport to WIDTHxHEIGHT`},
		{`"#a" should be visble`, `"LOC" should be (visible|hidden|enabled|disabled|checked|unchecked)`},
		{`there should be 3 element matchin "li"`, `there should be N elements? matching "LOC"`},
		{`I wait for the URL to contains "find"`, `I wait for the URL to contain "TEXT"`},
		{`I store text of "h1" as "title"`, `I store the text of "LOC" as "NAME"`},
		{`I take a screenshoot`, `I take a screenshot`},
		{`I go bak`, `I go back`},
		// nonsense: no suggestion beats a wrong one
		{`the moon is made of green cheese`, ``},
		{`lorem ipsum dolor sit amet consectetur`, ``},
		{`xyzzy`, ``},
		{`banana`, ``},
		{``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := suggest(tt.text); got != tt.want {
				t.Errorf("suggest(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestSuggestEveryExample checks that every example of the vocabulary,
// with one letter dropped from its first word, leads back to its own
// template (or one with the same words, as the aliases of I open).
func TestSuggestEveryExample(t *testing.T) {
	for _, d := range steps.Vocabulary() {
		first := strings.SplitN(d.Example, "\n", 2)[0]
		words := strings.Fields(first)
		i := slices.IndexFunc(words, func(w string) bool { return len(w) >= 4 && !strings.ContainsAny(w, `"0123456789`) })
		if i < 0 {
			continue
		}
		words[i] = words[i][:len(words[i])-2] + words[i][len(words[i])-1:] // drop the last letter but one
		typo := strings.Join(words, " ")
		got := suggest(typo)
		if got != d.Template && shape(templateShape(got)) != shape(templateShape(d.Template)) {
			t.Errorf("suggest(%q) = %q, want %q", typo, got, d.Template)
		}
	}
}

// withPattern makes dryRun see one more step definition, as a project
// that defines the same text twice would.
func withPattern(t *testing.T, pattern string) {
	t.Helper()
	patterns()
	saved := compiled
	compiled = append(slices.Clip(compiled), regexp.MustCompile(pattern))
	t.Cleanup(func() { compiled = saved })
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
	dryRun(run, fs, selected)
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
