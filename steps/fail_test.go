package steps_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

// failTimeout is the step timeout of the fail feature: short, as most of
// its scenarios end by waiting for it. A scenario that runs out of time
// before it shows what it tests (a busy machine) runs again with four times
// as much.
const failTimeout = 1500 * time.Millisecond

// failWorkers run the fail feature: its scenarios mostly wait for a
// timeout, so more lanes than cores make it end sooner.
const failWorkers = 8

// failCases says, for each scenario of testdata/fail.feature, what the
// error of its last step must contain. In a fragment, {base} stands for
// the base URL of the served site (http://127.0.0.1:PORT/) and {timeout}
// for the step timeout. Failures found by retrying until the timeout say
// what was expected, what was seen last, on which page and for how long;
// failures a retry cannot fix (a bad argument, an undefined variable) say
// so at once.
var failCases = map[string][]string{
	// Navigation
	"I open: a server that refuses the connection": {`open http://127.0.0.1:`, `net::ERR_CONNECTION_REFUSED`},
	"I navigate to: an undefined variable": {`variable ${nowhere} is not defined`, `pass --var nowhere=VALUE`,
		`(defined here: baseUrl, apiToken, deadUrl, greeting)`},
	"I am on: a URL that does not parse": {`URL "http://[::1"`, `missing ']' in host`},
	"I go back: no earlier page":         {`go back: there is no earlier page in this tab's history (it holds 1, this is page 1)`, `page: about:blank`},
	"I go forward: no later page":        {`go forward: there is no later page in this tab's history (it holds 2, this is page 2)`, `page: {base}a.html`},
	"I switch to the new tab: no tab was opened": {`switch to the new tab: timed out`,
		`the open tabs are "First tab" ({base}tabs.html)`},
	"I switch to the tab with: no such tab": {`switch to the tab with "Third tab": timed out`,
		`the open tabs are "First tab" ({base}tabs.html)`},
	"I switch to frame: a div is not a frame": {`switch to frame "#not-a-frame"`, `is a <div>, not an <iframe>`, `page: {base}frames.html`},
	"I switch to frame: no such frame":        {`switch to frame "#no-frame"`, `timed out: no element matches`, `page: {base}frames.html`},
	"I set the viewport: zero width":          {`viewport 0x600: width and height must be positive`},

	// Actions
	"I click: the element is hidden": {`click "#hidden-link": timed out`,
		`1 element matches; the first is <a id="hidden-link"> "Go to file", hidden`, `page: {base}locators.html`},
	"I click: the element is covered": {`click "#covered": timed out`,
		`<button id="covered"> "Under the overlay" is covered by <div id="overlay">`, `page: {base}locators.html`},
	"I click: another element takes the click":         {`click "#buy": timed out`, `<div id="toast"> "Saved! Check your basket"`, `page: {base}toast.html`},
	"I check: the label's checkbox is disabled":        {`check "{label}Frozen": timed out`, `<label> "Frozen", visible, disabled`},
	"I double-click: no such element":                  {`double-click "#no-item": timed out: no element matches`, `page: {base}mouse.html`},
	"I hover over: the element is hidden":              {`hover over "#submenu": timed out`, `<div id="submenu"> "Submenu item", hidden`},
	"I type into: the field is disabled":               {`type into "#ro": timed out`, `<input id="ro">, visible, disabled`, `page: {base}form.html`},
	"I fill with: no such field":                       {`fill "#no-field": timed out: no element matches`, `page: {base}form.html`},
	"I fill with: a date the date input does not take": {`fill "#when": <input id="when"> does not take "29/02/2024": a date input takes YYYY-MM-DD`},
	"I clear: the field is disabled":                   {`clear "#ro": timed out`, `<input id="ro">, visible, disabled`},
	"I press: an unknown key":                          {`unknown key "Hyper"`, `use a single character or one of`, `Enter`, `Control+A`},
	"I press in: no such field":                        {`press Enter in "#no-field": timed out: no element matches`, `page: {base}form.html`},
	"I select from: no such option":                    {`select "Purple" from "#color"`, `no option "Purple"; the options are "Red", "Blue", "Dark green"`},
	"I check: the page undoes the click":               {`check "#stubborn": timed out`, `<input id="stubborn"> is still unchecked after a click`},
	"I check: the checkbox is disabled":                {`check "#locked": timed out`, `<input id="locked">, visible, disabled`},
	"I uncheck: the page undoes the click":             {`uncheck "#stuck": timed out`, `<input id="stuck"> is still checked after a click`},
	"I upload to: no file input":                       {`upload to "#no-input"`, `timed out: no element matches`, `page: {base}form.html`},
	"I upload to: no such file": {`upload "files/missing.txt"`, `no such file or directory`,
		`the path is relative to the feature file's folder`},
	"I scroll to: no such element":                        {`scroll to "#no-footer"`, `timed out: no element matches`, `page: {base}mouse.html`},
	"I blur: the page keeps the focus":                    {`blur "#sticky": timed out`, `<input id="sticky"> still has the focus after a blur`, `page: {base}state.html`},
	"I blur: no such element":                             {`blur "#no-field": timed out: no element matches`, `page: {base}state.html`},
	"I execute: the script throws":                        {`execute JavaScript: ReferenceError: notAFunction is not defined`, `page: {base}index.html`},
	"I fill in: the second row names no field":            {`row 2: fill "#no-field": timed out: no element matches`},
	"I wait for: the element stays hidden":                {`wait for "#never" to be visible: timed out`, `<div id="never"> "Never shown", hidden`, `page: {base}late.html`},
	"I wait for to be gone: the element stays":            {`wait for "#always" to be gone: timed out`, `1 element matches; the first is <div id="always"> "Always here", visible`},
	"I wait for to be enabled: the button stays disabled": {`wait for "#always-disabled" to be enabled: timed out`, `visible, disabled`},
	"I wait for the URL to contain: the URL does not change": {`expected the URL to contain "step=2"`,
		`actual: "{base}a.html"`, `waited: {timeout}`},
	"I wait for the text: the text never comes": {`expected to see "Goodbye" on the page`,
		`actual: the page's text is "Step vocabulary Welcome A page for every step. Go to page A Go to page B"`},

	// Assertions
	"the URL should be: another page":                {`expected the URL to be "{base}b.html"`, `actual: "{base}a.html"`, `page:   {base}a.html`, `waited: {timeout}`},
	"the URL should contain: another page":           {`expected the URL to contain "b.html"`, `actual: "{base}a.html"`},
	"the URL should match: another page":             {`expected the URL to match /b\.html$`, `actual: "{base}a.html"`},
	"the URL should match: not a regular expression": {`the URL should match "a.html(": not a valid regular expression`, `missing closing )`},
	"the title should be: markup comes back literally": {`expected the title to be "Docs"`,
		`actual: "Docs: <script>alert(1)</script> & more"`, `page:   {base}script.html`},
	"the title should contain: another page": {`expected the title to contain "Page B"`, `actual: "Page A"`},
	"I should see: the text is not there":    {`expected to see "Welcome" on the page`, `actual: the page's text is "A Nope Next"`, `page:   {base}a.html`},
	"I should not see: markup that is there": {`expected not to see "<script>alert(\"x\")</script>" on the page`,
		`actual: the page's text is "…Use <script>alert(\"x\")</script> to say hi…" (found it)`},
	"should be visible: a hidden element": {`expected "#never" to be visible`,
		`actual: 1 element matches; the first is <div id="never"> "Never shown", hidden`, `page:   {base}late.html`, `waited: {timeout}`},
	"should be hidden: a visible element":          {`expected "#always" to be hidden`, `<div id="always"> "Always here", visible`},
	"should be enabled: a disabled button":         {`expected "#always-disabled" to be enabled`, `visible, disabled`},
	"should be disabled: an enabled field":         {`expected "#username" to be disabled`, `the first is <input id="username">, visible`},
	"should be checked: an unchecked box":          {`expected "#terms" to be checked`, `<input id="terms">, visible, unchecked`},
	"should be unchecked: a checked box":           {`expected "#news" to be unchecked`, `<input id="news">, visible, checked`},
	"should have text: another text":               {`expected "#msg" to have text "Welcome"`, `actual: "Nope" (<p id="msg">)`, `page:   {base}a.html`, `waited: {timeout}`},
	"should contain: another text":                 {`expected "#msg" to contain "Welcome"`, `actual: "Nope"`},
	"should have value: another value":             {`expected "#name" to have value "Ada"`, `actual: "Grace" (<input id="name">)`},
	"should have attribute: another value":         {`expected "#logo" to have attribute alt="Banner"`, `actual: alt="Logo" (<img id="logo">)`},
	"should have attribute: no such attribute":     {`expected "#logo" to have attribute title="Logo"`, `actual: <img id="logo"> has no attribute title`},
	"should exist: no such element":                {`expected "#welcome" to exist`, `actual: 0 elements`, `page:   {base}a.html`},
	"should not exist: the element is there":       {`expected "#msg" not to exist`, `actual: 1 element`},
	"there should be N elements: too few":          {`expected "{li}Item" to match exactly 4 elements`, `actual: 3 elements`},
	"there should be at least N elements: too few": {`expected "li" to match at least 5 elements`, `actual: 4 elements`},
	"there should be at most N elements: too many": {`expected "li" to match at most 1 element`, `actual: 4 elements`},
	"should be focused: another element has the focus": {`expected "#second" to be focused`, `actual: the focus is on <input id="first">`,
		`page:   {base}state.html`, `waited: {timeout}`},
	"should be focused: nothing has the focus":         {`expected "#first" to be focused`, `actual: nothing has the focus (it is on the page's <body>)`},
	"should not be focused: the element has the focus": {`expected "#first" not to be focused`, `actual: <input id="first"> has the focus`},
	"should not be focused: no such element":           {`expected "#no-field" not to be focused`, `actual: no element matches`},
	"should have class: the class is not there":        {`expected "#toggle" to have class "active"`, `actual: the classes of <button id="toggle" class="tab"> are "tab"`},
	"should have class: an empty class name":           {`class " ": name a class, e.g. "active"`},
	"should not have class: the class is there":        {`expected "#toggle" not to have class "active"`, `are "tab active"`},
	"should have exact text: the spaces differ": {`expected "#spaced" to have exact text "Total:  42"`,
		`actual: "Total: 42" (<p id="spaced">), as written "  Total:  42 "`},
	"there should be N visible elements: hidden ones do not count": {`expected "li.todo" to match exactly 4 visible elements`, `actual: 2 visible elements (4 in all)`},
	"there should be at least N visible elements: too few":         {`expected "li.todo" to match at least 3 visible elements`, `actual: 2 visible elements (4 in all)`},
	"there should be at most N visible elements: too many":         {`expected "li.todo" to match at most 1 visible element`, `actual: 2 visible elements (4 in all)`},

	// Local storage
	"I set the local storage item: the page has no local storage": {`set the local storage item "theme": the page about:blank has no local storage (open a page of the site first)`},
	"the local storage item should be: another value":             {`expected the local storage item "theme" to be "dark"`, `actual: "light"`, `page:   {base}storage.html`, `waited: {timeout}`},
	"the local storage item should contain: no such item":         {`expected the local storage item "cart" to contain "sku-42"`, `actual: no item "cart"; the items are "theme"`},
	"I wait for the local storage item to contain: the value never comes": {`expected the local storage item "cart" to contain "sku-99"`,
		`actual: "[\"sku-7\",\"sku-42\"]"`},
	// The page wrote the value; only the item's name says it is secret.
	"a secret local storage value is masked in the error of a failed check": {`expected the local storage item "auth_token" to be "••••••"`, `actual: "••••••"`},

	// Screenshots and variables
	"I take a screenshot of: no such element": {`screenshot of "#no-chart"`, `timed out: no element matches`, `page: {base}shots.html`},
	"I store the text of: no such element":    {`expected "#no-order" to exist, to store its text`, `actual: no element matches`, `page:   {base}form.html`},
	"I store the value of: no such element":   {`expected "#no-field" to exist, to store its value`, `actual: no element matches`},
	"a variable that is not defined anywhere": {`variable ${undefinedThing} is not defined`, `pass --var undefinedThing=VALUE`, `defined here: baseUrl,`},

	// Locators
	"{a} matches the whole text, not a part":               {`expected "{a}Go" to exist`, `actual: 0 elements`},
	"{^a} matches only the tag it names":                   {`expected "{^li}Sign" to exist`, `actual: 0 elements`},
	"{} matches the whole text of any element, not a part": {`expected "{}Sign" to exist`, `actual: 0 elements`},
	"an XPath that starts with ./ starts at the document":  {`expected "./body/h1" to exist`, `actual: 0 elements`},
	"{li:4} is past the last match":                        {`click "{li:4}Item": timed out: no element matches`},
	"an XPath that finds nothing":                          {`expected "(//li)[9]" to exist`, `actual: 0 elements`},
	"a CSS locator that does not parse":                    {`invalid locator "li[data-n="`, `is not a valid selector`},
	"an XPath locator that does not parse":                 {`invalid locator "//li["`, `is not a valid XPath expression`},
	"a text locator without its closing brace":             {`locator "{a Go to file": a text locator needs a closing brace`},

	// Masking: the failing steps' values are secrets; noSecrets checks that
	// they appear nowhere.
	"a password is masked in the error of a failed check":     {`expected "#password" to have value "hunter3"`, `actual: "••••••" (<input id="password">)`},
	"a secret --var is masked in the error of a failed check": {`expected to see "••••••" on the page`},
}

