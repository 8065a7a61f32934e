package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

func TestProcessKind(t *testing.T) {
	tests := []struct {
		cmdline []string
		want    string
	}{
		{[]string{"/usr/lib/chromium/chromium-headless-shell", "--headless", "--remote-debugging-pipe", "about:blank"}, "browser"},
		{[]string{"/usr/lib/chromium/chromium", "--type=renderer", "--lang=en-US"}, "renderer"},
		{[]string{"/usr/lib/chromium/chromium-headless-shell", "--type=gpu-process", "--no-sandbox"}, "gpu"},
		{[]string{"/usr/lib/chromium/chromium", "--type=utility", "--utility-sub-type=network.mojom.NetworkService"}, "utility"},
		{[]string{"/opt/google/chrome/chrome", "--type=zygote"}, "zygote"},
		{[]string{"/bin/sh", "-e", "/usr/bin/chromium-headless-shell", "--remote-debugging-pipe"}, "other"},
		{[]string{"/usr/lib/chromium/chromium-headless-shell --type=renderer --lang=en-US --num-raster-threads=1"}, "renderer"},
		{nil, "other"},
	}
	for _, tt := range tests {
		cmdline := []byte(strings.Join(tt.cmdline, "\x00") + "\x00")
		if got := processKind(cmdline); got != tt.want {
			t.Errorf("processKind(%q) = %q, want %q", tt.cmdline, got, tt.want)
		}
	}
}

func TestParseStat(t *testing.T) {
	// A command name with spaces and a ")" must not shift the fields.
	stat := "4242 (chrom (x) y) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 31 0 0 20 0 1 0 99 1000 10"
	ppid, ticks, ok := parseStat(stat)
	if !ok || ppid != 17 || ticks != 281 {
		t.Errorf("parseStat = %d, %d, %v; want ppid 17, 250+31 ticks", ppid, ticks, ok)
	}
	if _, _, ok := parseStat("4242 (short) S 17"); ok {
		t.Error("parseStat of a cut line = ok")
	}
}

// TestSampleTreeSeesThisProcess: the sampler reads a real process (this
// test's) with its memory, and names the root kumite.
func TestSampleTreeSeesThisProcess(t *testing.T) {
	tr := sampleTree(os.Getpid(), map[int]string{})
	if tr.pssKiB <= 0 || tr.procs[os.Getpid()].kind != "kumite" {
		t.Errorf("sampleTree(self) = %d KiB, %v", tr.pssKiB, tr.procs)
	}
}

func TestUsage(t *testing.T) {
	u := newUsage()
	u.kinds = map[int]string{1: "kumite", 2: "renderer", 3: "renderer"}
	u.add(0, tree{pssKiB: 100, procs: map[int]proc{1: {ticks: 10}, 2: {ticks: 50}}})
	u.add(time.Second, tree{pssKiB: 300, procs: map[int]proc{1: {ticks: 20}, 3: {ticks: 5}}}) // 2 exited
	u.add(3*time.Second, tree{pssKiB: 200, procs: map[int]proc{1: {ticks: 30}}})
	total, by := u.cpu()
	if total != 850*time.Millisecond || by["kumite"] != 300*time.Millisecond || by["renderer"] != 550*time.Millisecond {
		t.Errorf("cpu = %v %v; want 0.85 s: kumite 0.3 s, renderer 0.55 s (an exited process counts its last sample)", total, by)
	}
	all, first, second := u.peak(4 * time.Second)
	if all != 300 || first != 300 || second != 200 {
		t.Errorf("peak = %d, %d, %d; want 300 overall, 300 in the first half, 200 in the second", all, first, second)
	}
}

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
