package steps

import (
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/cucumber/godog"
)

func TestPatternOf(t *testing.T) {
	tests := []struct {
		template string
		pattern  string
		match    map[string][]string // step text -> captured arguments
		noMatch  []string
	}{
		{
			template: `I click "LOC"`,
			pattern:  `^I click "((?:[^"\\]|\\.)*)"$`,
			match: map[string][]string{
				`I click "#go"`:              {`#go`},
				`I click ""`:                 {``},
				`I click "a[title=\"x\"]"`:   {`a[title=\"x\"]`},
				`I click "{a}Say \"hi\" \\"`: {`{a}Say \"hi\" \\`},
			},
			noMatch: []string{`I click #go`, `I click "#go" twice`, `I click "a"b"`, `  I click "#go"`, `I click "#go`},
		},
		{
			template: `I set the viewport to WIDTHxHEIGHT`,
			pattern:  `^I set the viewport to (\d+)x(\d+)$`,
			match:    map[string][]string{`I set the viewport to 375x812`: {"375", "812"}},
			noMatch:  []string{`I set the viewport to 375 x 812`, `I set the viewport to WIDTHxHEIGHT`, `I set the viewport to -1x2`},
		},
		{
			template: `I wait N seconds?`,
			pattern:  `^I wait (\d+) second(?:s)?$`,
			match:    map[string][]string{`I wait 1 second`: {"1"}, `I wait 15 seconds`: {"15"}},
			noMatch:  []string{`I wait 1.5 seconds`, `I wait N seconds`, `I wait 2 secondss`, `I wait 2 sec`},
		},
		{
			template: `there should be at least N elements? matching "LOC"`,
			pattern:  `^there should be at least (\d+) element(?:s)? matching "((?:[^"\\]|\\.)*)"$`,
			match: map[string][]string{
				`there should be at least 1 element matching "li"`:   {"1", "li"},
				`there should be at least 3 elements matching "a.b"`: {"3", "a.b"},
			},
			noMatch: []string{`there should be at least one element matching "li"`},
		},
		{
			template: `"LOC" should be (visible|hidden|enabled|disabled|checked|unchecked)`,
			pattern:  `^"((?:[^"\\]|\\.)*)" should be (visible|hidden|enabled|disabled|checked|unchecked)$`,
			match: map[string][]string{
				`"#a" should be visible`:   {"#a", "visible"},
				`"#a" should be unchecked`: {"#a", "unchecked"},
			},
			noMatch: []string{`"#a" should be selected`, `"#a" should be Visible`},
		},
		{
			template: `the URL should match "REGEX"`,
			pattern:  `^the URL should match "((?:[^"\\]|\\.)*)"$`,
			match:    map[string][]string{`the URL should match "/items/\\d+$"`: {`/items/\\d+$`}},
		},
		{
			// Punctuation of the template is literal, not regular expression syntax.
			template: `I fill in:`,
			pattern:  `^I fill in:$`,
			match:    map[string][]string{`I fill in:`: {}},
			noMatch:  []string{`I fill in`, `I fill in: `},
		},
		{
			template: `I double-click "LOC"`,
			pattern:  `^I double-click "((?:[^"\\]|\\.)*)"$`,
			match:    map[string][]string{`I double-click "#x"`: {"#x"}},
			noMatch:  []string{`I double click "#x"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.template, func(t *testing.T) {
			got := patternOf(tc.template)
			if got != tc.pattern {
				t.Fatalf("patternOf(%q)\n got %s\nwant %s", tc.template, got, tc.pattern)
			}
			re := regexp.MustCompile(got)
			for text, args := range tc.match {
				m := re.FindStringSubmatch(text)
				if m == nil {
					t.Errorf("%q does not match", text)
					continue
				}
				if !reflect.DeepEqual(m[1:], args) && !(len(args) == 0 && len(m) == 1) {
					t.Errorf("%q captures %q, want %q", text, m[1:], args)
				}
			}
			for _, text := range tc.noMatch {
				if re.MatchString(text) {
					t.Errorf("%q matches, want no match", text)
				}
			}
		})
	}
}

// firstLine is the step text of an example (the rest is its table).
func firstLine(example string) string {
	line, _, _ := strings.Cut(example, "\n")
	return line
}

// TestVocabularyIsConsistent checks every definition: it is documented
// (group, template, example), its example matches its own pattern and no
// other (no ambiguous steps), and its handler takes what the pattern
// captures, as godog will call it.
func TestVocabularyIsConsistent(t *testing.T) {
	groups := map[string]bool{"Navigation": true, "Actions": true, "Waits": true, "Assertions": true, "Local storage": true, "Screenshots": true, "Variables": true}
	defs := Vocabulary()
	if len(defs) == 0 {
		t.Fatal("the vocabulary is empty")
	}
	res := make([]*regexp.Regexp, len(defs))
	templates := map[string]bool{}
	for i, d := range defs {
		res[i] = regexp.MustCompile(d.Pattern)
		if !groups[d.Group] {
			t.Errorf("%q: unknown group %q", d.Template, d.Group)
		}
		if templates[d.Template] {
			t.Errorf("template %q is defined twice", d.Template)
		}
		templates[d.Template] = true
		if d.Pattern != patternOf(d.Template) {
			t.Errorf("%q: pattern %s is not built from the template", d.Template, d.Pattern)
		}
	}
	ctxType := reflect.TypeOf((*context.Context)(nil)).Elem()
	errType := reflect.TypeOf((*error)(nil)).Elem()
	tableType := reflect.TypeOf((*godog.Table)(nil))
	for i, d := range defs {
		example := firstLine(d.Example)
		for j, re := range res {
			if m := re.MatchString(example); m != (i == j) {
				if i == j {
					t.Errorf("example %q does not match its own pattern %s", example, d.Pattern)
				} else {
					t.Errorf("example %q of %q also matches %q", example, d.Template, defs[j].Template)
				}
			}
		}

		h := reflect.TypeOf(d.Handler)
		if h == nil || h.Kind() != reflect.Func {
			t.Errorf("%q: handler %T is not a function", d.Template, d.Handler)
			continue
		}
		if h.NumOut() != 1 || h.Out(0) != errType || h.NumIn() == 0 || h.In(0) != ctxType {
			t.Errorf("%q: handler %s is not func(context.Context, …) error", d.Template, h)
			continue
		}
		args := h.NumIn() - 1
		groups := res[i].NumSubexp()
		table := strings.Contains(d.Example, "\n")
		if table {
			// A step with a table gets it as its last argument.
			groups++
			if h.In(h.NumIn()-1) != tableType {
				t.Errorf("%q: its example has a table but its handler %s takes no *godog.Table", d.Template, h)
			}
		}
		if args != groups {
			t.Errorf("%q: the pattern gives %d arguments, the handler %s takes %d", d.Template, groups, h, args)
			continue
		}
		// Numbers (N, WIDTH, HEIGHT) go to ints, everything else to strings.
		m := res[i].FindStringSubmatch(example)
		for k := 1; k < len(m); k++ {
			kind := h.In(k).Kind()
			isNumber := numberGroup(d.Pattern, k)
			if isNumber && kind != reflect.Int || !isNumber && kind != reflect.String {
				t.Errorf("%q: argument %d (%q) goes to a %s", d.Template, k, m[k], kind)
			}
		}
	}
}

// numberGroup tells whether capture group k (1-based) of pattern is a
// number, (\d+).
func numberGroup(pattern string, k int) bool {
	n := 0
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '\\' {
			i++
			continue
		}
		if pattern[i] == '(' && !strings.HasPrefix(pattern[i:], "(?:") {
			n++
			if n == k {
				return strings.HasPrefix(pattern[i:], `(\d+)`)
			}
		}
	}
	return false
}

func TestUnquote(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, ``},
		{`plain #id`, `plain #id`},
		{`say \"hi\"`, `say "hi"`},
		{`a\\b`, `a\b`},
		{`\\\"`, `\"`},
		{`/items/\d+$`, `/items/\d+$`}, // other escapes stay, for regular expressions
		{`ends with \`, `ends with \`},
		{`\"${name}\"`, `"${name}"`},
		{`•\"•`, `•"•`},
	}
	for _, tc := range tests {
		if got := unquote(tc.in); got != tc.want {
			t.Errorf("unquote(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
