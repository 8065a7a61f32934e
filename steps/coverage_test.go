package steps_test

import (
	"os"
	"regexp"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"

	"github.com/kumite/kumite/steps"
)

// cannotFail lists the steps that have no wrong page to fail on, with the
// reason. Every other step needs a scenario in fail.feature that ends with it.
var cannotFail = map[string]string{
	`I reload the page`:                  "any page can be reloaded",
	`I switch to the main frame`:         "the main frame is always there",
	`I accept the next dialog`:           "it only arms the answer; the step that opens the dialog acts",
	`I dismiss the next dialog`:          "it only arms the answer; the step that opens the dialog acts",
	`I answer "TEXT" to the next dialog`: "it only arms the answer; the step that opens the dialog acts",
	`I wait N ms`:                        "a pause does not look at the page",
	`I wait N seconds?`:                  "a pause does not look at the page",
	`I take a screenshot`:                "any page can be captured",
	`I take a screenshot named "NAME"`:   "any page can be captured",
	`I take a full-page screenshot`:      "any page can be captured",
	`I store the URL as "NAME"`:          "every page has a URL",
}

// featurePickles parses a feature of testdata into its scenarios (pickles).
func featurePickles(t *testing.T, name string) []*messages.Pickle {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	newID := (&messages.Incrementing{}).NewId
	doc, err := gherkin.ParseGherkinDocument(f, newID)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return gherkin.Pickles(*doc, name, newID)
}

// TestEveryStepIsTested fails when a step of the vocabulary has no scenario
// in pass.feature, or (unless cannotFail excuses it) no scenario in
// fail.feature that ends with it: a new step without tests breaks the build.
// It also fails when a step text of the features matches no step or more
// than one.
func TestEveryStepIsTested(t *testing.T) {
	defs := steps.Vocabulary()
	res := make([]*regexp.Regexp, len(defs))
	for i, d := range defs {
		res[i] = regexp.MustCompile(d.Pattern)
	}
	// match is the index of the one definition text matches.
	match := func(feature, text string) int {
		found := -1
		for i, re := range res {
			if !re.MatchString(text) {
				continue
			}
			if found >= 0 {
				t.Errorf("%s: %q matches both %q and %q", feature, text, defs[found].Template, defs[i].Template)
			}
			found = i
		}
		if found < 0 {
			t.Errorf("%s: %q matches no step of the vocabulary", feature, text)
		}
		return found
	}

	passes := map[int]bool{}
	for _, p := range featurePickles(t, "pass.feature") {
		for _, s := range p.Steps {
			if i := match("pass.feature", s.Text); i >= 0 {
				passes[i] = true
			}
		}
	}
	fails := map[int]bool{}
	for _, p := range featurePickles(t, "fail.feature") {
		for _, s := range p.Steps {
			match("fail.feature", s.Text)
		}
		if i := match("fail.feature", p.Steps[len(p.Steps)-1].Text); i >= 0 {
			fails[i] = true
		}
	}

	templates := map[string]bool{}
	for i, d := range defs {
		templates[d.Template] = true
		if !passes[i] {
			t.Errorf("step %q has no test that passes: use it in testdata/pass.feature", d.Template)
		}
		_, excused := cannotFail[d.Template]
		switch {
		case !fails[i] && !excused:
			t.Errorf("step %q has no test that fails: end a scenario of testdata/fail.feature with it on the wrong page", d.Template)
		case fails[i] && excused:
			t.Errorf("step %q has a test that fails: remove it from cannotFail", d.Template)
		}
	}
	for tmpl := range cannotFail {
		if !templates[tmpl] {
			t.Errorf("cannotFail has %q, which is not a step of the vocabulary", tmpl)
		}
	}
}
