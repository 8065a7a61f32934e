// The driver functions that need pages of their own (testdata/site: a
// strict Content-Security-Policy, positional layouts, drag and drop...)
// run here: testdata/driver/pass.feature must pass; each scenario of
// testdata/driver/fail.feature ends with one step that must fail with the
// message driverFailCases asks for.

package karate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/results"
)

func onSite(c *config.Config) { c.Serve = "testdata/site" }

func TestDriverPass(t *testing.T) {
	r := runKarate(t, 10*time.Second, onSite, "testdata/driver/pass.feature")
	if r.run == nil {
		t.Fatalf("run: %v\n%s", r.err, r.out)
	}
	for name, sc := range allSteps(r.run) {
		for _, s := range sc.Final().Steps {
			if s.Status != results.Passed {
				t.Errorf("%s: step %d %q is %s: %s", name, s.Line, s.Text, s.Status, s.Error)
			}
		}
	}
	if r.err != nil {
		t.Errorf("run: %v", r.err)
	}
	pdfs := 0
	for _, s := range allSteps(r.run)["close, pdf, quit and timeout"].Final().Steps {
		for _, a := range s.Attachments {
			if a.MediaType == "application/pdf" && strings.HasSuffix(a.Path, ".pdf") {
				pdfs++
			}
		}
	}
	if pdfs != 2 {
		t.Errorf("%d PDFs attached, want 2 (one per pdf())", pdfs)
	}
	shots := 0
	for _, s := range allSteps(r.run)["screenshot returns the image, and with false does not attach it"].Final().Steps {
		shots += len(s.Attachments)
	}
	if shots != 4 {
		t.Errorf("%d screenshots attached, want 4 (screenshot(), screenshot(loc), screenshot(true), element.screenshot(); not those with false)", shots)
	}
}

// driverFailCases: scenario name -> what its failing step's error must say.
var driverFailCases = map[string][]string{
	"script on an element on a strict CSP page":                         {"script('#title', '_.nope.deeper')", "Cannot read properties of undefined (reading 'deeper')"},
	"waitUntil on an element on a strict CSP page":                      {"waitUntil('#title', '_.textContent == 'Other'')", "it is false"},
	"rightOf finds nothing":                                             {"type into rightOf('{}Input On Left').find('input')", "no element matches"},
	"rightOf finds an input that is covered":                            {"click rightOf('{}Covered Label').find('input')", `<input id="covered"> is covered by <div id="overlay">`},
	"closest finds no ancestor":                                         {"wait for locate('#username').closest('table') to be attached", "no element matches"},
	"a scoped locate finds nothing inside":                              {"wait for locate('#tree').locate('input') to be attached", "no element matches"},
	"matches on an element that is not there":                           {`wait for "#nothing-here" to be attached`},
	"nextSibling of the last element":                                   {"wait for locate('#last').nextSibling to be attached", "no element matches"},
	"onDialog with no function":                                         {"onDialog(yes): it takes a function of the dialog"},
	"an onDialog handler that fails":                                    {`onDialog: the handler failed on the confirm "Sure?"`, "TypeError", "nope"},
	"mouse move to an element that is not there":                        {`mouse().move('#no-such-box'): hover over "#no-such-box"`, "no element matches"},
	"mouse down on a covered element":                                   {`mouse('#cover-me').down(): hover over "#cover-me"`, `is covered by <div id="cover">`},
	"mouse move without a place":                                        {"mouse().move(): it takes a locator, or x and y"},
	"close the first tab":                                               {"close(): close the tab: kumite keeps the scenario's first tab open"},
	"a driver function after quit":                                      {"click(): the browser was closed by quit(); open a page first"},
	"pdf with an unknown option":                                        {`pdf({"colour":"red"}): unknown option "colour"`},
	"timeout with no number":                                            {"timeout(soon): it takes milliseconds"},
	"timeout lets a step wait longer, timeout() goes back to --timeout": {`wait for "#never" to be visible: timed out`},
	"switchPage to an index with no tab":                                {"switchPage(3): there are 1 tabs, numbered from 0"},
	"select by an index with no option":                                 {"select(below('{}State').find('select'), 5)", `no such option; the options are ["California" "Texas"]`},
	"find with XPath":                                                   {`find("//span"): use a tag name, a text locator or CSS here, not XPath`},
}

func TestDriverFail(t *testing.T) {
	r := runKarate(t, 4*time.Second, onSite, "testdata/driver/fail.feature")
	checkFailures(t, r, driverFailCases)
}
