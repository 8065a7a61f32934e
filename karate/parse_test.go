package karate

import (
	"fmt"
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
		{`call read('x.feature')`, true},
		{`callonce read('x.feature') { a: 1 }`, true},
		{`table cats`, true},
		{`set foo`, true},
		{`url 'http://x'`, true}, // Karate, but unsupported: Parse says so
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
		{text: `match a contains deep {}`, want: Step{Kind: Match, Actual: "a", Op: "contains deep", Expr: "{}"}},
		{text: `match a contains only deep [1]`, want: Step{Kind: Match, Actual: "a", Op: "contains only deep", Expr: "[1]"}},
		{text: `match a contains any deep [1]`, want: Step{Kind: Match, Actual: "a", Op: "contains any deep", Expr: "[1]"}},
		{text: `match a !contains deep {}`, err: "`match ... !contains deep` is not Karate syntax"},
		{text: `match foo $.a[0] == 1`, want: Step{Kind: Match, Actual: "foo", JSONPath: "$.a[0]", Op: "==", Expr: "1"}},
		{text: `match cat.kittens[*].id contains 23`, want: Step{Kind: Match, Actual: "cat", JSONPath: "$.kittens[*].id", Op: "contains", Expr: "23"}},
		{text: `match String.fromCharCode(...xs.slice(0, 5)) == '%PDF-'`, want: Step{Kind: Match, Actual: "String.fromCharCode(...xs.slice(0, 5))", Op: "==", Expr: "'%PDF-'"}},
		{text: `match cat..name == []`, want: Step{Kind: Match, Actual: "cat", JSONPath: "$..name", Op: "==", Expr: "[]"}},
		{text: `match foo $.a[x] == 1`, err: "the JSON path $.a[x]: [x] is not a key"},
		{text: `match a`, err: "match needs ACTUAL OPERATOR EXPECTED"},
		{text: `def = 1`, err: "def needs NAME = EXPRESSION"},
		{text: `def a = (1`, err: "def (1: not valid JavaScript"},
		{text: `click('#a'`, err: "not valid JavaScript"},
		{text: `callonce read('x.feature')`, want: Step{Kind: CallKind, Expr: "read('x.feature')"}},
		{text: `def a = callonce read('x.feature')`, want: Step{Kind: Def, Name: "a", Expr: "callonce read('x.feature')"}},
		{text: `karate.abort()`, want: Step{Kind: Eval, Expr: "karate.abort()"}},
		{text: `karate.compareImage(a, b)`, err: "unsupported Karate karate.compareImage: kumite does not run it yet"},
		{text: `karate.configure('headers', {})`, err: "unsupported Karate `configure headers`"},
		{text: `print karate.log('karate.nope()')`, want: Step{Kind: Print, Expr: "karate.log('karate.nope()')"}},
		{text: `call fn`, want: Step{Kind: CallKind, Expr: "fn"}},
		{text: `call fn { a: `, err: `call fn { a:: not valid JavaScript`},
		{text: `call read(name) { a: 1 }`, want: Step{Kind: CallKind, Expr: "read(name) { a: 1 }"}},
		{text: `call read('x.feature') { a: `, err: `not valid JavaScript`},
		{text: `call read('login.feature@name=admin')`, err: `unsupported Karate call tag selector read('login.feature@name=admin')`},
		{text: `call read('@two')`, err: `unsupported Karate call tag selector read('@two')`},
		{text: `table rows`, err: `table needs a variable name and a data table`},
		{text: `set foo`, err: `set needs NAME.PATH = VALUE, NAME $.PATH = VALUE or a table, got "foo"`},
		{text: `remove foo $.a[*]`, err: `remove needs a variable's path`},
		{text: `set a.b[0].c = 1`, want: Step{Kind: SetPath, Name: "a", Expr: "1"}},
		{text: `set a $.b[0].c = 1`, want: Step{Kind: SetPath, Name: "a", Expr: "1"}},
		{text: `remove a.b`, want: Step{Kind: RemovePath, Name: "a"}},
		{text: `remove a $.b[1]`, want: Step{Kind: RemovePath, Name: "a"}},
		{text: `text t = a 'b'`, want: Step{Kind: Def, Name: "t", Expr: `"a 'b'"`}},
		{text: `driver.minimize()`, err: "unsupported Karate function minimize(): kumite does not run it (a headless page has no window to hide)"},
		{text: `driver.intercept({ patterns: [{ urlPattern: '*' }], mock: 'mock.feature' })`, err: "unsupported Karate function intercept(): kumite does not run it (kumite does not intercept or mock HTTP"},
		{text: `def r = driver.scriptAwait('axe.run()')`, err: "unsupported Karate function scriptAwait()"},
		{text: `def f = read('login.feature')`, want: Step{Kind: Def, Name: "f", Expr: "read('login.feature')"}},
		{text: `def f = karate.read("x.feature")`, want: Step{Kind: Def, Name: "f", Expr: `karate.read("x.feature")`}},
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
		g := Step{Kind: got.Kind, Name: got.Name, Expr: got.Expr, Actual: got.Actual, Op: got.Op, Each: got.Each, JSONPath: got.JSONPath}
		if fmt.Sprintf("%+v", g) != fmt.Sprintf("%+v", tt.want) {
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

// TestKarate2KeyNames: Karate 2's Key constants (Keys.java: BACKSPACE,
// COMMAND, SEMICOLON, EQUALS) are there beside v1's (BACK_SPACE): its own
// keys.feature presses Key.BACKSPACE, which was undefined here.
func TestKarate2KeyNames(t *testing.T) {
	s := NewScenario(Env{})
	for name, want := range map[string][]chunk{
		"Key.BACKSPACE":   {{key: "Backspace"}},
		"Key.BACK_SPACE":  {{key: "Backspace"}},
		"Key.COMMAND+'v'": {{key: "Meta+v"}},
		"Key.SEMICOLON":   {{key: ";"}},
		"Key.EQUALS":      {{key: "="}},
		"Key.CONTROL+'a'": {{key: "Control+a"}},
	} {
		v, err := s.rt.RunString(name)
		if err != nil || v.ExportType() == nil || v.ExportType().Kind().String() != "string" {
			t.Errorf("%s = %v (%v), want a key's text", name, v, err)
			continue
		}
		if got := splitKeys(v.String()); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("splitKeys(%s) = %+v, want %+v", name, got, want)
		}
	}
}
