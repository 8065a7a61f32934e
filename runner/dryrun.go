package runner

import (
	"fmt"
	messages "github.com/cucumber/messages/go/v21"
	"regexp"
	"strings"
	"sync"

	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/steps"
)

var (
	compileOnce sync.Once
	compiled    []*regexp.Regexp
	vocab       []steps.Def
)

func patterns() ([]*regexp.Regexp, []steps.Def) {
	compileOnce.Do(func() {
		vocab = steps.Vocabulary()
		for _, d := range vocab {
			compiled = append(compiled, regexp.MustCompile(d.Pattern))
		}
	})
	return compiled, vocab
}

// dryRun matches every step of the selected scenarios against the
// vocabulary without a browser: matched steps are skipped, the rest
// undefined (with the closest known step) or ambiguous.
func dryRun(run *results.Run, features []*feature, selected map[string]bool) {
	res, _ := patterns()
	eachSelected(run, features, selected, func(f *feature, p *messages.Pickle, sc *results.Scenario) {
		a := &results.Attempt{Number: 1, Start: run.Start, End: run.Start}
		for _, ps := range p.Steps {
			s := stepResult(f, ps)
			var n int
			for _, re := range res {
				if re.MatchString(ps.Text) {
					n++
				}
			}
			switch {
			case n == 0:
				s.Status = results.Undefined
				s.Error = undefinedError
				s.Suggestion = suggest(ps.Text)
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

// undefinedError is the error of a step no definition matches.
const undefinedError = "undefined step: no step definition matches this text (run `kumite steps` for the vocabulary)"

var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
var number = regexp.MustCompile(`\b\d+\b`)

// shape reduces a step text to its words, arguments replaced by markers.
func shape(s string) string {
	s = quoted.ReplaceAllString(s, `"_"`)
	return strings.ToLower(number.ReplaceAllString(s, "0"))
}

// suggest returns the template of the known step closest to text (edit
// distance over the shape of the text), or "" when nothing is close.
func suggest(text string) string {
	_, defs := patterns()
	want := shape(text)
	best, bestD := "", -1
	for _, d := range defs {
		cand := shape(templateShape(d.Template))
		dist := levenshtein(want, cand)
		if bestD < 0 || dist < bestD {
			best, bestD = d.Template, dist
		}
	}
	if bestD > max(3, len(want)/2) {
		return ""
	}
	return best
}

var templateArg = regexp.MustCompile(`\bN\b|WIDTHxHEIGHT|\(([a-z]+)\|[a-z|]+\)|elements\?|seconds\?`)

// templateShape turns a template into a text a user could have typed.
func templateShape(t string) string {
	return templateArg.ReplaceAllStringFunc(t, func(m string) string {
		switch {
		case m == "N":
			return "0"
		case m == "WIDTHxHEIGHT":
			return "0x0"
		case strings.HasPrefix(m, "("):
			return strings.SplitN(strings.Trim(m, "()"), "|", 2)[0]
		}
		return strings.TrimSuffix(m, "?")
	})
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
