package tagexpr

import (
	"errors"
	"testing"
)

// tagParsingCases is cucumber/tag-expressions testdata/parsing.yml: an
// expression and its canonical String().
var tagParsingCases = []struct{ expr, formatted string }{
	{`@a and @b`, `( @a and @b )`},
	{`@a or @b`, `( @a or @b )`},
	{`not @a`, `not ( @a )`},
	{`@a and @b and @c`, `( ( @a and @b ) and @c )`},
	{`( @a and @b ) or ( @c and @d )`, `( ( @a and @b ) or ( @c and @d ) )`},
	{`not @a or @b and not @c or not @d or @e and @f`,
		`( ( ( not ( @a ) or ( @b and not ( @c ) ) ) or not ( @d ) ) or ( @e and @f ) )`},
	{`not @a\(\) or @b and not @c or not @d or @e and @f`,
		`( ( ( not ( @a\(\) ) or ( @b and not ( @c ) ) ) or not ( @d ) ) or ( @e and @f ) )`},
	{`not (@a and @b)`, `not ( @a and @b )`},
	{`not (@a or @b)`, `not ( @a or @b )`},
	{`not (@a and @b) and @c or not (@d or @f)`, `( ( not ( @a and @b ) and @c ) or not ( @d or @f ) )`},
	{`@a\\ and @b`, `( @a\\ and @b )`},
	{`@\\a and @b`, `( @\\a and @b )`},
	{`@a and @b\\`, `( @a and @b\\ )`},
	{`( @a and @b\\\\)`, `( @a and @b\\\\ )`},
	{`@a\\\( and @b\\\)`, `( @a\\\( and @b\\\) )`},
	{`(@a and @\\b)`, `( @a and @\\b )`},
	{`@x or(@y) `, `( @x or @y )`},
	{`@x\(1\) or(@y\(2\))`, `( @x\(1\) or @y\(2\) )`},
	{`@\\x or @y\\ or @z\\`, `( ( @\\x or @y\\ ) or @z\\ )`},
	{`@x\\ or(@y\\\)) or(@z\\)`, `( ( @x\\ or @y\\\) ) or @z\\ )`},
	{`@x\  or @y`, `( @x\  or @y )`},
	// kumite's own
	{``, ``},
	{" \t ", ``},
	{`@a`, `@a`},
	{`((@a))`, `@a`},
	{`not not @a`, `not ( not ( @a ) )`},
	{`@a or @b or @c`, `( ( @a or @b ) or @c )`},
	{`@a or (@b or @c)`, `( @a or ( @b or @c ) )`},
	{`@a or @b and @c`, `( @a or ( @b and @c ) )`},
	{`not @a and @b`, `( not ( @a ) and @b )`},
	{`@and or @not`, `( @and or @not )`},
	{"@a\tand\n@b", `( @a and @b )`},
	{`@ä and @日本`, `( @ä and @日本 )`},
}

func TestParseFormats(t *testing.T) {
	for _, tc := range tagParsingCases {
		x, err := Parse(tc.expr)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.expr, err)
			continue
		}
		if got := x.String(); got != tc.formatted {
			t.Errorf("Parse(%q).String() = %q, want %q", tc.expr, got, tc.formatted)
		}
		// The canonical form parses back to itself.
		y, err := Parse(tc.formatted)
		if err != nil || y.String() != tc.formatted {
			t.Errorf("Parse(%q) = %v, %v; want it to round-trip", tc.formatted, y, err)
		}
	}
}

