package steps

import (
	"regexp"
	"strings"

	"github.com/cucumber/godog"
)

// Def is one step of the vocabulary: the pattern godog matches, the form a
// person reads, an example, and the handler.
type Def struct {
	Group    string // Navigation, Actions, Waits, Assertions, Local storage, Screenshots, Variables
	Template string // e.g. I type "TEXT" into "LOC"
	Example  string // e.g. I type "logo.png" into "input[name=query]"
	Pattern  string // the regular expression, built from Template
	Handler  any    // func(context.Context, args…) error, args as the pattern captures
}

// q captures a double-quoted argument; \" inside it is a literal quote.
const q = `"((?:[^"\\]|\\.)*)"`

// vocabulary is every step kumite understands (DESIGN.md "Step vocabulary").
// A template's words in capitals are arguments: quoted ones are strings,
// N, WIDTH and HEIGHT whole numbers; "(a|b)" alternatives and "elements?"
// optional letters are kept as written in the pattern.
var vocabulary = []Def{
	// Navigation
	{Group: "Navigation", Template: `I open "URL"`, Example: `I open "/repo.html"`, Handler: open},
	{Group: "Navigation", Template: `I navigate to "URL"`, Example: `I navigate to "/login.html"`, Handler: open},
	{Group: "Navigation", Template: `I am on "URL"`, Example: `I am on "/index.html"`, Handler: open},
	{Group: "Navigation", Template: `I reload the page`, Example: `I reload the page`, Handler: reload},
	{Group: "Navigation", Template: `I go back`, Example: `I go back`, Handler: goBack},
	{Group: "Navigation", Template: `I go forward`, Example: `I go forward`, Handler: goForward},
	{Group: "Navigation", Template: `I switch to the new tab`, Example: `I switch to the new tab`, Handler: switchToNewTab},
	{Group: "Navigation", Template: `I switch to the tab with "TEXT"`, Example: `I switch to the tab with "Second tab"`, Handler: switchToTab},
	{Group: "Navigation", Template: `I switch to frame "LOC"`, Example: `I switch to frame "#preview"`, Handler: switchToFrame},
	{Group: "Navigation", Template: `I switch to the main frame`, Example: `I switch to the main frame`, Handler: switchToMainFrame},
	{Group: "Navigation", Template: `I set the viewport to WIDTHxHEIGHT`, Example: `I set the viewport to 375x812`, Handler: setViewport},

	// Actions
	{Group: "Actions", Template: `I click "LOC"`, Example: `I click "{a}Go to file"`, Handler: click},
	{Group: "Actions", Template: `I double-click "LOC"`, Example: `I double-click "#item"`, Handler: doubleClick},
	{Group: "Actions", Template: `I hover over "LOC"`, Example: `I hover over "#menu"`, Handler: hover},
	{Group: "Actions", Template: `I type "TEXT" into "LOC"`, Example: `I type "logo.png" into "input[name=query]"`, Handler: typeInto},
	{Group: "Actions", Template: `I fill "LOC" with "TEXT"`, Example: `I fill "#username" with "alice"`, Handler: fill},
	{Group: "Actions", Template: `I clear "LOC"`, Example: `I clear "#username"`, Handler: clearField},
	{Group: "Actions", Template: `I press "KEY"`, Example: `I press "Enter"`, Handler: press},
	{Group: "Actions", Template: `I press "KEY" in "LOC"`, Example: `I press "Control+A" in "#notes"`, Handler: pressIn},
	{Group: "Actions", Template: `I select "OPTION" from "LOC"`, Example: `I select "Blue" from "#color"`, Handler: selectOption},
	{Group: "Actions", Template: `I check "LOC"`, Example: `I check "#terms"`, Handler: check},
	{Group: "Actions", Template: `I uncheck "LOC"`, Example: `I uncheck "#newsletter"`, Handler: uncheck},
	{Group: "Actions", Template: `I upload "FILE" to "LOC"`, Example: `I upload "files/cv.pdf" to "input[type=file]"`, Handler: upload},
	{Group: "Actions", Template: `I scroll to "LOC"`, Example: `I scroll to "#footer"`, Handler: scrollTo},
	{Group: "Actions", Template: `I blur "LOC"`, Example: `I blur "#email"`, Handler: blur},
	{Group: "Actions", Template: `I accept the next dialog`, Example: `I accept the next dialog`, Handler: acceptDialog},
	{Group: "Actions", Template: `I dismiss the next dialog`, Example: `I dismiss the next dialog`, Handler: dismissDialog},
	{Group: "Actions", Template: `I answer "TEXT" to the next dialog`, Example: `I answer "Ada" to the next dialog`, Handler: answerDialog},
	{Group: "Actions", Template: `I execute "JS"`, Example: `I execute "window.scrollTo(0, 0)"`, Handler: execute},
	{Group: "Actions", Template: `I wait N ms`, Example: `I wait 500 ms`, Handler: waitMillis},
	{Group: "Actions", Template: `I wait N seconds?`, Example: `I wait 2 seconds`, Handler: waitSeconds},
	{Group: "Actions", Template: `I fill in:`, Example: "I fill in:\n  | #username | alice |\n  | #password | s3cret |", Handler: fillIn},

	// Waits
	{Group: "Waits", Template: `I wait for "LOC"`, Example: `I wait for "#results"`, Handler: waitFor},
	{Group: "Waits", Template: `I wait for "LOC" to be (visible|hidden|enabled|disabled|gone)`, Example: `I wait for "#spinner" to be gone`, Handler: waitForState},
	{Group: "Waits", Template: `I wait for the URL to contain "TEXT"`, Example: `I wait for the URL to contain "find"`, Handler: urlContains},
	{Group: "Waits", Template: `I wait for the text "TEXT"`, Example: `I wait for the text "Welcome"`, Handler: shouldSee},

	// Assertions
	{Group: "Assertions", Template: `the URL should be "URL"`, Example: `the URL should be "/welcome.html"`, Handler: urlIs},
	{Group: "Assertions", Template: `the URL should contain "TEXT"`, Example: `the URL should contain "welcome"`, Handler: urlContains},
	{Group: "Assertions", Template: `the URL should match "REGEX"`, Example: `the URL should match "/items/\\d+$"`, Handler: urlMatches},
	{Group: "Assertions", Template: `the title should be "TEXT"`, Example: `the title should be "Sign in"`, Handler: titleIs},
	{Group: "Assertions", Template: `the title should contain "TEXT"`, Example: `the title should contain "Sign"`, Handler: titleContains},
	{Group: "Assertions", Template: `I should see "TEXT"`, Example: `I should see "Welcome, alice"`, Handler: shouldSee},
	{Group: "Assertions", Template: `I should not see "TEXT"`, Example: `I should not see "Invalid password"`, Handler: shouldNotSee},
	{Group: "Assertions", Template: `"LOC" should be (visible|hidden|enabled|disabled|checked|unchecked)`, Example: `"#submit" should be enabled`, Handler: shouldBe},
	{Group: "Assertions", Template: `"LOC" should be focused`, Example: `"#search" should be focused`, Handler: shouldBeFocused},
	{Group: "Assertions", Template: `"LOC" should not be focused`, Example: `"#email" should not be focused`, Handler: shouldNotBeFocused},
	{Group: "Assertions", Template: `"LOC" should have text "TEXT"`, Example: `"h1" should have text "Welcome, alice"`, Handler: hasText},
	{Group: "Assertions", Template: `"LOC" should have exact text "TEXT"`, Example: `"#total" should have exact text "Total:  42 "`, Handler: hasExactText},
	{Group: "Assertions", Template: `"LOC" should contain "TEXT"`, Example: `"#flash" should contain "saved"`, Handler: containsText},
	{Group: "Assertions", Template: `"LOC" should have value "TEXT"`, Example: `"#username" should have value "alice"`, Handler: hasValue},
	{Group: "Assertions", Template: `"LOC" should have attribute "NAME" with value "VALUE"`, Example: `"#logo" should have attribute "alt" with value "Logo"`, Handler: hasAttribute},
	{Group: "Assertions", Template: `"LOC" should have class "NAME"`, Example: `"#tab-2" should have class "active"`, Handler: hasClass},
	{Group: "Assertions", Template: `"LOC" should not have class "NAME"`, Example: `"#tab-1" should not have class "active"`, Handler: hasNoClass},
	{Group: "Assertions", Template: `"LOC" should exist`, Example: `"#results" should exist`, Handler: shouldExist},
	{Group: "Assertions", Template: `"LOC" should not exist`, Example: `"#error" should not exist`, Handler: shouldNotExist},
	{Group: "Assertions", Template: `there should be N elements? matching "LOC"`, Example: `there should be 3 elements matching "ul li"`, Handler: countIs},
	{Group: "Assertions", Template: `there should be at least N elements? matching "LOC"`, Example: `there should be at least 1 element matching "li[role=presentation]"`, Handler: countAtLeast},
	{Group: "Assertions", Template: `there should be at most N elements? matching "LOC"`, Example: `there should be at most 10 elements matching "tr"`, Handler: countAtMost},
	{Group: "Assertions", Template: `there should be N visible elements? matching "LOC"`, Example: `there should be 2 visible elements matching "li.todo"`, Handler: visibleCountIs},
	{Group: "Assertions", Template: `there should be at least N visible elements? matching "LOC"`, Example: `there should be at least 1 visible element matching ".toast"`, Handler: visibleCountAtLeast},
	{Group: "Assertions", Template: `there should be at most N visible elements? matching "LOC"`, Example: `there should be at most 5 visible elements matching ".row"`, Handler: visibleCountAtMost},

	// Local storage
	{Group: "Local storage", Template: `I set the local storage item "KEY" to "VALUE"`, Example: `I set the local storage item "theme" to "dark"`, Handler: setStorageItem},
	{Group: "Local storage", Template: `the local storage item "KEY" should be "VALUE"`, Example: `the local storage item "theme" should be "dark"`, Handler: storageItemIs},
	{Group: "Local storage", Template: `the local storage item "KEY" should contain "TEXT"`, Example: `the local storage item "cart" should contain "sku-42"`, Handler: storageItemContains},
	{Group: "Local storage", Template: `I wait for the local storage item "KEY" to contain "TEXT"`, Example: `I wait for the local storage item "session" to contain "alice"`, Handler: storageItemContains},

	// Screenshots
	{Group: "Screenshots", Template: `I take a screenshot`, Example: `I take a screenshot`, Handler: screenshot},
	{Group: "Screenshots", Template: `I take a screenshot named "NAME"`, Example: `I take a screenshot named "login form"`, Handler: screenshotNamed},
	{Group: "Screenshots", Template: `I take a full-page screenshot`, Example: `I take a full-page screenshot`, Handler: screenshotFull},
	{Group: "Screenshots", Template: `I take a screenshot of "LOC"`, Example: `I take a screenshot of "#chart"`, Handler: screenshotOf},

	// Variables
	{Group: "Variables", Template: `I store the text of "LOC" as "NAME"`, Example: `I store the text of "h1" as "heading"`, Handler: storeText},
	{Group: "Variables", Template: `I store the value of "LOC" as "NAME"`, Example: `I store the value of "#order-id" as "order"`, Handler: storeValue},
	{Group: "Variables", Template: `I store the URL as "NAME"`, Example: `I store the URL as "start"`, Handler: storeURL},
}

