package karate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// langStep is one step of a language test: it must hold, or fail saying fail.
type langStep struct {
	text  string
	table [][]string
	fail  string
}

func rows(lines ...string) [][]string {
	var out [][]string
	for _, l := range lines {
		var cells []string
		for _, c := range strings.Split(strings.Trim(l, "|"), "|") {
			cells = append(cells, strings.TrimSpace(c))
		}
		out = append(out, cells)
	}
	return out
}

const langDir = "testdata/lang/src/test/java/pkg"

func langScenario(t *testing.T, env Env) *Scenario {
	t.Helper()
	if env.FeatureDir == "" {
		env.FeatureDir = langDir
	}
	if env.Shared == nil {
		env.Shared = NewShared()
		env.Shared.ClassRoots = func(dir string) []string { return ClassRoots(dir, nil) }
	}
	return NewScenario(env)
}

func runLang(t *testing.T, s *Scenario, steps []langStep) {
	t.Helper()
	for _, st := range steps {
		p, err := ParseStep(st.text, "", st.table)
		if err != nil {
			t.Errorf("ParseStep(%q): %v", st.text, err)
			continue
		}
		err = s.Run(t.Context(), p)
		switch {
		case st.fail == "" && err != nil:
			t.Errorf("%s: %v", st.text, err)
		case st.fail != "" && err == nil:
			t.Errorf("%s: held, want it to fail with %q", st.text, st.fail)
		case st.fail != "" && !strings.Contains(err.Error(), st.fail):
			t.Errorf("%s: error\n%v\nwant it to say %q", st.text, err, st.fail)
		}
	}
}

// TestTableAndSet: Karate's table, set (paths, JSON paths, tables) and
// remove, as its README shows them.
func TestTableAndSet(t *testing.T) {
	s := langScenario(t, Env{})
	runLang(t, s, []langStep{
		{text: "table cats", table: rows("| name | age |", "| 'Bob' | 2 |", "| 'Wild' | 4 |")},
		{text: "match cats == [{name: 'Bob', age: 2}, {name: 'Wild', age: 4}]"},
		{text: "def one = { baz: null }"},
		{text: "table json", table: rows("| foo | bar |", "| 'hello' | |", "| one.baz | (null) |", "| 'world' | null |")},
		{text: "match json == [{ foo: 'hello' }, { bar: null }, { foo: 'world' }]"},
		{text: "table bad", table: rows("| a |", "| nope + 1 |"), fail: `table bad: the cell "nope + 1": ReferenceError: nope is not defined`},
		{text: "def cat = { name: '' }"},
		{text: "set cat", table: rows("| path | value |", "| name | 'Bob' |", "| age | 5 |")},
		{text: "match cat == { name: 'Bob', age: 5 }"},
		{text: "set foo", table: rows("| path | 0 | 1 |", "| bar | 'baz' | 'ban' |")},
		{text: "match foo == [{ bar: 'baz' }, { bar: 'ban' }]"},
		{text: "set search", table: rows("| path | 0 | 1 | 2 |", "| name.first | 'John' | 'Jane' | |", "| name.last | 'Smith' | 'Doe' | 'Waldo' |", "| age | 20 | | |")},
		{text: "match search[0] == { name: { first: 'John', last: 'Smith' }, age: 20 }"},
		{text: "match search[1] == { name: { first: 'Jane', last: 'Doe' } }"},
		{text: "match search[2] == { name: { last: 'Waldo' } }"},
		{text: "def foo = null"},
		{text: "set foo.bar", table: rows("| path | value |", "| one | 1 |", "| two[0] | 2 |", "| two[1] | 3 |")},
		{text: "match foo == { bar: { one: 1, two: [2, 3] } }"},
		{text: "def myJson = { foo: 'bar' }"},
		{text: "set myJson.foo = 'world'"},
		{text: "set myJson $.hey = 'ho'"},
		{text: "set myJson.zee[0] = 5"},
		{text: "set myJson.zee[] = 6"},
		{text: "set myJson.cat = { name: 'Billie' }"},
		{text: "match myJson == { foo: 'world', hey: 'ho', zee: [5, 6], cat: { name: 'Billie' } }"},
		{text: "def key = 'dyn'"},
		{text: "set myJson[key] = 7"},
		{text: "match myJson.dyn == 7"},
		{text: "remove myJson[key]"},
		{text: "match myJson.dyn == '#notpresent'"},
		{text: "set myJson.foo.deeper = 1", fail: `set myJson: cannot set .deeper: world is not an object`},
		{text: "def json = { foo: 'world', hey: 'ho', zee: [1, 2, 3] }"},
		{text: "remove json.hey"},
		{text: "match json == { foo: 'world', zee: [1, 2, 3] }"},
		{text: "remove json $.zee[1]"},
		{text: "match json == { foo: 'world', zee: [1, 3] }"},
		{text: "remove nothing.here", fail: "remove nothing: nothing is not defined"},
	})
}