// tagEvaluationCases holds cucumber/tag-expressions testdata/evaluations.yml
// and then kumite's own cases.
var tagEvaluationCases = []struct {
	expr  string
	tests []tagEvalCase
}{
	{`not @x`, []tagEvalCase{{[]string{"@x"}, false}, {[]string{"@y"}, true}}},
	{`@x and @y`, []tagEvalCase{{[]string{"@x", "@y"}, true}, {[]string{"@x"}, false}, {[]string{"@y"}, false}}},
	{`@x or @y`, []tagEvalCase{{[]string{}, false}, {[]string{"@x", "@y"}, true}, {[]string{"@x"}, true}, {[]string{"@y"}, true}}},
	{`@x\(1\) or @y\(2\)`, []tagEvalCase{{[]string{"@x(1)"}, true}, {[]string{"@y(2)"}, true}}},
	{`@x\\ or @y\\\) or @z\\`, []tagEvalCase{
		{[]string{`@x\`}, true}, {[]string{`@y\)`}, true}, {[]string{`@z\`}, true},
		{[]string{`@x`}, false}, {[]string{`@y)`}, false}, {[]string{`@z`}, false}}},
	{`@\\x or @y\\ or @z\\`, []tagEvalCase{
		{[]string{`@\x`}, true}, {[]string{`@y\`}, true}, {[]string{`@z\`}, true},
		{[]string{`@x`}, false}, {[]string{`@y`}, false}, {[]string{`@z`}, false}}},
	// kumite's own
	{``, []tagEvalCase{{nil, true}, {[]string{"@x"}, true}}},
	{`@smoke and not @wip`, []tagEvalCase{
		{[]string{"@smoke"}, true}, {[]string{"@smoke", "@wip"}, false}, {[]string{"@wip"}, false}, {nil, false}}},
	{`@a or @b and @c`, []tagEvalCase{ // and binds tighter than or
		{[]string{"@a"}, true}, {[]string{"@b"}, false}, {[]string{"@b", "@c"}, true}}},
	{`(@a or @b) and @c`, []tagEvalCase{
		{[]string{"@a"}, false}, {[]string{"@a", "@c"}, true}, {[]string{"@b", "@c"}, true}}},
	{`not @a and @b`, []tagEvalCase{ // not binds tighter than and
		{[]string{"@b"}, true}, {[]string{"@a", "@b"}, false}, {nil, false}}},
	{`not (@a and @b)`, []tagEvalCase{{[]string{"@b"}, true}, {[]string{"@a", "@b"}, false}, {nil, true}}},
	{`not not @a`, []tagEvalCase{{[]string{"@a"}, true}, {nil, false}}},
	{`@with\ space`, []tagEvalCase{{[]string{"@with space"}, true}, {[]string{"@with"}, false}}},
	{`@Smoke`, []tagEvalCase{{[]string{"@smoke"}, false}, {[]string{"@Smoke"}, true}}}, // case-sensitive, as cucumber
	{`@a`, []tagEvalCase{{[]string{"a"}, false}}},                                      // tags are compared with their @
}

type tagEvalCase struct {
	tags []string
	want bool
}

func TestTagExprMatch(t *testing.T) {
	for _, tc := range tagEvaluationCases {
		x, err := Parse(tc.expr)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.expr, err)
			continue
		}
		for _, e := range tc.tests {
			if got := x.Match(e.tags); got != e.want {
				t.Errorf("Parse(%q).Match(%q) = %v, want %v", tc.expr, e.tags, got, e.want)
			}
		}
	}
}

// tagErrorCases starts with cucumber/tag-expressions testdata/errors.yml
// (with kumite's messages, which name a column) and goes on with kumite's
// own.
var tagErrorCases = []struct {
	expr string
	want string
	col  int
}{
	{`@a @b or`, `expected "and" or "or" before "@b" at column 4`, 4},
	{`@a and (@b not)`, `expected "and" or "or" before "not" at column 12 (write "and not" or "or not")`, 12},
	{`@a and (@b @c) or`, `expected "and" or "or" before "@c" at column 12`, 12},
	{`@a and or`, `expected a tag after "and", found "or" at column 8`, 8},
	{`@a,@b`, `found a comma at column 3: combine tags with "or" or "and", e.g. @a or @b`, 3},
	{`(@a ,@b)`, `found a comma at column 5: combine tags with "or" or "and", e.g. @a or @b`, 5},
	{`or or`, `expected a tag, found "or" at column 1`, 1},
	{`@a @b`, `expected "and" or "or" before "@b" at column 4`, 4},
	{`( @a and @b ) )`, `")" at column 15 has no matching "("`, 15},
	{`( ( @a and @b )`, `"(" at column 1 has no matching ")"`, 1},
	{`@x or @\y or @z`, `unknown escape "\y" at column 8 (a backslash escapes only (, ), \ and spaces)`, 8},
	{`@x\ or @y`, `expected "and" or "or" before "@y" at column 8`, 8},
	// kumite's own
	{`@a and`, `expected a tag after "and" at column 7`, 7},
	{`@a or`, `expected a tag after "or" at column 6`, 6},
	{`not`, `expected a tag after "not" at column 4`, 4},
	{`@a and not`, `expected a tag after "not" at column 11`, 11},
	{`()`, `expected a tag after "(", found ")" at column 2`, 2},
	{`)`, `expected a tag, found ")" at column 1`, 1},
	{`(@a`, `"(" at column 1 has no matching ")"`, 1},
	{`@a and (@b or (@c)`, `"(" at column 8 has no matching ")"`, 8},
	{`@a)`, `")" at column 3 has no matching "("`, 3},
	{`@a (@b)`, `expected "and" or "or" before "(" at column 4`, 4},
	{`@a not @b`, `expected "and" or "or" before "not" at column 4 (write "and not" or "or not")`, 4},
	{`smoke`, `tag names start with @: did you mean @smoke at column 1?`, 1},
	{`@a and wip`, `tag names start with @: did you mean @wip at column 8?`, 8},
	{`@a AND @b`, `operators are lowercase: did you mean "and" at column 4?`, 4},
	{`NOT @a`, `operators are lowercase: did you mean "not" at column 1?`, 1},
	{`@a and Or`, `operators are lowercase: did you mean "or" at column 8?`, 8},
	{`@ and @b`, `expected a tag name after "@" at column 1`, 1},
	{`@a\`, `"\" at column 3 escapes nothing (write \\ for a backslash)`, 3},
	{`@ä and`, `expected a tag after "and" at column 7`, 7}, // columns count characters, not bytes
}

func TestParseErrors(t *testing.T) {
	for _, tc := range tagErrorCases {
		x, err := Parse(tc.expr)
		if err == nil {
			t.Errorf("Parse(%q) = %q, want error %q", tc.expr, x, tc.want)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("Parse(%q) error:\n got: %s\nwant: %s", tc.expr, err, tc.want)
		}
		var te *Error
		if !errors.As(err, &te) || te.Column != tc.col {
			t.Errorf("Parse(%q) error %#v, want a *Error at column %d", tc.expr, err, tc.col)
		}
		if x != nil {
			t.Errorf("Parse(%q) returned %v with its error", tc.expr, x)
		}
	}
}