// argWord finds the argument placeholders of a template.
var argWord = regexp.MustCompile(`"[A-Z]+"|\bN\b|WIDTHxHEIGHT|\([a-z|]+\)|elements\?|seconds\?`)

// patternOf turns a template into the anchored regular expression godog
// matches: "WORD" -> a quoted string, N -> a number.
func patternOf(template string) string {
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, m := range argWord.FindAllStringIndex(template, -1) {
		b.WriteString(regexp.QuoteMeta(template[last:m[0]]))
		word := template[m[0]:m[1]]
		switch {
		case strings.HasPrefix(word, `"`):
			b.WriteString(q)
		case word == "N":
			b.WriteString(`(\d+)`)
		case word == "WIDTHxHEIGHT":
			b.WriteString(`(\d+)x(\d+)`)
		case strings.HasPrefix(word, "("):
			b.WriteString(word)
		default: // elements? seconds?
			b.WriteString(word[:len(word)-2] + "(?:" + word[len(word)-2:len(word)-1] + ")?")
		}
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(template[last:]))
	b.WriteString("$")
	return b.String()
}

func init() {
	for i := range vocabulary {
		vocabulary[i].Pattern = patternOf(vocabulary[i].Template)
	}
}

// Vocabulary returns every step definition, in documentation order.
func Vocabulary() []Def { return append([]Def(nil), vocabulary...) }

// Register adds the vocabulary to a godog scenario. godog compiles a
// pattern given as a string each time, for every scenario (4 ms and
// 0.9 MB for the vocabulary): it gets them compiled once.
func Register(sc *godog.ScenarioContext) {
	res, defs := patterns()
	for i, d := range defs {
		sc.Step(res[i], d.Handler)
	}
}

// unquote turns the \" and \\ escapes of a quoted argument into the
// characters they stand for.
func unquote(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
