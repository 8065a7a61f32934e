package main

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/kumite/kumite/results"
)

// breakdown is where the scenarios of one run spent their wall time, read
// from its results.json.
type breakdown struct {
	scenarios int
	inSteps   time.Duration        // the sum of every scenario's steps
	steps     map[string]*stepTime // step kind -> time
	between   time.Duration        // the sum of the gaps between a worker's scenarios (reset, hooks)
	gaps      int                  // how many gaps
	startup   time.Duration        // run start to the first scenario's start
	finish    time.Duration        // the last scenario's end to the run's end
}

type stepTime struct {
	total time.Duration
	n     int
}

var (
	quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	number = regexp.MustCompile(`\b\d+\b`)
)

// stepKind is a step's text with its arguments left out, e.g. `I open "…"`.
func stepKind(text string) string {
	return number.ReplaceAllString(quoted.ReplaceAllString(text, `"…"`), "N")
}

func newBreakdown(run *results.Run) breakdown {
	b := breakdown{steps: map[string]*stepTime{}}
	last := map[int]*results.Attempt{} // per worker
	var attempts []*results.Attempt
	var lastEnd time.Time
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			attempts = append(attempts, s.Attempts...)
		}
	}
	slices.SortFunc(attempts, func(a, b *results.Attempt) int { return a.Start.Compare(b.Start) })
	for i, a := range attempts {
		b.scenarios++
		if i == 0 {
			b.startup = a.Start.Sub(run.Start)
		}
		if prev := last[a.Worker]; prev != nil {
			b.between += a.Start.Sub(prev.End)
			b.gaps++
		}
		last[a.Worker] = a
		if a.End.After(lastEnd) {
			lastEnd = a.End
		}
		for _, st := range a.Steps {
			k := stepKind(st.Text)
			if b.steps[k] == nil {
				b.steps[k] = &stepTime{}
			}
			b.steps[k].total += st.Duration
			b.steps[k].n++
			b.inSteps += st.Duration
		}
	}
	if b.scenarios > 0 {
		b.finish = run.End.Sub(lastEnd)
	}
	return b
}

// print writes the mean time per scenario in steps and between scenarios,
// then each step kind by its share of the steps' time.
func (b breakdown) print(w io.Writer) {
	if b.scenarios == 0 {
		return
	}
	per := func(d time.Duration, n int) float64 { return d.Seconds() * 1000 / float64(max(n, 1)) }
	fmt.Fprintf(w, "  wall per scenario: %.0f ms in steps, %.0f ms between scenarios on a worker (reset); start %.0f ms to the first scenario, %.0f ms from the last to the run's end\n",
		per(b.inSteps, b.scenarios), per(b.between, b.gaps), per(b.startup, 1), per(b.finish, 1))
	kinds := make([]string, 0, len(b.steps))
	for k := range b.steps {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(x, y string) int { return int(b.steps[y].total - b.steps[x].total) })
	for _, k := range kinds {
		s := b.steps[k]
		fmt.Fprintf(w, "    %6.1f ms per scenario  %5.1f ms each  %4.1f%%  %s\n",
			per(s.total, b.scenarios), per(s.total, s.n), 100*s.total.Seconds()/b.inSteps.Seconds(), k)
	}
}

// cpuLine says the CPU seconds per scenario, whole tree and per process
// kind, largest first.
func cpuLine(total time.Duration, by map[string]time.Duration, scenarios int) string {
	kinds := make([]string, 0, len(by))
	for k := range by {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(x, y string) int { return int(by[y] - by[x]) })
	parts := make([]string, 0, len(kinds))
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s %.0f", k, by[k].Seconds()*1000/float64(scenarios)))
	}
	return fmt.Sprintf("  CPU per scenario: %.0f ms = %s", total.Seconds()*1000/float64(scenarios), strings.Join(parts, " + "))
}
