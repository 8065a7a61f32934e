package steps

import (
	"regexp"
	"strings"
	"sync"

	"github.com/kumite/kumite/internal/spelling"
)

var (
	compileOnce sync.Once
	compiled    []*regexp.Regexp
	vocab       []Def
)

func patterns() ([]*regexp.Regexp, []Def) {
	compileOnce.Do(func() {
		vocab = Vocabulary()
		for _, d := range vocab {
			compiled = append(compiled, regexp.MustCompile(d.Pattern))
		}
	})
	return compiled, vocab
}

// Matches returns how many step definitions of the vocabulary match text:
// 0 is an undefined step, more than 1 an ambiguous one.
func Matches(text string) int {
	res, _ := patterns()
	n := 0
	for _, re := range res {
		if re.MatchString(text) {
			n++
		}
	}
	return n
}

// Matching returns the step definitions of the vocabulary whose pattern
// matches text, so a caller can check how the step is written against the
// one it matches (e.g. whether it takes a data table).
func Matching(text string) []Def {
	res, defs := patterns()
	var out []Def
	for i, re := range res {
		if re.MatchString(text) {
			out = append(out, defs[i])
		}
	}
	return out
}

var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
var number = regexp.MustCompile(`\b\d+\b`)

// shape reduces a step text to its words, arguments replaced by markers.
func shape(s string) string {
	s = quoted.ReplaceAllString(s, `"_"`)
	return strings.ToLower(number.ReplaceAllString(s, "0"))
}

// Suggest returns the template of the known step closest to text (edit
// distance over the shape of the text), or "" when nothing is close.
func Suggest(text string) string {
	_, defs := patterns()
	want := shape(text)
	best, bestD := "", -1
	for _, d := range defs {
		cand := shape(templateShape(d.Template))
		dist := spelling.Distance(want, cand)
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