// failure is how a scenario of fail.feature ended, and in which run.
type failure struct {
	s       *results.Scenario
	base    string        // the run's base URL
	timeout time.Duration // the run's step timeout
}

// TestFailFeature runs testdata/fail.feature: every scenario fails at its
// last step, and only there, with the error failCases asks for.
func TestFailFeature(t *testing.T) {
	t.Parallel()
	fr := runFeature(t, "fail.feature", failTimeout, failWorkers)
	if fr.run.Status != results.Failed {
		t.Errorf("run status = %s, want failed", fr.run.Status)
	}
	noSecrets(t, fr)
	got := map[string]failure{}
	var again, why []string // lines of the scenarios to run again, and their first problem
	for name, s := range scenarios(t, fr.run) {
		got[name] = failure{s, fr.run.Env.BaseURL, failTimeout}
		if want, ok := failCases[name]; ok && timedOut(s) {
			if p := problems(got[name], want); len(p) > 0 {
				again = append(again, fmt.Sprint(s.Line))
				why = append(why, fmt.Sprintf("%s: %s", name, strings.ReplaceAll(p[0], "\n", "\n    ")))
			}
		}
	}
	// On a busy machine a step before the failing one can run out of time,
	// or the failing one before the page answered once: run those scenarios
	// once more with more time. A wrong message is wrong again.
	if len(again) > 0 {
		slow := 4 * failTimeout
		t.Logf("running %d scenarios again with a %s step timeout: they timed out before they showed what they test:\n%s",
			len(again), slow, strings.Join(why, "\n"))
		fr2 := runFeature(t, "fail.feature:"+strings.Join(again, ":"), slow, failWorkers)
		noSecrets(t, fr2)
		for name, s := range scenarios(t, fr2.run) {
			got[name] = failure{s, fr2.run.Env.BaseURL, slow}
		}
	}

	for name := range failCases {
		if _, ok := got[name]; !ok {
			t.Errorf("failCases has %q, but fail.feature has no such scenario", name)
		}
	}
	for name, f := range got {
		t.Run(name, func(t *testing.T) {
			want, ok := failCases[name]
			if !ok {
				t.Fatalf("no entry in failCases for this scenario of fail.feature")
			}
			for _, p := range problems(f, want) {
				t.Error(p)
			}
		})
	}
	// The step text of a step that typed a password shows the mask.
	if f, ok := got["a password is masked in the error of a failed check"]; ok && f.s.Final() != nil {
		if text := f.s.Final().Steps[1].Text; text != `I fill "#password" with "••••••"` {
			t.Errorf("the step that typed a password reads %q, want the password masked", text)
		}
	}
}

