package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

func TestStepKind(t *testing.T) {
	for text, want := range map[string]string{
		`I open "/late.html?delay=100"`:                                            `I open "…"`,
		`there should be 10 elements matching "#products tbody tr"`:                `there should be N elements matching "…"`,
		`"#msg" should have text "Welcome, \"alice\""`:                             `"…" should have text "…"`,
		`I take a screenshot`:                                                      `I take a screenshot`,
		`"(//table[@id='products']//tbody/tr)[1]/td[1]" should have text "Pencil"`: `"…" should have text "…"`,
	} {
		if got := stepKind(text); got != want {
			t.Errorf("stepKind(%s) = %s, want %s", text, got, want)
		}
	}
}

func TestBreakdown(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	step := func(text string, ms int) *results.Step {
		return &results.Step{Text: text, Duration: time.Duration(ms) * time.Millisecond}
	}
	run := &results.Run{Start: t0, End: at(1000), Features: []*results.Feature{{Scenarios: []*results.Scenario{
		{Attempts: []*results.Attempt{{Worker: 1, Start: at(300), End: at(500), Steps: []*results.Step{step(`I open "/a"`, 150), step("I take a screenshot", 50)}}}},
		{Attempts: []*results.Attempt{{Worker: 2, Start: at(320), End: at(420), Steps: []*results.Step{step(`I open "/b"`, 100)}}}},
		{Attempts: []*results.Attempt{{Worker: 1, Start: at(560), End: at(900), Steps: []*results.Step{step(`I open "/c"`, 200), step("I take a screenshot", 40)}}}},
	}}}}
	b := newBreakdown(run)
	if b.scenarios != 3 || b.startup != 300*time.Millisecond || b.finish != 100*time.Millisecond ||
		b.between != 60*time.Millisecond || b.gaps != 1 || b.inSteps != 540*time.Millisecond {
		t.Errorf("breakdown = %+v", b)
	}
	if s := b.steps[`I open "…"`]; s == nil || s.n != 3 || s.total != 450*time.Millisecond {
		t.Errorf(`I open "…" = %+v, want 3 steps, 450 ms`, s)
	}
	var out bytes.Buffer
	b.print(&out)
	for _, want := range []string{"180 ms in steps, 60 ms between scenarios", `150.0 ms per scenario  150.0 ms each  83.3%  I open "…"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("breakdown prints\n%s\nwant %q", out.String(), want)
		}
	}
	cpu := cpuLine(900*time.Millisecond, map[string]time.Duration{"renderer": 600 * time.Millisecond, "kumite": 300 * time.Millisecond}, 3)
	if cpu != "  CPU per scenario: 300 ms = renderer 200 + kumite 100" {
		t.Errorf("cpuLine = %q", cpu)
	}
}

func TestFeatureNumbersScenarios(t *testing.T) {
	f := feature(flows, 7)
	if strings.Count(f, "Scenario:") != 7 || !strings.Contains(f, "Scenario: find a file 6") || !strings.Contains(f, "Scenario: sign in 7") {
		t.Errorf("feature(7):\n%s", f)
	}
}

func TestMedianRun(t *testing.T) {
	m := func(wall, cpu float64) measurement {
		return measurement{wall: time.Duration(wall * float64(time.Second)), cpu: time.Duration(cpu * float64(time.Second))}
	}
	runs := []measurement{m(13.1, 19), m(10.9, 15.2), m(12.0, 17.5)}
	if got := median(runs); got.wall != runs[2].wall || got.cpu != runs[2].cpu {
		t.Errorf("median of 13.1, 10.9, 12.0 s = %v, want the 12.0 s run", got.wall)
	}
	if runs[0].wall != m(13.1, 19).wall {
		t.Errorf("median reordered the runs it was given")
	}
	if got := median(runs[:2]); got.wall != runs[1].wall {
		t.Errorf("median of two runs = %v, want the faster", got.wall)
	}
	if got, want := spread(runs), "  median of 3 runs: wall 13.10, 10.90, 12.00 s, CPU 19.00, 15.20, 17.50 s"; got != want {
		t.Errorf("spread = %q, want %q", got, want)
	}
}