// TestMatchPathsAndDeep: match on JSON paths and contains deep, from
// Karate's README.
func TestMatchPathsAndDeep(t *testing.T) {
	s := langScenario(t, Env{})
	runLang(t, s, []langStep{
		{text: "def cat = { name: 'Billie', kittens: [{ id: 23, name: 'Bob' }, { id: 42, name: 'Wild' }] }"},
		{text: "match cat.kittens[*].id == [23, 42]"},
		{text: "match cat.kittens[*].id contains 23"},
		{text: "match cat.kittens[*].id contains [42, 23]"},
		{text: "match cat..name == ['Billie', 'Bob', 'Wild']"},
		{text: "match cat $.kittens[*].name == ['Bob', 'Wild']"},
		{text: "match cat $.kittens[0].name == 'Bob'"},
		{text: "match cat.kittens[?(@.id == 42)].name == ['Wild']"},
		{text: "match cat $.kittens[-1:] == [{ id: 42, name: 'Wild' }]"},
		{text: "match cat $.nope == '#notpresent'"},
		{text: "def kitnums = get cat.kittens[*].id"},
		{text: "match kitnums == [23, 42]"},
		{text: "def kitnames = get cat $.kittens[*].name"},
		{text: "match kitnames == ['Bob', 'Wild']"},
		{text: "def short = $cat.kittens[*].id"},
		{text: "match short == [23, 42]"},
		{text: "def bob = get[0] cat.kittens[?(@.id==23)]"},
		{text: "match bob.name == 'Bob'"},
		{text: "def none = get[5] cat.kittens[*].id", fail: "def none = get[5] cat.kittens[*].id: the path found [23,42], which has no item 5"},
		{text: "def temp = karate.jsonPath(cat, \"$.kittens[?(@.name=='\" + bob.name + \"')]\")"},
		{text: "match temp[0] == bob"},
		{text: "match cat.kittens[*].name contains 'Nyan'", fail: "match failed: cat $.kittens[*].name contains 'Nyan'\n  actual: [\"Bob\",\"Wild\"]\n  expected: \"Nyan\""},
		{text: "def original = { a: 1, b: 2, c: 3, d: { a: 1, b: 2 } }"},
		{text: "match original contains deep { a: 1, c: 3, d: { b: 2 } }"},
		{text: "def nested = { a: 1, arr: [{ b: 2, c: 3 }, { b: 3, c: 4 }] }"},
		{text: "match nested contains deep { a: 1, arr: [{ b: 2 }, { c: 4 }] }"},
		{text: "match nested contains deep { arr: [{ b: '#number' }] }"},
		{text: "def response = { foo: ['a', 'b'] }"},
		{text: "match response contains only deep { foo: ['b', 'a'] }"},
		{text: "match response contains any deep { foo: ['z'], bar: 1, x: 2 }", fail: "$: no key of the expected holds (the first: $.bar: missing)"},
		{text: "match nested contains any deep { a: 2, arr: [{ c: 4 }] }"},
		{text: "match each [{ a: 1, arr: [{ b: 2, c: 3 }] }, { a: 1, arr: [{ b: 4 }, { b: 2 }] }] contains deep { a: 1, arr: [{ b: 2 }] }"},
		{text: "match nested contains deep { arr: [{ b: 2, c: 4 }] }", fail: "match failed: nested contains deep { arr: [{ b: 2, c: 4 }] }\n  actual: {\"a\":1,\"arr\":[{\"b\":2,\"c\":3},{\"b\":3,\"c\":4}]}\n  expected: {\"arr\":[{\"b\":2,\"c\":4}]}\n  $.arr: no item matches the expected $.arr[0] {\"b\":2,\"c\":4}"},
		{text: "match original contains deep { d: { e: 1 } }", fail: "$.d.e: missing"},
		{text: "match response contains only deep { foo: ['a'] }", fail: "$.foo: 2 items, expected 1"},
		{text: "match response contains only deep { foo: ['a', 'b'], bar: 1 }", fail: "$.bar: missing"},
		// An array contains deep one object as a list of it (Karate wraps
		// what is not a list), at any depth.
		{text: "def arr = [{ a: 1, b: [1, 2, 3] }, { c: 4 }]"},
		{text: "match arr contains deep { c: 4 }"},
		{text: "match arr contains any deep { b: [3] }"},
		{text: "match { x: [{ a: 1, b: 2 }] } contains deep { x: { a: 1 } }"},
		{text: "match [{ a: 1, b: 2 }] contains only deep { b: 2, a: 1 }"},
		{text: "match arr contains deep { c: 5 }", fail: "$: no item matches the expected $[0] {\"c\":5}"},
		{text: "match arr contains only deep { c: 4 }", fail: "$: 2 items, expected 1"},
		// contains any and contains only on objects, as Karate's README
		// shows them: any one key holds; no key beside the expected ones.
		{text: "def foo = { bar: 1, baz: 'hello', ban: 'world' }"},
		{text: "match foo contains any { baz: 'hello', test: 'fail' }"},
		{text: "match foo contains only { bar: 1, baz: 'hello', ban: 'world' }"},
		{text: "match foo contains any { baz: 'bye', test: 'fail' }", fail: "$: no key of the expected holds (the first: $.baz: "},
		{text: "match foo contains only { bar: 1, baz: 'hello' }", fail: "$.ban: not expected: \"world\""},
	})
}