// timedOut tells whether a step of s failed by running out of time: an
// action's "timed out", or a retried check's "waited:".
func timedOut(s *results.Scenario) bool {
	for _, st := range s.Final().Steps {
		if st.Status == results.Failed && (strings.Contains(st.Error, "timed out") || strings.Contains(st.Error, "\n  waited: ")) {
			return true
		}
	}
	return false
}

// problems says how f's scenario is not as expected: it must fail at its
// last step, and only there, with an error that contains every fragment of
// want.
func problems(f failure, want []string) []string {
	s := f.s
	a := s.Final()
	if a == nil || len(a.Steps) == 0 {
		return []string{"the scenario did not run"}
	}
	last := a.Steps[len(a.Steps)-1]
	for _, st := range a.Steps[:len(a.Steps)-1] {
		if st.Status != results.Passed {
			return []string{"a step before the last one did not pass:\n" + describe(s)}
		}
	}
	if last.Status != results.Failed {
		return []string{fmt.Sprintf("the last step is %s, want failed:\n%s", last.Status, describe(s))}
	}
	var out []string
	if s.Status != results.Failed || a.Error != last.Error {
		out = append(out, fmt.Sprintf("scenario status %s with error %q; want failed with the last step's error", s.Status, a.Error))
	}
	r := strings.NewReplacer("{base}", f.base, "{timeout}", f.timeout.String())
	for _, w := range want {
		if w = r.Replace(w); !strings.Contains(last.Error, w) {
			out = append(out, fmt.Sprintf("the error of %q lacks %q; it is:\n%s", last.Text, w, last.Error))
		}
	}
	return out
}
