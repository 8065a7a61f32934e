package runner

import (
	"fmt"
	"io"
	"reflect"

	messages "github.com/cucumber/messages/go/v21"

	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/steps"
)

// Checks of what a feature file says that godog would run without a word:
// a data table or doc string given to a step that ignores it, a Scenario
// Outline without Examples (gherkin makes it a scenario with "<name>" left
// in its steps), a scenario without steps (godog runs none of our hooks for
// it). They are found before anything runs, in a dry run too, and reported
// as undefined, like a step that matches nothing: exit 1, the rest runs.

// writtenWrong returns the attempt that reports what is wrong with how
// the scenario p is written, or nil when nothing is.
func writtenWrong(f *feature, p *messages.Pickle, at results.Attempt) *results.Attempt {
	sc := f.scens[p.AstNodeIds[0]]
	a := &at
	a.Status = results.Undefined
	for _, ps := range p.Steps {
		a.Steps = append(a.Steps, stepResult(f, ps))
	}
	switch {
	case len(p.Steps) == 0:
		a.Error = fmt.Sprintf("%s:%d: %s %q has no steps: write its steps, or remove it", f.uri, sc.line, sc.keyword, p.Name)
		return a
	case sc.outline && len(p.AstNodeIds) == 1:
		a.Error = fmt.Sprintf("%s:%d: %s %q has no Examples: add an Examples: table with a row per run, or make it a Scenario", f.uri, sc.line, sc.keyword, p.Name)
		return a
	}
	for i, ps := range p.Steps {
		if msg := argumentProblem(ps); msg != "" {
			s := a.Steps[i]
			s.Status = results.Undefined
			s.Error = msg
			a.Error = fmt.Sprintf("%s:%d: %s\n%s %s", f.uri, s.Line, msg, s.Keyword, s.Text)
			return a
		}
	}
	return nil
}

var (
	tableType     = reflect.TypeOf((*messages.PickleTable)(nil))
	docStringType = reflect.TypeOf((*messages.PickleDocString)(nil))
)

// argumentProblem says what is wrong between a step's data table or doc
// string and the one step definition its text matches; "" when nothing
// is, or when the text matches none or several (reported as such).
func argumentProblem(ps *messages.PickleStep) string {
	defs := steps.Matching(ps.Text)
	if len(defs) != 1 {
		return ""
	}
	var takes reflect.Type
	if h := reflect.TypeOf(defs[0].Handler); h.NumIn() > 0 {
		if last := h.In(h.NumIn() - 1); last == tableType || last == docStringType {
			takes = last
		}
	}
	var given reflect.Type
	if arg := ps.Argument; arg != nil && arg.DataTable != nil {
		given = tableType
	} else if arg != nil && arg.DocString != nil {
		given = docStringType
	}
	switch {
	case given == takes:
		return ""
	case given == nil:
		return "this step needs a " + argumentName(takes) + " under it"
	case takes == nil:
		return fmt.Sprintf("this step takes no %s: remove the %s under it, or use a step that takes one (run `kumite steps`)", argumentName(given), argumentName(given))
	}
	return fmt.Sprintf("this step takes a %s, not a %s", argumentName(takes), argumentName(given))
}

func argumentName(t reflect.Type) string {
	if t == tableType {
		return "data table"
	}
	return "doc string"
}

// warnEmptyOutlines warns of each Scenario Outline whose Examples have no
// row: gherkin makes no scenario of it, so it would vanish without a word.
func warnEmptyOutlines(w io.Writer, features []*feature) {
	for _, f := range features {
		for _, c := range f.doc.Feature.Children {
			outlines := []*messages.Scenario{c.Scenario}
			if c.Rule != nil {
				outlines = outlines[:0]
				for _, rc := range c.Rule.Children {
					outlines = append(outlines, rc.Scenario)
				}
			}
			for _, sc := range outlines {
				if sc == nil || len(sc.Examples) == 0 {
					continue
				}
				rows := 0
				for _, ex := range sc.Examples {
					rows += len(ex.TableBody)
				}
				if rows == 0 {
					fmt.Fprintf(w, "kumite: warning: %s:%d: %s %q has no example rows: it runs nothing\n", f.uri, sc.Location.Line, sc.Keyword, sc.Name)
				}
			}
		}
	}
}