// TestKarateMembers: the karate object's data and flow members.
func TestKarateMembers(t *testing.T) {
	out := t.TempDir()
	var logs []string
	var embedded []string
	s := langScenario(t, Env{
		FeaturePath: "features/shop.feature", FeatureName: "Shop", ScenarioName: "buy", ScenarioLine: 7,
		Tags: []string{"@smoke", "@owner=ada,bob"}, OutDir: out,
		Log: func(text string) { logs = append(logs, text) },
		Embed: func(name string, data []byte, ext, mediaType string) error {
			embedded = append(embedded, fmt.Sprintf("%s %s %s", ext, mediaType, data))
			return nil
		},
	})
	runLang(t, s, []langStep{
		{text: "def xs = [3, 1, 2, 3]"},
		{text: "match karate.filter(xs, x => x > 1) == [3, 2, 3]"},
		{text: "match karate.map(xs, (x, i) => x * i) == [0, 1, 4, 9]"},
		{text: "def seen = []"},
		{text: "karate.forEach({ a: 1, b: 2 }, (k, v, i) => seen.push(k + v + i))"},
		{text: "match seen == ['a10', 'b21']"},
		{text: "match karate.keysOf({ a: 1, b: 2 }) == ['a', 'b']"},
		{text: "match karate.sizeOf({ a: 1, b: 2 }) == 2"},
		{text: "match karate.sizeOf(xs) == 4"},
		{text: "match karate.append([1], 2, [3, 4]) == [1, 2, 3, 4]"},
		{text: "karate.appendTo('seen', 'c')"},
		{text: "match seen == ['a10', 'b21', 'c']"},
		{text: "karate.appendTo('nope', 1)", fail: "karate.appendTo: nope is not an array"},
		{text: "match karate.merge({ a: 1 }, { b: 2 }, { a: 3 }) == { a: 3, b: 2 }"},
		{text: "match karate.lowerCase({ Name: 'ADA' }) == { name: 'ada' }"},
		{text: "match karate.pretty({ a: 1 }) == '{\\n  \"a\": 1\\n}'"},
		{text: "match karate.typeOf('x') == 'string'"},
		{text: "match karate.typeOf(xs) == 'list'"},
		{text: "match karate.typeOf({}) == 'map'"},
		{text: "match karate.typeOf(x => x) == 'function'"},
		{text: "match karate.typeOf(null) == 'null'"},
		{text: "match karate.toJson({ a: null, b: 1 }, true) == { b: 1 }"},
		{text: "match karate.range(1, 3) == [1, 2, 3]"},
		{text: "match karate.range(5, 1, 2) == [5, 3, 1]"},
		{text: "match karate.repeat(3, i => 'n' + i) == ['n0', 'n1', 'n2']"},
		{text: "match karate.distinct(xs) == [3, 1, 2]"},
		{text: "match karate.sort([{ v: 2 }, { v: 1 }], x => x.v) == [{ v: 1 }, { v: 2 }]"},
		{text: "match karate.sort(['b', 'a']) == ['a', 'b']"},
		{text: "match karate.filterKeys({ a: 1, b: 2, c: 3 }, ['a', 'c']) == { a: 1, c: 3 }"},
		{text: "match karate.filterKeys({ a: 1, b: 2, c: 3 }, 'b') == { b: 2 }"},
		{text: "match karate.extract('id=42;id=43', 'id=(\\\\d+)', 1) == '42'"},
		{text: "match karate.extractAll('id=42;id=43', 'id=(\\\\d+)', 1) == ['42', '43']"},
		{text: "match karate.jsonPath({ a: [{ b: 1 }, { b: 2 }] }, '$.a[*].b') == [1, 2]"},
		{text: "match karate.jsonPath({ a: 1 }, '$.z') == null"},
		{text: "match karate.os.type == 'linux'"},
		{text: "match karate.info.featureFileName == 'shop.feature'"},
		{text: "match karate.scenario == { name: 'buy', description: '', line: 7 }"},
		{text: "match karate.feature.name == 'Shop'"},
		{text: "match karate.tags == ['smoke', 'owner=ada,bob']"},
		{text: "match karate.tagValues == { smoke: [], owner: ['ada', 'bob'] }"},
		{text: "match karate.urlEncode('a b&c') == 'a+b%26c'"},
		{text: "match karate.urlDecode('a+b%26c') == 'a b&c'"},
		{text: "match karate.toString({ a: 1 }) == '{\"a\":1}'"},
		{text: "match karate.fromString('{\"a\":1}') == { a: 1 }"},
		{text: "match karate.fromString('plain') == 'plain'"},
		{text: "match karate.get('missing', 5) == 5"},
		{text: "match karate.get('missing') == null"},
		{text: "karate.set({ p: 1, q: 2 })"},
		{text: "match p + q == 3"},
		{text: "def obj = {}"},
		{text: "karate.set('obj', '$.a.b', 1)"},
		{text: "match obj == { a: { b: 1 } }"},
		{text: "karate.remove('obj', '$.a.b')"},
		{text: "match obj == { a: {} }"},
		{text: "match karate.eval('1 + 2') == 3"},
		{text: "karate.configure('retry', { count: 5, interval: 10 })"},
		{text: "karate.embed('<b>hi</b>', 'text/html')"},
		{text: "karate.embed({ a: 1 }, 'application/json')"},
		{text: "karate.embed('x', 'video/mp4')", fail: `karate.embed: kumite does not know the type "video/mp4"`},
		{text: "def written = karate.write({ a: 1 }, 'data/out.json')"},
		{text: "karate.wait(1)"},
		{text: "karate.stop(9000)"},
		{text: "match karate.readAsString('classpath:users.json') contains '\"ada\"'"},
		{text: "match read('classpath:users.json').users[1].name == 'bob'"},
		{text: "match read('classpath:pkg/helper.js')({ name: 'x', n: 1 }).twice == 2"},
		{text: "match read('classpath:user.yaml') == { name: 'ada', roles: ['admin', 'qa'] }"},
		{text: "match read('classpath:people.csv') == [{ name: 'ada', age: '36' }, { name: 'bob', age: '41' }]"},
		{text: "match karate.match('each [1, 2] == \\'#number\\'').pass == true"},
		{text: "def m = karate.match('[1, 2] contains 3')"},
		{text: "match m.pass == false"},
		{text: "match m.message contains 'no item matches 3'"},
		{text: "match karate.match({ a: 1 }, { a: '#number' }) == { pass: true, message: null }"},
		{text: "def missing = read('classpath:nope.json')", fail: "read('classpath:nope.json'): no nope.json in the classpath folders"},
	})
	if s.retryCount != 5 {
		t.Errorf("karate.configure('retry') set the count to %d, want 5", s.retryCount)
	}
	if strings.Join(embedded, "|") != `html text/html <b>hi</b>|json application/json {"a":1}` {
		t.Errorf("embedded %q", embedded)
	}
	b, err := os.ReadFile(filepath.Join(out, "karate", "data", "out.json"))
	if err != nil || string(b) != `{"a":1}` {
		t.Errorf("karate.write wrote %q, %v", b, err)
	}
	if len(logs) != 1 || !strings.Contains(logs[0], "karate.stop() does not pause kumite") {
		t.Errorf("logs %q", logs)
	}
}

