package reporter

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kumite/kumite/results"
)

// JUnitFile is the name of the JUnit XML report inside a report folder.
const JUnitFile = "junit.xml"

// The JUnit XML elements kumite writes: the subset of the Jenkins/Surefire
// schema (junit-10.xsd) that CodeBuild's JUNITXML parser reads. CodeBuild
// shows a testcase with <failure> as FAILED, with <error> as ERROR, with
// <skipped> as SKIPPED and any other as SUCCEEDED.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Hostname   string          `xml:"hostname,attr,omitempty"`
	File       string          `xml:"file,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

// junitText is element text written as CDATA, so that logs keep their
// lines; xmlText makes it valid XML 1.0.
type junitText struct {
	Text string `xml:",cdata"`
}

type junitProblem struct {
	Type    string `xml:"type,attr,omitempty"`
	Message string `xml:"message,attr,omitempty"`
	Text    string `xml:",cdata"`
}

// maxJUnitMessage bounds a failure's message attribute (CI views show it
// on one line); the whole error is in the element's text.
const maxJUnitMessage = 500

// WriteJUnit writes run as JUnit XML: one testsuite per feature, one
// testcase per scenario (each outline row is its own, named with its
// example), durations in seconds. A failed scenario has a <failure> whose
// text names the failing step's file:line; an undefined, ambiguous or
// pending one an <error> (it fails the run, so it must not read as
// skipped); a scenario that never ran <skipped>. A flaky scenario is a
// pass whose system-out lists every attempt. system-out holds the steps,
// their logs and the screenshots' paths relative to the report folder.
// Every time and duration comes from run.
func WriteJUnit(w io.Writer, run *results.Run) error {
	doc := junitSuites{Name: "kumite", Time: seconds(run.Duration)}
	for _, f := range run.Features {
		if f == nil {
			continue
		}
		s := junitSuiteOf(run, f)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write %s: %w", JUnitFile, err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write %s: %w", JUnitFile, err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write %s: %w", JUnitFile, err)
	}
	return nil
}

func junitSuiteOf(run *results.Run, f *results.Feature) junitSuite {
	s := junitSuite{
		Name:     orUnnamed(f.Name),
		Time:     seconds(f.Duration),
		Hostname: run.Env.Host,
		File:     f.URI,
		Properties: []junitProperty{
			{Name: "uri", Value: f.URI},
		},
	}
	for _, t := range f.Tags {
		s.Properties = append(s.Properties, junitProperty{Name: "tag", Value: t})
	}
	start := time.Time{}
	for _, sc := range scenarios(f) {
		if a := firstAttempt(sc); a != nil && !a.Start.IsZero() && (start.IsZero() || a.Start.Before(start)) {
			start = a.Start
		}
		c := junitCaseOf(f, sc)
		s.Tests++
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Error != nil:
			s.Errors++
		case c.Skipped != nil:
			s.Skipped++
		}
		s.Cases = append(s.Cases, c)
	}
	if start.IsZero() {
		start = run.Start
	}
	if !start.IsZero() {
		s.Timestamp = start.UTC().Format("2006-01-02T15:04:05")
	}
	return s
}

func junitCaseOf(f *results.Feature, s *results.Scenario) junitCase {
	c := junitCase{
		Name:      s.Name,
		Classname: orUnnamed(f.Name),
		Time:      seconds(s.Duration),
		SystemOut: &junitText{xmlText(junitLog(f, s))},
	}
	if strings.TrimSpace(c.Name) == "" {
		c.Name = fmt.Sprintf("%s:%d", f.URI, s.Line)
	}
	switch s.Status {
	case results.Passed, results.Flaky:
	case results.Skipped:
		c.Skipped = &junitProblem{Message: "not run"}
	case results.Undefined, results.Ambiguous, results.Pending:
		c.Error = junitProblemOf(f, s)
	default:
		c.Failure = junitProblemOf(f, s)
	}
	return c
}

// junitProblemOf describes why a scenario did not pass: the failing step
// with its file:line and its error.
func junitProblemOf(f *results.Feature, s *results.Scenario) *junitProblem {
	p := &junitProblem{Type: string(s.Status)}
	a := s.Final()
	if a == nil {
		p.Message = string(s.Status)
		return p
	}
	var text []string
	errText := a.Error
	if st := failingStep(a); st != nil {
		where := fmt.Sprintf("%s:%d", f.URI, st.Line)
		text = append(text, fmt.Sprintf("%s %s %s (%s)", st.Status, strings.TrimSpace(st.Keyword), st.Text, where))
		errText = st.Error
		if a.Error != "" && !strings.Contains(errText, a.Error) {
			errText = joinNonEmpty(errText, a.Error)
		}
		if st.Suggestion != "" {
			errText = joinNonEmpty(errText, "Suggestion:\n"+st.Suggestion)
		}
		first := firstLine(st.Error)
		if first == "" {
			first = fmt.Sprintf("%s step: %s %s", st.Status, strings.TrimSpace(st.Keyword), st.Text)
		}
		p.Message = first + " (" + where + ")"
	} else {
		p.Message = firstLine(a.Error)
	}
	if p.Message == "" {
		p.Message = string(s.Status)
	}
	p.Message, _ = truncate(p.Message, maxJUnitMessage)
	p.Text = xmlText(strings.Join(append(text, errText), "\n"))
	return p
}

// junitLog is a scenario's system-out: its tags, then every attempt with
// its steps, their errors, logs and screenshots.
func junitLog(f *results.Feature, s *results.Scenario) string {
	var b strings.Builder
	if len(s.Tags) > 0 {
		fmt.Fprintf(&b, "Tags: %s\n", strings.Join(s.Tags, " "))
	}
	fmt.Fprintf(&b, "Scenario: %s:%d\n", f.URI, s.Line)
	for _, a := range s.Attempts {
		if a == nil {
			continue
		}
		ownError := a.Error != ""
		fmt.Fprintf(&b, "Attempt %d of %d: %s in %s s (worker %d", a.Number, len(s.Attempts), a.Status, seconds(a.Duration), a.Worker)
		if a.Shard > 0 {
			fmt.Fprintf(&b, ", shard %d", a.Shard)
		}
		b.WriteString(")\n")
		for _, st := range a.Steps {
			if st == nil {
				continue
			}
			fmt.Fprintf(&b, "  %-9s %s %s (line %d", st.Status, strings.TrimSpace(st.Keyword), st.Text, st.Line)
			if st.Status != results.Skipped {
				fmt.Fprintf(&b, ", %s s", seconds(st.Duration))
			}
			b.WriteString(")\n")
			for _, l := range st.Logs {
				fmt.Fprintf(&b, "            %s %s: %s\n", l.Level, l.Source, indentRest(l.Text, "            "))
			}
			if st.Error != "" {
				fmt.Fprintf(&b, "            %s\n", indentRest(st.Error, "            "))
				ownError = ownError && !strings.Contains(st.Error, a.Error)
			}
			for _, at := range st.Attachments {
				fmt.Fprintf(&b, "            %s: %s\n", orDefault(at.Name, "attachment"), at.Path)
			}
		}
		if ownError {
			fmt.Fprintf(&b, "  %s\n", indentRest(a.Error, "  "))
		}
	}
	return b.String()
}

// seconds formats d as JUnit wants it: seconds with millisecond
// precision, never an exponent.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%.3f", d.Round(time.Millisecond).Seconds())
}

// xmlText replaces the characters XML 1.0 cannot hold (most control
// characters, lone surrogates, U+FFFE/U+FFFF) with U+FFFD.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}

func firstAttempt(s *results.Scenario) *results.Attempt {
	for _, a := range s.Attempts {
		if a != nil {
			return a
		}
	}
	return nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(line)
}

func indentRest(s, indent string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+indent)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
