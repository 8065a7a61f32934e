package steps_test

import (
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

// TestPassFeature runs testdata/pass.feature: every scenario passes, and
// what the steps leave in the results (notes, logs, screenshots) is right
// and masked.
func TestPassFeature(t *testing.T) {
	t.Parallel()
	fr := runFeature(t, "pass.feature", 10*time.Second, 2)
	got := scenarios(t, fr.run)
	for name, s := range got {
		if s.Status != results.Passed {
			t.Errorf("scenario %q %s:\n%s", name, s.Status, describe(s))
		}
	}
	if fr.run.Status != results.Passed || fr.run.Counts.Passed != len(got) || len(got) == 0 {
		t.Errorf("run %s with %+v, want every one of %d scenarios passed\n%s", fr.run.Status, fr.run.Counts, len(got), fr.out)
	}
	find := func(t *testing.T, scenario, text string) *results.Step {
		t.Helper()
		s := got[scenario]
		if s == nil || s.Final() == nil {
			t.Fatalf("no scenario %q ran", scenario)
		}
		for _, st := range s.Final().Steps {
			if st.Text == text {
				return st
			}
		}
		t.Fatalf("scenario %q has no step %q:\n%s", scenario, text, describe(s))
		return nil
	}

	t.Run("masking", func(t *testing.T) {
		noSecrets(t, fr)
		const sc = "a password typed into a field and secret-named variables are masked"
		// Step texts show the mask where a secret was written literally.
		find(t, sc, `I fill "#password" with "••••••"`)
		find(t, sc, `"#password" should have value "••••••"`)
		find(t, sc, `"#q" should have value "••••••"`)
		find(t, sc, `"#username" should have value "••••••"`)
		// Notes and the page's console show the mask too: the logs are
		// there, and masked, rather than missing. A console message may
		// come in after its step ended, so those are looked for in every
		// step of the scenario.
		hasLog(t, find(t, sc, `I store the value of "#password" as "pw"`), `pw = "••••••"`)
		hasLog(t, find(t, sc, `I store the value of "#username" as "copy"`), `copy = "••••••"`)
		hasLog(t, find(t, sc, `I execute "'echo ' + document.getElementById('q').value"`), `result: "echo ••••••"`)
		find(t, sc, `I click "#username"`) // blurs the password field: the page logs it
		// A local storage item named like a secret keeps its value secret.
		find(t, sc, `I set the local storage item "session_token" to "••••••"`)
		find(t, sc, `the local storage item "session_token" should be "••••••"`)
		find(t, sc, `the local storage item "key" should contain "••••••"`)
		hasLog(t, allLogs(t, got[sc]), `password is ••••••`)

		const late = "a password field that comes late is masked too"
		find(t, late, `I fill "#late-password" with "••••••"`)
		// The page's console message may come in after the step ended.
		hasLog(t, allLogs(t, got[late]), `typed ••••••`)
		if u := got[late].Final().URL; u != fr.run.Env.BaseURL+"secret.html?token=••••••" {
			t.Errorf("the attempt's URL is %q, want the token masked", u)
		}
	})

	t.Run("markup comes back literally", func(t *testing.T) {
		const sc = "a page whose title and text contain <script>"
		hasLog(t, find(t, sc, `I store the text of "#code" as "code"`), `code = "Use <script>alert(\"x\")</script> to say hi"`)
	})

	t.Run("notes", func(t *testing.T) {
		hasLog(t, find(t, "execute JavaScript and wait", `I execute "6 * 7"`), `result: 42`)
		const sc = "store the text, the value and the URL"
		hasLog(t, find(t, sc, `I store the text of "#order-text" as "order"`), `order = "A-1001"`)
		hasLog(t, find(t, sc, `I store the URL as "formUrl"`), `formUrl = "`+fr.run.Env.BaseURL+`form.html"`)
	})

	t.Run("dialogs are answered as asked", func(t *testing.T) {
		logs := allLogs(t, got["accept, dismiss and answer dialogs"])
		hasLog(t, logs, `accepted confirm "Delete it?" (as asked)`)
		hasLog(t, logs, `dismissed confirm "Delete it?" (as asked)`)
		hasLog(t, logs, `accepted prompt "Your name?" (as asked)`)
	})

	t.Run("screenshots", func(t *testing.T) {
		const sc = "screenshots"
		for _, c := range []struct {
			step, name string
			check      func(w, h int) bool
			want       string
		}{
			{`I take a screenshot`, "screenshot", func(w, h int) bool { return w == 800 && h == 600 }, "the 800x600 viewport"},
			{`I take a screenshot named "the chart"`, "the chart", func(w, h int) bool { return w == 800 && h == 600 }, "the 800x600 viewport"},
			{`I take a full-page screenshot`, "full page", func(w, h int) bool { return w == 800 && h >= 2600 }, "the whole 2640 px tall page"},
			{`I take a screenshot of "#chart"`, "#chart", func(w, h int) bool { return w == 200 && h == 100 }, "the 200x100 chart"},
		} {
			st := find(t, sc, c.step)
			if len(st.Attachments) != 1 {
				t.Errorf("%s: %d attachments, want 1", c.step, len(st.Attachments))
				continue
			}
			at := st.Attachments[0]
			if at.Name != c.name {
				t.Errorf("%s: attachment named %q, want %q", c.step, at.Name, c.name)
			}
			w, h := imageSize(t, filepath.Join(fr.dir, filepath.FromSlash(at.Path)))
			if !c.check(w, h) {
				t.Errorf("%s: the image is %dx%d, want %s", c.step, w, h, c.want)
			}
		}
	})
}

// allLogs is a step that holds the logs of every step of s.
func allLogs(t *testing.T, s *results.Scenario) *results.Step {
	t.Helper()
	if s == nil || s.Final() == nil {
		t.Fatal("the scenario did not run")
	}
	all := &results.Step{Text: "(any step of " + s.Name + ")"}
	for _, st := range s.Final().Steps {
		all.Logs = append(all.Logs, st.Logs...)
	}
	return all
}

// hasLog fails unless one of the step's log lines contains text.
func hasLog(t *testing.T, st *results.Step, text string) {
	t.Helper()
	var lines []string
	for _, l := range st.Logs {
		if strings.Contains(l.Text, text) {
			return
		}
		lines = append(lines, l.Text)
	}
	t.Errorf("step %q has no log line with %q; its logs are %q", st.Text, text, lines)
}

// imageSize is the size in pixels of an image file.
func imageSize(t *testing.T, path string) (int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, _, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c.Width, c.Height
}
