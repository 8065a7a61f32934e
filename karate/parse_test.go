package karate

import (
	"strings"
	"testing"
)

func TestIs(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{`click('{a}Go to file')`, true},
		{`driver baseUrl + '/repo.html'`, true},
		{`def x = 1`, true},
		{`match x == 1`, true},
		{`assert x > 0`, true},
		{`print 'hi'`, true},
		{`configure driver = { type: 'chrome' }`, true},
		{`driver.url = 'http://x'`, true},
		{`waitForEnabled("input").input('a')`, true},
		{`call read('x.feature')`, true}, // Karate, but unsupported: Parse says so
		{`I open "/repo.html"`, false},
		{`I clik "#a"`, false},
		{`the title should be "x"`, false},
		{`"#a" should be visible`, false},
		{`I wait 3 seconds`, false},
	}
	for _, tt := range tests {
		if got := Is(tt.text); got != tt.want {
			t.Errorf("Is(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		text, doc string
		want      Step // Kind, Name, Expr, Actual, Op, Each
		err       string
	}{
		{text: `def a = { b: 1 }`, want: Step{Kind: Def, Name: "a", Expr: "{ b: 1 }"}},
		{text: `def a =`, doc: `{ "b": 1 }`, want: Step{Kind: Def, Name: "a", Expr: `{ "b": 1 }`}},
		{text: `match a.b == { c: 'x == y' }`, want: Step{Kind: Match, Actual: "a.b", Op: "==", Expr: "{ c: 'x == y' }"}},
		{text: `match 'a contains b' contains 'b'`, want: Step{Kind: Match, Actual: "'a contains b'", Op: "contains", Expr: "'b'"}},
		{text: `match each xs == '#string'`, want: Step{Kind: Match, Actual: "xs", Op: "==", Expr: "'#string'", Each: true}},
		{text: `match xs contains only [1]`, want: Step{Kind: Match, Actual: "xs", Op: "contains only", Expr: "[1]"}},
		{text: `match xs !contains 1`, want: Step{Kind: Match, Actual: "xs", Op: "!contains", Expr: "1"}},
		{text: `match f(a, b) != #null`, want: Step{Kind: Match, Actual: "f(a, b)", Op: "!=", Expr: "#null"}},
		{text: `driver baseUrl + '/x'`, want: Step{Kind: Driver, Expr: "baseUrl + '/x'"}},
		{text: `click('{a}read()')`, want: Step{Kind: Eval, Expr: "click('{a}read()')"}},
		{text: `eval`, doc: "karate.set('a', 1)", want: Step{Kind: Eval, Expr: "karate.set('a', 1)"}},
		{text: `if (a > 1) karate.set('b', 2)`, want: Step{Kind: Eval, Expr: "if (a > 1) karate.set('b', 2)"}},
		{text: `configure retry = { count: 2 }`, want: Step{Kind: Configure, Name: "retry", Expr: "{ count: 2 }"}},
		{text: `match a contains deep {}`, err: "unsupported Karate `match ... contains deep`"},
		{text: `match a`, err: "match needs ACTUAL OPERATOR EXPECTED"},
		{text: `def = 1`, err: "def needs NAME = EXPRESSION"},
		{text: `def a = (1`, err: "def (1: not valid JavaScript"},
		{text: `click('#a'`, err: "not valid JavaScript"},
		{text: `callonce read('x')`, err: `unsupported Karate keyword "callonce"`},
		{text: `def a = callonce read('x.feature')`, err: `unsupported Karate keyword "callonce"`},
		{text: `karate.abort()`, err: "unsupported Karate karate.abort: kumite does not run it yet"},
		{text: `def x = karate.jsonPath(a, '$.b')`, err: "unsupported Karate karate.jsonPath"},
		{text: `print karate.log('karate.abort()')`, want: Step{Kind: Print, Expr: "karate.log('karate.abort()')"}},
		{text: `call fn`, err: `kumite calls features by a literal path only`},
		{text: `call read(name)`, err: `kumite calls features by a literal path only`},
		{text: `call read('data.json')`, err: `call read('data.json'): kumite calls features only`},
		{text: `call read('x.feature') { a: `, err: `not valid JavaScript`},
		{text: `table rows`, err: `unsupported Karate keyword "table"`},
		{text: `set foo`, err: `set needs NAME = VALUE, got "foo" (kumite does not run set with a table yet)`},
		{text: `remove foo $.a`, err: `remove needs a variable's path such as foo.bar`},
		{text: `set a.b[0].c = 1`, want: Step{Kind: Eval, Name: "a.b[0].c", Expr: "a.b[0].c = 1"}},
		{text: `remove a.b`, want: Step{Kind: Eval, Expr: "delete a.b"}},
		{text: `text t = a 'b'`, want: Step{Kind: Def, Name: "t", Expr: `"a 'b'"`}},
		{text: `driver.minimize()`, err: "unsupported Karate function minimize(): kumite does not run it (a headless page has no window to hide)"},
		{text: `driver.intercept({ patterns: [{ urlPattern: '*' }], mock: 'mock.feature' })`, err: "unsupported Karate function intercept(): kumite does not run it (kumite does not intercept or mock HTTP"},
		{text: `def r = driver.scriptAwait('axe.run()')`, err: "unsupported Karate function scriptAwait()"},
		{text: `def f = read('login.feature')`, err: "read('login.feature'): kumite reads a feature only to call it, e.g. call read('login.feature')"},
		{text: `def f = karate.read("x.feature")`, err: "read('x.feature'): kumite reads a feature only to call it"},
		{text: `click("{a}read('x.feature')")`, want: Step{Kind: Eval, Expr: `click("{a}read('x.feature')")`}},
		{text: `rightOf('{}Name').find('span').click()`, want: Step{Kind: Eval, Expr: "rightOf('{}Name').find('span').click()"}},
		{text: `locate('#a').closest('form')`, want: Step{Kind: Eval, Expr: "locate('#a').closest('form')"}},
		{text: `configure headers = {}`, err: "unsupported Karate `configure headers`"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.text, tt.doc)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Parse(%q) error %v, want %q", tt.text, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.text, err)
			continue
		}
		got.prog, got.act = nil, nil
		if *got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.text, *got, tt.want)
		}
	}
}

func TestSplitKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []chunk
	}{
		{"abc", []chunk{{text: "abc"}}},
		{"abc\uE007", []chunk{{text: "abc"}, {key: "Enter"}}},
		{"\uE009a", []chunk{{key: "Control+a"}}},
		{"\uE009\uE008\uE012x", []chunk{{key: "Control+Shift+ArrowLeft"}, {text: "x"}}},
	}
	for _, tt := range tests {
		got := splitKeys(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("splitKeys(%q) = %+v, want %+v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("splitKeys(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		}
	}
}
