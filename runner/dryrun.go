package runner

import (
	"fmt"

	messages "github.com/cucumber/messages/go/v21"

	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/steps"
)

// matches counts the step definitions that match a step's text.
var matches = steps.Matches // shim for testing

// dryRun matches every step of the selected scenarios against the
// vocabulary without a browser: matched steps are skipped, the rest
// undefined (with the closest known step) or ambiguous.
func dryRun(run *results.Run, features []*feature, selected map[string]bool, dia *dialects) {
	eachSelected(run, features, selected, func(f *feature, p *messages.Pickle, sc *results.Scenario) {
		if a := writtenWrong(f, p, results.Attempt{Number: 1, Start: run.Start, End: run.Start}); a != nil {
			sc.Attempts = append(sc.Attempts, a)
			return
		}
		a := &results.Attempt{Number: 1, Start: run.Start, End: run.Start}
		for _, ps := range p.Steps {
			s := stepResult(f, ps)
			n := matches(ps.Text)
			if n == 0 && dia.isKarate(f.dir, ps.Text, s.DocString, s.Table) {
				n = 1 // read and checked with the features
			}
			switch {
			case n == 0:
				markUndefined(s)
			case n > 1:
				s.Status = results.Ambiguous
				s.Error = fmt.Sprintf("ambiguous step: %d step definitions match this text", n)
			}
			a.Steps = append(a.Steps, s)
		}
		a.Status = results.AttemptStatus(a.Steps)
		for _, s := range a.Steps {
			if s.Error != "" {
				a.Error = fmt.Sprintf("%s:%d: %s\n%s %s", f.uri, s.Line, s.Error, s.Keyword, s.Text)
				if s.Suggestion != "" {
					a.Error += "\ndid you mean: " + s.Suggestion
				}
				break
			}
		}
		sc.Attempts = append(sc.Attempts, a)
	})
}

// markUndefined makes s an undefined step, with the closest known step.
func markUndefined(s *results.Step) {
	s.Status = results.Undefined
	s.Error = undefinedError
	s.Suggestion = steps.Suggest(s.Text)
}

// undefinedError is the error of a step no definition matches.
const undefinedError = "undefined step: no step definition matches this text (run `kumite steps` for the vocabulary)"
