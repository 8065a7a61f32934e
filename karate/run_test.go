// Karate features run in-process through runner.Run, in real Chromium,
// against the demo site: testdata/pass.feature uses every supported
// keyword and function on the right page and must pass; each scenario of
// testdata/fail.feature ends with one step on the wrong page, which must
// fail with the message failCases asks for.

package karate_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/runner"
)

// karateRun is the outcome of one in-process `kumite run`.
type karateRun struct {
	run *results.Run
	err error
	out string
}

// runKarate runs paths against the demo site with a short step timeout.
func runKarate(t *testing.T, timeout time.Duration, edit func(*config.Config), paths ...string) karateRun {
	t.Helper()
	cfg := config.Defaults(2)
	cfg.Paths = paths
	cfg.Serve = "../demo/site"
	cfg.Out = t.TempDir()
	cfg.Timeout = timeout
	cfg.ScenarioTimeout = time.Minute
	cfg.WindowWidth, cfg.WindowHeight = 800, 600
	cfg.Screenshots = config.ScreenshotsOff
	cfg.Origins = map[string]string{}
	cfg.Vars = map[string]string{"user.name": "qa-bot"}
	cfg.Env = "staging"
	if edit != nil {
		edit(&cfg)
	}
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run, err := runner.Run(ctx, runner.Options{Config: cfg, Stdout: &out, Stderr: &out, Version: "test"})
	return karateRun{run: run, err: err, out: out.String()}
}

// checkFailures checks a run of a feature whose every scenario ends with
// one failing step: each scenario of cases failed at its last step, whose
// error says everything cases lists for it, and no other scenario ran.
func checkFailures(t *testing.T, r karateRun, cases map[string][]string) {
	t.Helper()
	if r.run == nil || !runner.IsSilent(r.err) {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	got := allSteps(r.run)
	if len(got) != len(cases) {
		t.Errorf("%d scenarios ran, want %d", len(got), len(cases))
	}
	for name, wants := range cases {
		sc := got[name]
		if sc == nil {
			t.Errorf("no scenario %q", name)
			continue
		}
		a := sc.Final()
		last := a.Steps[len(a.Steps)-1]
		if a.Status != results.Failed || last.Status != results.Failed {
			t.Errorf("%s: %s, its last step %s; want both failed (%s)", name, a.Status, last.Status, a.Error)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(last.Error, w) {
				t.Errorf("%s: the error does not say %q:\n%s", name, w, last.Error)
			}
		}
	}
}

// steps lists every step of the run's final attempts.
func allSteps(run *results.Run) map[string]*results.Scenario {
	out := map[string]*results.Scenario{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			out[s.Name] = s
		}
	}
	return out
}

func TestPassFeature(t *testing.T) {
	r := runKarate(t, 10*time.Second, nil, "testdata/pass.feature")
	if r.run == nil || r.err != nil {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	for name, sc := range allSteps(r.run) {
		a := sc.Final()
		for _, s := range a.Steps {
			if s.Status != results.Passed {
				t.Errorf("%s: step %d %q is %s: %s", name, s.Line, s.Text, s.Status, s.Error)
			}
		}
	}
	data, err := json.Marshal(r.run)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"hunter2-karate", "other-karate-secret"} {
		if strings.Contains(string(data), secret) || strings.Contains(r.out, secret) {
			t.Errorf("the password %q shows in the results or the output", secret)
		}
	}
	sc := allSteps(r.run)["def, assert, print, match and expressions, without a page"]
	logs := ""
	for _, s := range sc.Final().Steps {
		for _, l := range s.Logs {
			logs += l.Source + ": " + l.Text + "\n"
		}
	}
	for _, want := range []string{`karate: n is 3 {"name":"ada","age":36,`, "karate: logged 3"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the step logs do not hold %q:\n%s", want, logs)
		}
	}
	shots := 0
	for _, s := range allSteps(r.run)["navigate and read the page"].Final().Steps {
		shots += len(s.Attachments)
		for _, a := range s.Attachments {
			if _, err := os.Stat(filepath.Join(r.run.Features[0].URI, "..")); err != nil {
				t.Error(err)
			}
			if !strings.HasPrefix(a.Path, "screenshots/") || a.Width == 0 {
				t.Errorf("attachment %+v", a)
			}
		}
	}
	if shots != 2 {
		t.Errorf("%d screenshots attached, want 2 (screenshot() and screenshot('#go-to-file'))", shots)
	}
}

