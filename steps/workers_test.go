package steps_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

// TestWorkersFocusAndCrash runs testdata/workers.feature with two workers:
// the pages of both workers behave as a focused window (before, only the
// worker on Chrome's first tab did), a renderer crash fails its scenario
// at once with "the page crashed", and the worker it ran on goes on with a
// fresh page.
func TestWorkersFocusAndCrash(t *testing.T) {
	t.Parallel()
	const timeout = 10 * time.Second
	fr := runFeature(t, "workers.feature", timeout, 2)
	var crash *results.Scenario
	workers := map[int]int{} // worker -> focus scenarios passed
	for name, s := range scenarios(t, fr.run) {
		a := s.Final()
		if a == nil {
			t.Fatalf("scenario %q did not run", name)
		}
		if strings.HasPrefix(name, "a renderer crash") {
			crash = s
			continue
		}
		if s.Status != results.Passed {
			t.Errorf("scenario %q (worker %d) %s:\n%s", name, a.Worker, s.Status, describe(s))
			continue
		}
		workers[a.Worker]++
	}
	if len(workers) != 2 {
		t.Errorf("the focus scenarios ran on workers %v, want both workers", workers)
	}
	if crash == nil {
		t.Fatal("the crash scenario did not run")
	}
	a := crash.Final()
	last := a.Steps[len(a.Steps)-1]
	if crash.Status != results.Failed || !strings.Contains(last.Error, "the page crashed") {
		t.Errorf("the crash scenario is %s, want failed with \"the page crashed\":\n%s", crash.Status, describe(crash))
	}
	if d := last.Duration; d >= timeout/2 {
		t.Errorf("the crash took %v to be reported, want at once (the step timeout is %v)", d, timeout)
	}
	if workers[a.Worker] == 0 {
		t.Errorf("worker %d, which crashed, ran no scenario after the crash", a.Worker)
	}
}
