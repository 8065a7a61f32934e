package steps_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

// hugeText is the size of the text of the page TestHugeTextIsCapped makes.
const hugeText = 64 << 10

// TestHugeTextIsCapped runs steps that quote an element's or the page's
// text, value or attribute on a page with megabytes of text: what they
// write into errors, logs, the progress output and the results is capped,
// and says how much it left out.
func TestHugeTextIsCapped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("lorem ipsum ", hugeText/12)
	page := `<!doctype html><html><head><meta charset="utf-8"><title>Huge</title></head><body>` +
		`<p id="big" data-blob="` + big + `">` + big + `</p>` +
		`<textarea id="area">` + big + `</textarea></body></html>`
	if err := os.WriteFile(filepath.Join(site, "huge.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	feature := `Feature: Huge text

  Scenario: have text
    Given I open "/huge.html"
    Then "body" should have text "x"

  Scenario: have exact text
    Given I open "/huge.html"
    Then "#big" should have exact text "x"

  Scenario: have value
    Given I open "/huge.html"
    Then "#area" should have value "x"

  Scenario: have attribute
    Given I open "/huge.html"
    Then "#big" should have attribute "data-blob" with value "x"

  Scenario: store and execute
    Given I open "/huge.html"
    When I store the text of "#big" as "text"
    And I execute "document.body.innerText"
    Then I should see "not on the page"

  Scenario: a script that throws the page's text
    Given I open "/huge.html"
    When I execute "throw new Error(document.body.innerText)"
`
	path := filepath.Join(dir, "huge.feature")
	if err := os.WriteFile(path, []byte(feature), 0o644); err != nil {
		t.Fatal(err)
	}
	fr := runFeatureOn(t, path, site, 10*time.Second, 3)
	got := scenarios(t, fr.run)
	// On a busy machine opening the page can take longer than a step may:
	// run those scenarios once more with more time.
	var again []string
	for _, s := range got {
		if a := s.Final(); a != nil && len(a.Steps) > 1 && a.Steps[0].Status != results.Passed {
			again = append(again, fmt.Sprint(s.Line))
		}
	}
	if len(again) > 0 {
		t.Logf("running %d scenarios again with a 30s step timeout: their page did not open in time", len(again))
		fr2 := runFeatureOn(t, path+":"+strings.Join(again, ":"), site, 30*time.Second, 3)
		fr.out += fr2.out
		for name, s := range scenarios(t, fr2.run) {
			got[name] = s
		}
		fr.run.Features = append(fr.run.Features, fr2.run.Features...)
	}

	const most = 6 << 10 // two capped quotes (exact text: as shown and as written) and the message around them
	for name, s := range got {
		a := s.Final()
		if a == nil {
			t.Errorf("%s: did not run", name)
			continue
		}
		last := a.Steps[len(a.Steps)-1]
		if s.Status != results.Failed || last.Status != results.Failed || !strings.Contains(last.Error, "expected") && !strings.Contains(last.Error, "execute JavaScript: Error: lorem") {
			t.Errorf("%s: %s, want failed at its last step with what was expected or thrown:\n%.2000s", name, s.Status, describe(s))
		}
		for _, st := range a.Steps {
			if len(st.Error) > most {
				t.Errorf("%s: the error of %q is %d bytes, want at most %d:\n%.300s…", name, st.Text, len(st.Error), most, st.Error)
			}
			// A short excerpt ends with "…"; a quote cut at the cap says how much it left out.
			if len(st.Error) > 1<<10 && !strings.Contains(st.Error, "…") && !strings.Contains(st.Error, " more characters") {
				t.Errorf("%s: the error of %q quotes the page's text without saying how much it left out:\n%.3000s", name, st.Text, st.Error)
			}
			for _, l := range st.Logs {
				if len(l.Text) > most || len(l.Text) > 1<<10 && !strings.Contains(l.Text, " more characters") {
					t.Errorf("%s: a log line of %q is %d bytes, want at most %d and the cut said:\n%.300s…", name, st.Text, len(l.Text), most, l.Text)
				}
			}
		}
	}
	data, err := json.Marshal(fr.run)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 96<<10 {
		t.Errorf("the results are %d bytes for 6 scenarios, want them to quote at most a few KB of the page", len(data))
	}
	if len(fr.out) > 64<<10 {
		t.Errorf("the progress output is %d bytes, want at most a few KB of the page quoted:\n%.2000s", len(fr.out), fr.out)
	}
}