// failCases: scenario name -> what its failing step's error must say.
var failCases = map[string][]string{
	"assert":                    {"assert evaluated to false: 1 + 1 == 3"},
	"match equals":              {"match failed: text('#title') == 'Another Title'", `actual: "Kumite Demo"`, `expected: "Another Title"`},
	"match fuzzy":               {"match failed", `$.name: 42 does not match #string`},
	"match contains":            {"match failed: ['a', 'b'] contains 'z'", `no item matches "z"`},
	"match not equals":          {"match failed: 1 != 1", "they are equal"},
	"click":                     {`click "#no-such-button"`, "no element matches"},
	"waitForUrl":                {"waitForUrl('never-this')", "the URL is http://127.0.0.1:", "/index.html"},
	"waitForText":               {"waitForText('#title', 'Not There')", "Kumite Demo"},
	"javascript error":          {"def notDefined + 1", "ReferenceError: notDefined is not defined"},
	"waitForEnabled then input": {`wait for "#missing-input" to be enabled`},
	"locateAll assert":          {`assert evaluated to false: locateAll('ul#tree-browser li').length > 0`},
	"waitUntil":                 {"waitUntil('document.title == 'Nope'')", "it is false"},
	"karate.fail":               {"karate.fail: told to fail"},
	"select":                    {`select "purple" from "#color"`, `no option "purple"`, `"Blue"`},
	"switchFrame":               {`switch to frame "#no-frame"`},
	"element getText":           {"match failed: locate('#title').getText() == 'Another Title'", `actual: "Kumite Demo"`},
	"switchFrame by index":      {"switchFrame(3), the page's frame 3 counting from 0: ", "no element matches"},
	"call":                      {"call read('call/fill-name.feature'): ", "fill-name.feature:4: ", "first is not defined"},
	"read":                      {"read('missing.json'): open", "missing.json: no such file or directory"},
	"waitForResultCount":        {"waitForResultCount('ul a', 2)", "14 match"},
	"html":                      {`match failed: html('#title') == '<h1>Another Title</h1>'`, `actual: "<h1 id=\"title\">Kumite Demo</h1>"`},
	"property":                  {"property('#no-such-link')", `"#no-such-link"`},
	"focus":                     {"focus('#no-such-input')", `"#no-such-input"`},
	"position":                  {"position('#no-such-box')", `"#no-such-box"`},
	"scriptAll":                 {"scriptAll('#title', '_.nope.deeper')", "Cannot read properties of undefined (reading 'deeper')"},
	"dimensions":                {"driver.dimensions = {", "it needs width and height"},
	"cookie without a name":     {`cookie({"value":"no name"})`, "it needs a name"},
	"cookie with a number":      {`cookie({"name":"n","value":1})`, "value", "string"},
	"dialog":                    {"dialog(yes): accept must be true or false, got string"},
	"keys":                      {`keys().press("NoSuchKey")`, `unknown key "NoSuchKey"`},
	"keys held down":            {`keys().down("Shift"): kumite does not hold a key down yet`, "keys().shift('a')"},
	"highlight":                 {"highlight('#no-such-box')", `"#no-such-box"`},
	"highlightAll":              {"highlightAll('.no-such-row')", `".no-such-row"`},
	"getPages":                  {"match failed: getPages().map(p => p.title) contains 'Second tab'", `"Tabs - Kumite Demo"`},
	"maximize":                  {"maximize(big): it takes no arguments"},
	"mouse click":               {"mouse('#no-such-button').click()", `"#no-such-button"`},
	"cookie absent":             {"match failed: cookie('session') contains { value: 'abc' }", "actual: null"},
}

func TestFailFeature(t *testing.T) {
	r := runKarate(t, 8*time.Second, nil, "testdata/fail.feature")
	checkFailures(t, r, failCases)
}