// TestCallFunctionsAndComputedPaths: call of a function, of read('x.js'),
// of a computed path and of a feature held in a variable; karate.call.
func TestCallFunctionsAndComputedPaths(t *testing.T) {
	s := langScenario(t, Env{})
	runLang(t, s, []langStep{
		{text: "def fn = function(arg) { return { sum: arg.a + arg.b } }"},
		{text: "def r = call fn { a: 1, b: 2 }"},
		{text: "match r == { sum: 3 }"},
		{text: "call fn { a: 2, b: 2 }"},
		{text: "match sum == 4"},
		{text: "def r2 = call read('helper.js') { name: 'ada', n: 21 }"},
		{text: "match r2 == { greeting: 'hello ada', twice: 42 }"},
		{text: "def name = 'counter'"},
		{text: "def r3 = call read(name + '.feature') { seed: 7 }"},
		{text: "match r3.token == 'token-7'"},
		{text: "def counter = read('counter.feature')"},
		{text: "def r4 = call counter { seed: 8 }"},
		{text: "match r4.token == 'token-8'"},
		{text: "match karate.call('counter.feature', { seed: 9 }).token == 'token-9'"},
		{text: "assert typeof token == 'undefined'"},
		{text: "karate.call(true, 'counter.feature', { seed: 10 })"},
		{text: "match token == 'token-10'"},
		{text: "def looped = call counter [{ seed: 1 }, { seed: 2 }]"},
		{text: "match looped[*].token == ['token-1', 'token-2']"},
		{text: "def r5 = call read('classpath:pkg/helper.js') { name: 'cp', n: 1 }"},
		{text: "match r5.greeting == 'hello cp'"},
		{text: "call read(name + '-missing.feature')", fail: "call read(name + '-missing.feature'): read('counter-missing.feature'): open "},
		{text: "def nf = 42"},
		{text: "call nf", fail: "call nf: not a feature or a function but number 42"},
		{text: "call read('fails.feature')", fail: "fails.feature:4: match failed: 1 == 2"},
		{text: "def f = function() { throw new Error('boom') }"},
		{text: "call f", fail: "call f: Error: boom"},
		{text: "def paths = call read('sub/reader.feature')"},
		{text: "match paths.both.where == 'root'"},         // a plain path is relative to the caller, as in Karate
		{text: "match paths.mine.where == 'sub'"},          // this: is relative to the called feature
		{text: "match paths.fallback.where == 'sub only'"}, // nothing beside the caller: the called feature's folder
		{text: "def r6 = call read('aborts.feature')"},
		{text: "match r6 == { before: 1 }"},
	})
}

