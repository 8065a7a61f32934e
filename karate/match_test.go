package karate

import (
	"strings"
	"testing"
)

// TestMatch runs match steps in a runtime without a page: ok cases must
// hold, the others fail saying why.
func TestMatch(t *testing.T) {
	s := NewScenario(Env{})
	for _, def := range []string{
		`def o = { a: 1, b: 'x', c: [1, 2], d: null, e: { f: true } }`,
		`def xs = [1, 2, 3]`,
	} {
		st, err := Parse(def, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Run(t.Context(), st); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		step string
		fail string // "" when it must hold
	}{
		{`match o == { a: 1, b: 'x', c: [1, 2], d: null, e: { f: true } }`, ""},
		{`match o == { a: 1.0, b: '#string', c: '#[2] #number', d: '#null', e: '#object' }`, ""},
		{`match o == { a: '#ignore', b: '#regex [a-z]', c: '#array', d: '##string', e: { f: '#boolean' }, z: '#notpresent' }`, ""},
		{`match o.a == '#? _ > 0 && _ < 2'`, ""},
		{`match o.missing == '#notpresent'`, ""},
		{`match o.missing == '##number'`, ""},
		{`match o contains { b: 'x' }`, ""},
		{`match o.e contains { f: true }`, ""},
		{`match xs contains [3, 1]`, ""},
		{`match xs contains only [3, 2, 1]`, ""},
		{`match xs contains any [9, 2]`, ""},
		{`match xs !contains 4`, ""},
		{`match each xs == '#number'`, ""},
		{`match each xs == '#? _ < 4'`, ""},
		{`match 'abc' contains 'b'`, ""},
		{`match o.b != 'y'`, ""},
		{`match o == { a: 1 }`, `$.b: not expected: "x"`},
		{`match o == { a: 1, b: 'x', c: [1, 2], d: null, e: { f: false } }`, `$.e.f: true is not false`},
		{`match o.b == '#number'`, `$: "x" does not match #number`},
		{`match o.c == '#[3]'`, `$: [1,2] does not match #[3]`},
		{`match o.b == '#regex [0-9]+'`, `$: "x" does not match #regex [0-9]+`},
		{`match o.missing == '#present'`, `$: not present, expected #present`},
		{`match o.a == '#notpresent'`, `$: 1 does not match #notpresent`},
		{`match o contains { b: 'y' }`, `$.b: "x" is not "y"`},
		{`match xs contains only [1, 2]`, `3 is not expected`},
		{`match xs contains any [7, 8]`, `no item of the expected is in the actual`},
		{`match xs contains 5`, `no item matches 5`},
		{`match each xs == '#? _ < 3'`, `(item 2)`},
		{`match 'abc' contains 'z'`, `"abc" does not contain "z"`},
		{`match o.b != 'x'`, `they are equal`},
		{`match o.a == '#unknown'`, `unknown fuzzy marker #unknown`},
	}
	for _, tt := range tests {
		st, err := Parse(tt.step, "")
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.step, err)
			continue
		}
		err = s.Run(t.Context(), st)
		switch {
		case tt.fail == "" && err != nil:
			t.Errorf("%s: %v", tt.step, err)
		case tt.fail != "" && err == nil:
			t.Errorf("%s: held, want it to fail with %q", tt.step, tt.fail)
		case tt.fail != "" && !strings.Contains(err.Error(), tt.fail):
			t.Errorf("%s: error\n%v\nwant it to say %q", tt.step, err, tt.fail)
		}
	}
}