// TestUnsupportedFailsToParse: what Karate documents and kumite does not
// run yet fails before anything runs, dry run too, naming file:line.
func TestUnsupportedFailsToParse(t *testing.T) {
	dir := t.TempDir()
	feature := filepath.Join(dir, "unsupported.feature")
	src := "Feature: f\n\nScenario: s\n  * def a = 1\n  * minimize()\n  * def out = karate.exec('ls')\n  * configure cors = true\n  * match a !contains deep { b: 1 }\n  * click('{a}minimize()')\n  * driver.intercept({ patterns: [{ urlPattern: '*' }], mock: 'mock.feature' })\n"
	if err := os.WriteFile(feature, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dry := range []bool{false, true} {
		r := runKarate(t, time.Second, func(c *config.Config) { c.DryRun = dry }, feature)
		if exitcode.Of(r.err) != exitcode.Usage {
			t.Fatalf("dry run %v: exit code %d (%v), want %d", dry, exitcode.Of(r.err), r.err, exitcode.Usage)
		}
		msg := r.err.Error()
		for _, w := range []string{
			feature + ":5: unsupported Karate function minimize(): kumite does not run it (a headless page has no window to hide)",
			feature + ":10: unsupported Karate function intercept(): kumite does not run it (kumite does not intercept or mock HTTP requests",
			feature + ":6: unsupported Karate karate.exec: kumite does not run it yet",
			feature + ":7: unsupported Karate `configure cors`: kumite does not run it yet",
			feature + ":8: `match ... !contains deep` is not Karate syntax",
		} {
			if !strings.Contains(msg, w) {
				t.Errorf("dry run %v: the error does not say %q:\n%s", dry, w, msg)
			}
		}
		if strings.Contains(msg, ":9:") {
			t.Errorf("dry run %v: minimize() inside a locator string is not a call:\n%s", dry, msg)
		}
	}
}

// TestDryRunKnowsKarate: a dry run matches Karate steps without a browser
// and still finds a natural typo beside them.
func TestDryRunKnowsKarate(t *testing.T) {
	dir := t.TempDir()
	feature := filepath.Join(dir, "mixed.feature")
	src := "Feature: f\n\nScenario: s\n  * driver baseUrl + '/index.html'\n  * match text('#title') == 'Kumite Demo'\n  Then \"#title\" should have text \"Kumite Demo\"\n  And I clik \"#title\"\n"
	if err := os.WriteFile(feature, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runKarate(t, time.Second, func(c *config.Config) { c.DryRun = true }, feature)
	if r.run == nil || !runner.IsSilent(r.err) {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	var got []string
	for _, s := range r.run.Features[0].Scenarios[0].Final().Steps {
		got = append(got, string(s.Status)+" "+s.Suggestion)
	}
	want := []string{"skipped ", "skipped ", "skipped ", `undefined I click "LOC"`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("steps %q, want %q", got, want)
	}
}

// TestConfigAndRead: karate-config.js beside the feature gives every
// scenario its variables (with karate.env from --env); read() loads JSON,
// JavaScript and text relative to the feature.
func TestConfigAndRead(t *testing.T) {
	r := runKarate(t, 10*time.Second, nil, "testdata/config/config.feature")
	if r.run == nil || r.err != nil {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	steps := r.run.Features[0].Scenarios[0].Final().Steps
	if !strings.Contains(steps[0].Logs[0].Text, "karate.env is staging") {
		t.Errorf("the first step's log %+v does not hold karate-config.js's karate.log", steps[0].Logs)
	}
}

// TestConfigSyntaxError: a karate-config.js that does not parse stops the
// run before anything runs, naming the file.
func TestConfigSyntaxError(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"karate-config.js": "function fn() { return { a: 1 }",
		"x.feature":        "Feature: f\n\nScenario: s\n  * def a = 1\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runKarate(t, time.Second, func(c *config.Config) { c.DryRun = true }, filepath.Join(dir, "x.feature"))
	if exitcode.Of(r.err) != exitcode.Usage || !strings.Contains(r.err.Error(), filepath.Join(dir, "karate-config.js")+": not valid JavaScript") {
		t.Errorf("exit code %d, error %v; want a usage error naming karate-config.js", exitcode.Of(r.err), r.err)
	}
}

// TestCall: call read() runs another feature's steps in the caller's
// scenario with its browser; shared without def, isolated with it.
func TestCall(t *testing.T) {
	r := runKarate(t, 10*time.Second, nil, "testdata/call/caller.feature")
	if r.run == nil || r.err != nil {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
}

// TestCallChecksTheCalledFeature: a called feature's steps are checked
// before anything runs, naming the called file and line.
func TestCallChecksTheCalledFeature(t *testing.T) {
	r := runKarate(t, time.Second, func(c *config.Config) { c.DryRun = true }, "testdata/call/bad-caller.feature")
	want := "testdata/call/bad-caller.feature:4: "
	if exitcode.Of(r.err) != exitcode.Usage || !strings.Contains(r.err.Error(), want) ||
		!strings.Contains(r.err.Error(), "natural.feature:4: a called feature may hold only Karate steps, not \"I open \\\"/index.html\\\"\"") {
		t.Errorf("exit code %d, error %v", exitcode.Of(r.err), r.err)
	}
}

// TestStepsAfterAFailureAreSkipped: the Karate steps after a failed one
// are skipped, not reported as undefined (the runner names the undefined
// steps after a failure, and must know the Karate ones).
func TestStepsAfterAFailureAreSkipped(t *testing.T) {
	r := runKarate(t, 8*time.Second, nil, "testdata/after_failure.feature")
	if r.run == nil {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	a := allSteps(r.run)["a failed step, then more Karate steps"].Final()
	want := []results.Status{results.Passed, results.Failed, results.Skipped, results.Skipped}
	for i, s := range a.Steps {
		if i < len(want) && s.Status != want[i] {
			t.Errorf("step %d %q is %s, want %s (%s)", i+1, s.Text, s.Status, want[i], s.Error)
		}
	}
	if strings.Contains(r.out, "undefined") {
		t.Errorf("the output calls a Karate step undefined:\n%s", r.out)
	}
}

// TestLanguageRun: callonce in a Background (run once for the feature
// file by whichever scenario gets there first, while the other worker
// waits), calls of functions and computed paths, table, set with a table,
// JSON paths, contains deep and the karate object, in real Chromium.
func TestLanguageRun(t *testing.T) {
	r := runKarate(t, 10*time.Second, nil, "testdata/lang/src/test/java/ui/lang.feature")
	if r.run == nil || r.err != nil {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	byName := allSteps(r.run)
	for name, sc := range byName {
		if sc.Final().Status != results.Passed {
			t.Errorf("%s: %s", name, sc.Final().Status)
		}
		for i, s := range sc.Final().Steps {
			if name == "karate.abort ends the scenario, which passes" && i >= 3 {
				if s.Status != results.Skipped {
					t.Errorf("%s: step %d %q after karate.abort() is %s, want skipped", name, s.Line, s.Text, s.Status)
				}
				continue
			}
			if s.Status != results.Passed {
				t.Errorf("%s: step %d %q is %s: %s", name, s.Line, s.Text, s.Status, s.Error)
			}
		}
	}
	embeds := 0
	for _, s := range byName["calls, tables and the karate object with the page"].Final().Steps {
		for _, a := range s.Attachments {
			if a.MediaType == "text/html" {
				embeds++
			}
		}
	}
	if embeds != 1 {
		t.Errorf("%d text/html attachments, want karate.embed's one", embeds)
	}
	// counter.feature prints a line each time it runs: once for the
	// callSingle of karate-config.js (which every scenario runs), once for
	// the callSingle of a step.
	runs := 0
	for _, sc := range byName {
		for _, s := range sc.Final().Steps {
			for _, l := range s.Logs {
				if l.Text == "counter.feature runs" {
					runs++
				}
			}
		}
	}
	if runs != 2 {
		t.Errorf("counter.feature ran %d times in %d scenarios, want 2 (each callSingle once per run)", runs, len(byName))
	}
}

// langFailCases: scenario name -> what its failing step's error must say.
var langFailCases = map[string][]string{
	"call of a computed path that is missing":   {"call read(name + '.feature'): read('nowhere.feature'): open ", "nowhere.feature: no such file or directory"},
	"call of something that is not callable":    {"call n: not a feature or a function but number 42"},
	"a called JavaScript function fails":        {"call f: ", `"#no-such-title"`},
	"match on a JSON path":                      {"match failed: cat $.kittens[*].name contains 'Wild'", `actual: ["Bob"]`, `expected: "Wild"`},
	"contains deep":                             {"match failed: o contains deep { a: { b: 2 } }", `actual: {"a":{"b":1,"c":2}}`, "$.a.b: 1 is not 2"},
	"table cell":                                {`table t: the cell "noSuchVar": ReferenceError: noSuchVar is not defined`},
	"callonce of a feature that fails":          {"callonce read('classpath:pkg/fails.feature'): ", "pkg/fails.feature:4: match failed: 1 == 2"},
	"karate.callSingle of a feature that fails": {"karate.callSingle('classpath:pkg/fails.feature'): ", "pkg/fails.feature:4: match failed: 1 == 2"},
	"a karate member misused":                   {"karate.appendTo('notAList', 1)", "karate.appendTo: notAList is not an array"},
	"classpath read of a missing file":          {"read('classpath:missing.json'): no missing.json in the classpath folders", "src/test/java, ", "src/test/resources"},
}

func TestLanguageFailures(t *testing.T) {
	r := runKarate(t, 4*time.Second, nil, "testdata/lang/src/test/java/ui/lang-fail.feature")
	checkFailures(t, r, langFailCases)
	if !strings.Contains(r.out, "lang-fail.feature:5") {
		t.Errorf("the output does not name the missing call's file:line:\n%s", r.out)
	}
}

// TestKarateConfigFlag: --karate-config FILE replaces the search for
// karate-config.js, and karate-config-<env>.js beside it runs after it;
// a FILE that does not exist stops the run naming the flag.
func TestKarateConfigFlag(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"conf/base.js":                  "function fn() { return { who: 'base', keep: 1 } }",
		"conf/karate-config-staging.js": "function fn() { return { who: 'staging' } }",
		"features/karate-config.js":     "function fn() { return { who: 'not this one' } }",
		"features/x.feature":            "Feature: f\n\nScenario: s\n  * match who == 'staging'\n  * match keep == 1\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	feature := filepath.Join(dir, "features/x.feature")
	r := runKarate(t, 5*time.Second, func(c *config.Config) { c.KarateConfig = filepath.Join(dir, "conf/base.js") }, feature)
	if r.run == nil || r.err != nil {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	r = runKarate(t, 5*time.Second, func(c *config.Config) {
		c.KarateConfig = filepath.Join(dir, "conf/nope.js")
		c.Origins["karate-config"] = "--karate-config conf/nope.js"
		c.DryRun = true
	}, feature)
	if exitcode.Of(r.err) != exitcode.Usage || !strings.Contains(r.err.Error(), "--karate-config conf/nope.js: cannot read it: ") {
		t.Errorf("exit code %d, error %v; want a usage error naming --karate-config", exitcode.Of(r.err), r.err)
	}
}

// TestSameCallTextInTwoFolders: call read('helper.feature') in two
// folders calls each folder's own helper.feature; the step's text was read
// once for the run, and b's call ran a's helper.
func TestSameCallTextInTwoFolders(t *testing.T) {
	r := runKarate(t, 10*time.Second, nil, "testdata/samename/a/main.feature", "testdata/samename/b/main.feature")
	if r.run == nil {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	for name, sc := range allSteps(r.run) {
		if strings.HasPrefix(name, "calls the helper") && sc.Final().Status != results.Passed {
			t.Errorf("%s: %s: %s", name, sc.Final().Status, sc.Final().Error)
		}
	}
	if r.err != nil {
		t.Errorf("run: %v", r.err)
	}
}

// TestCallonceLongerThanAStep: a callonce whose feature takes longer than
// one step's timeout (each of its steps within it) is waited for by the
// other scenarios for as long as their scenario may run, not one step's
// timeout: the scenario that runs it would pass and the others fail.
func TestCallonceLongerThanAStep(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"slow-login.feature": "Feature: slow login\n\nScenario: log in\n  * delay(500)\n  * delay(500)\n  * delay(500)\n  * def token = 'abc'\n",
		"x.feature": "Feature: x\n\nBackground:\n  * callonce read('slow-login.feature')\n\n" +
			"Scenario: one\n  * match token == 'abc'\n\nScenario: two\n  * match token == 'abc'\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runKarate(t, time.Second, func(c *config.Config) { c.Workers = 2 }, filepath.Join(dir, "x.feature"))
	if r.run == nil || r.err != nil || r.run.Counts.Passed != 2 {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
}
