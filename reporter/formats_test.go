package reporter

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kumite/kumite/results"
)

func TestFormatGoldens(t *testing.T) {
	for _, gd := range goldenDirs {
		t.Run(gd, func(t *testing.T) {
			run := readRun(t, gd)
			dir := writeReport(t, run)
			assertGoldenFile(t, filepath.Join(gd, "junit.golden.xml"), readBytes(t, filepath.Join(dir, JUnitFile)))
			assertGoldenFile(t, filepath.Join(gd, "cucumber.golden.json"), readBytes(t, filepath.Join(dir, CucumberFile)))
			assertGolden(t, filepath.Join(gd, "timeline.golden"), embeddedData(t, dir, TimelineFile))
		})
	}
}

// junitXSD is the Jenkins JUnit schema, kept beside the repository (not in
// it): ../shared/schemas/junit-10.xsd from the repository root.
func junitXSD(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("KUMITE_JUNIT_XSD"); p != "" {
		return p
	}
	p, err := filepath.Abs(filepath.Join("..", "..", "shared", "schemas", "junit-10.xsd"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("JUnit schema: %v (it lives in shared/ beside the repository; set KUMITE_JUNIT_XSD to another copy)", err)
	}
	return p
}

// TestJUnitValidatesAgainstSchema checks junit.xml of every test run, and
// of one whose texts hold markup, quotes and control characters, with
// xmllint (Debian's libxml2-utils; make test installs it).
func TestJUnitValidatesAgainstSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Fatalf("xmllint not found (apt-get install libxml2-utils, or make test): %v", err)
	}
	xsd := junitXSD(t)
	// Console text can hold terminal colours, NUL and "]]>" (which ends CDATA).
	control := evilRun()
	control.Features[0].Scenarios[0].Attempts[0].Steps[0].Error = "\x1b[31mred\x1b[0m \x00 ]]> \ufffe end"
	runs := map[string]*results.Run{"evil": evilRun(), "control characters": control}
	for _, gd := range goldenDirs {
		runs[gd] = readRun(t, gd)
	}
	for name, run := range runs {
		dir := writeReport(t, run)
		out, err := exec.Command(xmllint, "--noout", "--schema", xsd, filepath.Join(dir, JUnitFile)).CombinedOutput()
		if err != nil {
			t.Errorf("%s: junit.xml does not validate: %v\n%s", name, err, out)
		}
	}
	// The check can fail: a testcase without its required name does not validate.
	bad := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(bad, []byte(`<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase/></testsuite></testsuites>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := exec.Command(xmllint, "--noout", "--schema", xsd, bad).Run(); err == nil {
		t.Errorf("xmllint accepted a testcase without a name: the schema check proves nothing")
	}
}

type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Name    string `xml:"name,attr"`
		Tests   int    `xml:"tests,attr"`
		Skipped int    `xml:"skipped,attr"`
		Cases   []struct {
			Name      string        `xml:"name,attr"`
			Time      string        `xml:"time,attr"`
			Failure   *junitProblem `xml:"failure"`
			Error     *junitProblem `xml:"error"`
			Skipped   *junitProblem `xml:"skipped"`
			SystemOut string        `xml:"system-out"`
		} `xml:"testcase"`
		Properties []junitProperty `xml:"properties>property"`
	} `xml:"testsuite"`
}

func readJUnit(t *testing.T, run *results.Run) junitDoc {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, run); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("junit.xml does not parse: %v", err)
	}
	return doc
}

func TestJUnitStatuses(t *testing.T) {
	run := readTestRun(t) // one scenario of each status
	doc := readJUnit(t, run)
	c := run.Counts
	if doc.Tests != c.Total || doc.Failures != c.Failed || doc.Errors != c.Undefined {
		t.Errorf("testsuites: tests %d failures %d errors %d, want %d %d %d", doc.Tests, doc.Failures, doc.Errors, c.Total, c.Failed, c.Undefined)
	}
	skipped := 0
	for fi, s := range doc.Suites {
		f := run.Features[fi]
		if s.Name != f.Name || s.Tests != len(f.Scenarios) {
			t.Errorf("suite %d: %q with %d tests, want %q with %d", fi, s.Name, s.Tests, f.Name, len(f.Scenarios))
		}
		skipped += s.Skipped
		for si, tc := range s.Cases {
			sc := f.Scenarios[si]
			if want := strconv.FormatFloat(sc.Duration.Seconds(), 'f', 3, 64); tc.Time != want {
				t.Errorf("%s: time %s, want %s (seconds)", sc.Name, tc.Time, want)
			}
			if !strings.Contains(tc.SystemOut, f.URI+":"+strconv.Itoa(sc.Line)) {
				t.Errorf("%s: system-out does not name %s:%d:\n%s", sc.Name, f.URI, sc.Line, tc.SystemOut)
			}
			switch sc.Status {
			case results.Failed:
				st := failingStep(sc.Final())
				where := f.URI + ":" + strconv.Itoa(st.Line)
				if tc.Failure == nil || !strings.Contains(tc.Failure.Message, where) || !strings.Contains(tc.Failure.Text, st.Error) {
					t.Errorf("%s: failure %+v, want one naming %s with the step's error", sc.Name, tc.Failure, where)
				}
			case results.Undefined:
				if tc.Error == nil || tc.Error.Type != "undefined" {
					t.Errorf("%s: error %+v, want an <error type=\"undefined\"> (CodeBuild shows ERROR)", sc.Name, tc.Error)
				}
			case results.Skipped:
				if tc.Skipped == nil {
					t.Errorf("%s: no <skipped>", sc.Name)
				}
			case results.Flaky:
				if tc.Failure != nil || tc.Error != nil || tc.Skipped != nil {
					t.Errorf("%s: a flaky scenario must pass in JUnit", sc.Name)
				}
				if !strings.Contains(tc.SystemOut, "Attempt 1 of 2: failed") || !strings.Contains(tc.SystemOut, "Attempt 2 of 2: passed") {
					t.Errorf("%s: system-out lacks the attempts:\n%s", sc.Name, tc.SystemOut)
				}
			case results.Passed:
				if tc.Failure != nil || tc.Error != nil || tc.Skipped != nil {
					t.Errorf("%s: a passed scenario has a problem element", sc.Name)
				}
			}
			for _, a := range sc.Attempts {
				for _, st := range a.Steps {
					for _, at := range st.Attachments {
						if !strings.Contains(tc.SystemOut, at.Path) {
							t.Errorf("%s: system-out lacks screenshot %s", sc.Name, at.Path)
						}
					}
				}
			}
		}
	}
	if skipped != c.Skipped {
		t.Errorf("skipped %d, want %d", skipped, c.Skipped)
	}
}

func TestJUnitOutlineRowsAndTags(t *testing.T) {
	run := readRun(t, "recorded")
	doc := readJUnit(t, run)
	names := map[string]bool{}
	for _, s := range doc.Suites {
		for _, tc := range s.Cases {
			if names[s.Name+"/"+tc.Name] {
				t.Errorf("two testcases named %q in %q", tc.Name, s.Name)
			}
			names[s.Name+"/"+tc.Name] = true
		}
	}
	if !names["Log in and out/wrong credentials are refused (unknown user)"] {
		t.Errorf("outline row not a testcase of its own: %v", names)
	}
	login := doc.Suites[0]
	if got := login.Properties; len(got) < 2 || got[1] != (junitProperty{Name: "tag", Value: "@login"}) {
		t.Errorf("login suite properties %v, want its tag", got)
	}
	if !strings.Contains(login.Cases[0].SystemOut, "Tags: @login @smoke") {
		t.Errorf("scenario tags not in system-out:\n%s", login.Cases[0].SystemOut)
	}
}

// cucumberJSON is the part of cucumber.json the tests read.
type cucumberJSON []struct {
	URI      string `json:"uri"`
	Elements []struct {
		Type string `json:"type"`
		Name string `json:"name"`
		Line int    `json:"line"`
		Tags []struct {
			Name string `json:"name"`
			Line int    `json:"line"`
		} `json:"tags"`
		Steps []struct {
			Keyword   string `json:"keyword"`
			Line      int    `json:"line"`
			DocString *struct {
				Value string `json:"value"`
			} `json:"doc_string"`
			Rows []struct {
				Cells []string `json:"cells"`
			} `json:"rows"`
			Result struct {
				Status   string `json:"status"`
				Duration int64  `json:"duration"`
				Error    string `json:"error_message"`
			} `json:"result"`
			Output     []string `json:"output"`
			Embeddings []struct {
				MimeType string `json:"mime_type"`
				Data     string `json:"data"`
			} `json:"embeddings"`
		} `json:"steps"`
	} `json:"elements"`
}

func readCucumber(t *testing.T, run *results.Run, o CucumberOptions) cucumberJSON {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCucumber(&buf, run, o); err != nil {
		t.Fatal(err)
	}
	var doc cucumberJSON
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("cucumber.json does not parse: %v", err)
	}
	return doc
}

func TestCucumberShape(t *testing.T) {
	run := readRun(t, "recorded")
	doc := readCucumber(t, run, CucumberOptions{})
	login := doc[0]
	if login.URI != "features/login.feature" || login.Elements[0].Type != "background" || login.Elements[0].Line != run.Features[0].Background.Line {
		t.Fatalf("login: %s, first element %s at line %d; want its background first", login.URI, login.Elements[0].Type, login.Elements[0].Line)
	}
	bg, sc := login.Elements[0], login.Elements[1]
	if sc.Type != "scenario" || len(bg.Steps) != 2 || bg.Steps[0].Keyword != "Given " {
		t.Errorf("background %+v then %s", bg.Steps, sc.Type)
	}
	if len(sc.Tags) != 2 || sc.Tags[0].Name != "@login" || sc.Tags[0].Line != 1 || sc.Tags[1].Name != "@smoke" || sc.Tags[1].Line != 12 {
		t.Errorf("scenario tags %+v, want @login (line 1, the feature's) and @smoke (line 12)", sc.Tags)
	}
	if d := sc.Steps[0].Result.Duration; d != run.Features[0].Scenarios[0].Attempts[0].Steps[2].Duration.Nanoseconds() {
		t.Errorf("duration %d, want nanoseconds", d)
	}
	table := login.Elements[3].Steps[0] // "When I fill in:" of the second scenario
	if len(table.Rows) != 2 || len(table.Rows[0].Cells) != 2 {
		t.Errorf("data table rows %+v", table.Rows)
	}
	last := sc.Steps[len(sc.Steps)-1]
	if len(last.Output) != 1 || !strings.HasSuffix(last.Output[0], "screenshots/f1-s1-a1-01-login.jpg") {
		t.Errorf("screenshot output %q, want its path", last.Output)
	}
	statuses := map[string]int{}
	for _, f := range doc {
		for _, el := range f.Elements {
			for _, st := range el.Steps {
				statuses[st.Result.Status]++
				if st.Result.Status == "failed" && st.Result.Error == "" {
					t.Errorf("%s:%d failed without error_message", f.URI, st.Line)
				}
			}
		}
	}
	for _, s := range []string{"passed", "failed", "skipped", "undefined"} {
		if statuses[s] == 0 {
			t.Errorf("no step %s in the recorded run's cucumber.json: %v", s, statuses)
		}
	}
}

func TestCucumberDocStringAndEmbed(t *testing.T) {
	run := readTestRun(t)
	dir := writeReport(t, run)
	writeScreenshots(t, dir, run)
	doc := readCucumber(t, run, CucumberOptions{Embed: true, Dir: dir})
	shot := readBytes(t, filepath.Join(dir, "screenshots", "find-file-search-logo-1.jpg"))
	embedded, docs := 0, 0
	for _, f := range doc {
		for _, el := range f.Elements {
			for _, st := range el.Steps {
				if st.DocString != nil && st.DocString.Value != "" {
					docs++
				}
				for _, e := range st.Embeddings {
					data, err := base64.StdEncoding.DecodeString(e.Data)
					if err != nil || !bytes.Equal(data, shot) || e.MimeType != "image/jpeg" {
						t.Errorf("embedding %s: not the screenshot as base64 (%v)", e.MimeType, err)
					}
					embedded++
				}
			}
		}
	}
	if embedded == 0 || docs == 0 {
		t.Errorf("%d embeddings and %d doc strings, want some of each", embedded, docs)
	}
	plain := readBytes(t, filepath.Join(dir, CucumberFile)) // written without --cucumber-embed
	if bytes.Contains(plain, []byte(`"embeddings"`)) {
		t.Errorf("cucumber.json embeds screenshots without the option")
	}
}

// nodeModules is where make installs the npm packages the tests use.
func nodeModules(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("KUMITE_NODE_MODULES")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(home, ".cache", "kumite-tools", "npm", "node_modules")
	}
	if _, err := os.Stat(filepath.Join(dir, "multiple-cucumber-html-reporter", "package.json")); err != nil {
		t.Fatalf("multiple-cucumber-html-reporter is not installed in %s (make cucumber-reporter): %v", dir, err)
	}
	return dir
}

// TestCucumberJSONInARealConsumer renders cucumber.json of the recorded
// run with multiple-cucumber-html-reporter and checks the counts its
// features table shows against the run.
func TestCucumberJSONInARealConsumer(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node not found (make test needs Node.js): %v", err)
	}
	modules := nodeModules(t)
	run := readRun(t, "recorded")
	dir := writeReport(t, run)
	jsonDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(jsonDir, CucumberFile), readBytes(t, filepath.Join(dir, CucumberFile)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "cucumber-consumer.js"), modules, jsonDir, filepath.Join(t.TempDir(), "html"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("multiple-cucumber-html-reporter: %v\n%s", err, stderr.String())
	}
	var rendered struct {
		Rows []map[string]string `json:"rows"`
	}
	if err := json.Unmarshal(out, &rendered); err != nil {
		t.Fatalf("consumer output %q: %v", out, err)
	}
	if len(rendered.Rows) != len(run.Features) {
		t.Fatalf("rendered %d features, want %d: %s", len(rendered.Rows), len(run.Features), out)
	}
	num := func(row map[string]string, col string) int {
		n, _ := strconv.Atoi(row[col]) // a column the reporter leaves out is 0
		return n
	}
	var total, passed, failed, undefined int
	for i, row := range rendered.Rows {
		f := run.Features[i]
		if row["Feature name"] != f.Name {
			t.Errorf("row %d: %q, want %q", i, row["Feature name"], f.Name)
		}
		c := tally(f.Scenarios)
		if num(row, "Total") != c.Total || num(row, "Passed") != c.Passed+c.Flaky || num(row, "Failed") != c.Failed || num(row, "Undefined") != c.Undefined {
			t.Errorf("%s: rendered %v, want total %d passed %d failed %d undefined %d", f.Name, row, c.Total, c.Passed+c.Flaky, c.Failed, c.Undefined)
		}
		total += num(row, "Total")
		passed += num(row, "Passed")
		failed += num(row, "Failed")
		undefined += num(row, "Undefined")
	}
	c := run.Counts
	if total != c.Total || passed != c.Passed || failed != c.Failed || undefined != c.Undefined {
		t.Errorf("rendered %d scenarios (%d passed, %d failed, %d undefined), want %+v", total, passed, failed, undefined, c)
	}
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