// TestCallonceAndCallSingle: callonce runs once per feature file and
// callSingle once per run, even when scenarios reach them at the same
// time; every scenario gets its own copy of the result.
func TestCallonceAndCallSingle(t *testing.T) {
	shared := NewShared()
	shared.ClassRoots = func(dir string) []string { return ClassRoots(dir, nil) }
	var wg sync.WaitGroup
	var mu sync.Mutex
	runs := 0
	count := func(text string) {
		mu.Lock()
		defer mu.Unlock()
		if text == "counter.feature runs" {
			runs++
		}
	}
	errs := make(chan error, 20)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			feature := "a.feature"
			if i%2 == 1 {
				feature = "b.feature"
			}
			s := NewScenario(Env{FeatureDir: langDir, Shared: shared, FeaturePath: feature, Log: count})
			for _, text := range []string{
				"def seed = 'x'",
				"callonce read('counter.feature') { seed: 's' }",
				"match token == 'token-s'",
				"match shout('a') == 'A'",
				"def once = callonce read('counter.feature') { seed: 's' }",
				"set once.token = 'changed in this scenario only'",
				"def single = karate.callSingle('classpath:pkg/counter.feature', { seed: 'single' })",
				"match single.token == 'token-single'",
				"set single.token = 'mine'",
			} {
				st, err := Parse(text, "")
				if err == nil {
					err = s.Run(context.Background(), st)
				}
				if err != nil {
					errs <- fmt.Errorf("%s: %s: %v", feature, text, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Each distinct call ran once: two callonce keys per feature (shared and
	// def forms differ in text only by def, so the same key), one callSingle.
	shared.mu.Lock()
	var keys []string
	for k, e := range shared.once {
		if !e.done {
			t.Errorf("%q did not finish", k)
		}
		keys = append(keys, strings.ReplaceAll(k[strings.LastIndex(k, "\x00")+1:], "\x00", " "))
	}
	if len(shared.once) != 3 {
		t.Errorf("%d cached calls %q, want 3 (callonce in a.feature and b.feature, callSingle)", len(shared.once), keys)
	}
	shared.mu.Unlock()
	if runs != 3 {
		t.Errorf("counter.feature ran %d times for 8 scenarios, want 3 (callonce per feature file, callSingle once)", runs)
	}
	s := NewScenario(Env{FeatureDir: langDir, Shared: shared, FeaturePath: "a.feature", Log: count})
	runLang(t, s, []langStep{
		{text: "def again = karate.callSingle('classpath:pkg/counter.feature', { seed: 'other' })"},
		{text: "match again.token == 'token-single'"}, // cached: the first call's result
		{text: "def once = callonce read('counter.feature') { seed: 's' }"},
		{text: "match once.token == 'token-s'"}, // a copy: the set above changed another scenario's
		{text: "callonce read('fails.feature')", fail: "callonce read('fails.feature'): "},
		{text: "callonce read('fails.feature')", fail: "fails.feature:4: match failed: 1 == 2"}, // not cached: runs again
	})
	if runs != 3 {
		t.Errorf("counter.feature ran %d times, want still 3: the results are cached", runs)
	}
}

// TestAbort: karate.abort() stops its step and says that the rest of the
// scenario is skipped (the runner skips it, and the scenario passes).
func TestAbort(t *testing.T) {
	s := langScenario(t, Env{})
	var ran []string
	s.env.Log = func(text string) { ran = append(ran, text) }
	for i, text := range []string{"def a = 1", "if (a == 1) { karate.abort(); karate.log('after abort') }", "karate.log('next step')"} {
		st, err := Parse(text, "")
		if err != nil {
			t.Fatal(err)
		}
		err = s.Run(t.Context(), st)
		if want := i > 0; (err == ErrAborted) != want {
			t.Errorf("%s: %v, want ErrAborted %v", text, err, want)
		}
	}
	if len(ran) != 0 {
		t.Errorf("steps ran after karate.abort(): %q", ran)
	}
	s = langScenario(t, Env{})
	for i, text := range []string{"def f = function() { karate.abort(); karate.fail('after abort') }", "call f"} {
		st, err := Parse(text, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Run(t.Context(), st); (err == ErrAborted) != (i == 1) {
			t.Errorf("%s: %v", text, err)
		}
	}
}

func TestClassRoots(t *testing.T) {
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	got := ClassRoots(langDir, nil)
	want := []string{abs("testdata/lang/src/test/java"), abs("testdata/lang/src/test/resources")}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("ClassRoots(%s) = %q, want %q", langDir, got, want)
	}
	got = ClassRoots("testdata/call/common", []string{abs("testdata"), abs("testdata/call")})
	if strings.Join(got, "|") != abs("testdata/call") {
		t.Errorf("ClassRoots(testdata/call/common) = %q, want the deepest run root", got)
	}
	got = ClassRoots("testdata/call", nil)
	if strings.Join(got, "|") != abs("testdata/call") {
		t.Errorf("ClassRoots(testdata/call) = %q, want the folder itself", got)
	}
}

// TestCallCycle: a feature that calls itself fails when it is read,
// naming the file and line of the call.
func TestCallCycle(t *testing.T) {
	st, err := Parse("call read('self.feature')", "")
	if err != nil {
		t.Fatal(err)
	}
	err = NewShared().LoadCalls(st, langDir)
	if err == nil || !strings.Contains(err.Error(), "self.feature:5: read('self.feature'): it calls itself") {
		t.Errorf("LoadCalls: %v, want a cycle named at self.feature:5", err)
	}
	s := langScenario(t, Env{})
	runLang(t, s, []langStep{
		{text: "def name = 'self'"},
		{text: "call read(name + '.feature')", fail: "self.feature:5: read('self.feature'): it calls itself"},
	})
}

// TestEmbeddedExpressions: '#(expr)' in JSON on the right of def, set,
// match and call, and in JSON files; '##(expr)' drops a null key.
func TestEmbeddedExpressions(t *testing.T) {
	s := langScenario(t, Env{})
	runLang(t, s, []langStep{
		{text: "def user = { name: 'john', age: 21 }"},
		{text: "def lang = 'en'"},
		{text: "def nothing = null"},
		{text: "def session = { name: '#(user.name)', locale: '#(lang)', sessionUser: '#(user)', gone: '##(nothing)', kept: '#(nothing)', list: ['#(lang)'] }"},
		{text: "match session == { name: 'john', locale: 'en', sessionUser: { name: 'john', age: 21 }, kept: null, list: ['en'] }"},
		{text: "match session == { name: '#(user.name)', locale: '#(lang)', sessionUser: '#(user)', kept: '##(nothing)', list: '#[1]' }"},
		{text: "def foo = 'a1'"},
		{text: "match foo == '#(\"a\" + 1)'"},
		{text: "match foo == '#(\"a\" + 2)'", fail: "match failed: foo == '#(\"a\" + 2)'\n  actual: \"a1\"\n  expected: \"#(\\\"a\\\" + 2)\"\n  $: \"a1\" is not \"a2\""},
		{text: "def name = 'ada'"},
		{text: "match read('template.json') == { user: 'ada', greeting: 'hi ada' }"},
		{text: "set user.copy = { of: '#(name)' }"},
		{text: "match user.copy == { of: 'ada' }"},
		{text: "def fn = function(a) { return a.who }"},
		{text: "def who = call fn { who: '#(name)' }"},
		{text: "match who == 'ada'"},
		{text: "def bad = { a: '#(noSuchVar)' }", fail: "the embedded expression '#(noSuchVar)': ReferenceError: noSuchVar is not defined"},
		{text: "def plain = 'not #(embedded) here'"},
		{text: "match plain == 'not #(embedded) here'"},
	})
}

// TestEveryDefinedTextReachesTheNaturalSteps: a text variable a step
// defines reaches the natural steps (SetVar, which also masks a secret
// name such as token) whether def, a cached callonce, karate.set, a
// function's result or karate-config.js defined it: a callonce'd login
// token printed by a scenario that did not run the login was not masked.
func TestEveryDefinedTextReachesTheNaturalSteps(t *testing.T) {
	shared := NewShared()
	shared.ClassRoots = func(dir string) []string { return ClassRoots(dir, nil) }
	config, err := LoadConfig("testdata/lang/src/test/java/karate-config.js")
	if err != nil {
		t.Fatal(err)
	}
	scenario := func(vars map[string]string) *Scenario {
		return langScenario(t, Env{Shared: shared, FeaturePath: "a.feature", FeatureDir: langDir, Config: config,
			SetVar: func(name, value string) { vars[name] = value }})
	}
	first := map[string]string{}
	runLang(t, scenario(first), []langStep{{text: "callonce read('counter.feature') { seed: 's' }"}})
	second := map[string]string{}
	runLang(t, scenario(second), []langStep{
		{text: "callonce read('counter.feature') { seed: 's' }"}, // cached
		{text: "karate.set('apiToken', 'k1')"},
		{text: "karate.set({ otherToken: 'k2' })"},
		{text: "def f = function() { return { fnToken: 'k3' } }"},
		{text: "call f"},
	})
	want := map[string]string{"token": "token-s", "apiToken": "k1", "otherToken": "k2", "fnToken": "k3", "configToken": "token-config"}
	for name, value := range want {
		if second[name] != value {
			t.Errorf("SetVar(%q) got %q, want %q (all: %v)", name, second[name], value, second)
		}
	}
	if first["token"] != "token-s" {
		t.Errorf("the scenario that ran the callonce: SetVar(token) got %q, want token-s", first["token"])
	}
}

// TestEndlessJavaScriptEndsWithTheStep: JavaScript that never ends (a
// loop whose condition never changes) stops when the step's time is up,
// saying so, and the scenario's runtime works again for the next step;
// before, the step (and the run, even on SIGTERM) never ended.
func TestEndlessJavaScriptEndsWithTheStep(t *testing.T) {
	s := langScenario(t, Env{})
	for _, text := range []string{"eval while (true) { }", "def f = () => { for (;;) {} }", "call f"} {
		st, err := ParseStep(text, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		done := make(chan error, 1)
		go func() { done <- s.Run(ctx, st) }()
		select {
		case err = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still running 10 s after its step's 200 ms", text)
		}
		cancel()
		if strings.HasPrefix(text, "def") {
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			continue
		}
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "JavaScript") {
			t.Errorf("%s: %v, want it stopped at the step's deadline, saying the JavaScript was", text, err)
		}
	}
	runLang(t, s, []langStep{{text: "def x = 1 + 1"}, {text: "match x == 2"}})
}

// TestCallResultHoldsWhatTheFeatureDefines: def r = call read(...) holds
// every variable the called feature defines, also one whose value the
// caller already had (it held only what changed, so a callonce after a
// call of the same feature gave an empty result).
func TestCallResultHoldsWhatTheFeatureDefines(t *testing.T) {
	s := langScenario(t, Env{})
	runLang(t, s, []langStep{
		{text: "def same = 'value'"},
		{text: "def rows = [{ a: 1 }]"},
		{text: "def r = call read('defines.feature')"},
		{text: "match r contains { same: 'value', rows: [{ a: 1 }] }"},
		{text: "call read('defines.feature')"},
		{text: "def once = callonce read('defines.feature')"},
		{text: "match once contains { same: 'value', rows: [{ a: 1 }] }"},
	})
}
