package runner

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/kumite/kumite/results"
)

// progress prints one line per finished scenario and the summary; on a
// terminal it keeps a live counter on the last line.
type progress struct {
	mu    sync.Mutex
	out   io.Writer
	tty   bool
	total int
	done  int
	fails int
}

func newProgress(out io.Writer, tty bool, total int) *progress {
	p := &progress{out: out, tty: tty, total: total}
	if tty {
		fmt.Fprintf(out, "[0/%d] running", total)
	}
	return p
}

var marks = map[results.Status]string{
	results.Passed: "✓", results.Flaky: "~", results.Failed: "✗", results.Skipped: "-",
	results.Undefined: "?", results.Ambiguous: "?", results.Pending: "?",
}

// scenario reports a finished attempt.
func (p *progress) scenario(uri string, s *results.Scenario, a *results.Attempt) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if a.Status != results.Passed {
		p.fails++
	}
	if p.tty {
		fmt.Fprint(p.out, "\r\033[K")
	}
	attempt := ""
	if a.Number > 1 {
		attempt = fmt.Sprintf(", attempt %d", a.Number)
	}
	ran := fmt.Sprintf("%s, worker %d%s", Seconds(a.Duration), a.Worker, attempt)
	if a.Worker == 0 {
		ran = "not run" + attempt // written wrong, or no browser session for it
	}
	fmt.Fprintf(p.out, "%s %-9s %s:%d %s (%s)\n", marks[a.Status], a.Status, uri, s.Line, s.Name, ran)
	if a.Status != results.Passed {
		printProblems(p.out, uri, a)
	}
	if p.tty {
		fmt.Fprintf(p.out, "[%d/%d] %d not passed", p.done, p.total, p.fails)
	}
}

// printProblems names each step of a that did not pass and was not merely
// skipped, wherever it is in the scenario, with its error and the closest
// known step; an attempt whose error is no step's (no browser session, a
// scenario without steps) prints that error.
func printProblems(w io.Writer, uri string, a *results.Attempt) {
	named := false
	for _, st := range a.Steps {
		switch st.Status {
		case results.Failed, results.Undefined, results.Ambiguous, results.Pending:
		default:
			continue
		}
		named = true
		fmt.Fprintf(w, "      %s:%d %s %s\n", uri, st.Line, st.Keyword, st.Text)
		printIndented(w, st.Error)
		if st.Suggestion != "" {
			fmt.Fprintf(w, "      did you mean: %s\n", st.Suggestion)
		}
	}
	if !named {
		printIndented(w, a.Error)
	}
}

func printIndented(w io.Writer, text string) {
	if text == "" {
		return
	}
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		fmt.Fprintf(w, "      %s\n", line)
	}
}

// printDryRun lists the scenarios of a dry run whose steps do not all
// match, as the progress of a run does: each such step, its line, its
// error and the closest known step.
func printDryRun(w io.Writer, run *results.Run) {
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			a := s.Final()
			if a == nil || a.Error == "" {
				continue
			}
			fmt.Fprintf(w, "%s %-9s %s:%d %s\n", marks[a.Status], a.Status, f.URI, s.Line, s.Name)
			printProblems(w, f.URI, a)
		}
	}
}

// summary prints the counts, the duration and where the report is.
func (p *progress) summary(run *results.Run, out string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprint(p.out, "\r\033[K")
	}
	printSummary(p.out, run, out)
}

func printSummary(w io.Writer, run *results.Run, out string) {
	c := run.Counts
	parts := []string{fmt.Sprintf("%d passed", c.Passed), fmt.Sprintf("%d failed", c.Failed)}
	if c.Flaky > 0 {
		parts = append(parts, fmt.Sprintf("%d flaky", c.Flaky))
	}
	if c.Undefined > 0 {
		parts = append(parts, fmt.Sprintf("%d undefined", c.Undefined))
	}
	if c.Skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped", c.Skipped))
	}
	fmt.Fprintf(w, "%d scenarios: %s (%s)\n", c.Total, strings.Join(parts, ", "), Seconds(run.Duration))
	if out != "" {
		fmt.Fprintf(w, "report: %s\n", filepath.Join(out, "index.html"))
	}
}

// Seconds formats a duration for people: 0.42 s, 12.3 s, 2 m 05 s.
func Seconds(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d m %02d s", int(d.Minutes()), int(d.Seconds())%60)
}
