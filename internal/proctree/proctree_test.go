package proctree

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestKind(t *testing.T) {
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
		if got := Kind(cmdline); got != tt.want {
			t.Errorf("Kind(%q) = %q, want %q", tt.cmdline, got, tt.want)
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

// TestSampleSeesThisProcess: the sampler reads a real process (this
// test's) with its memory and CPU, and names the root as told; without
// memory, or in a CPU-only sample, it reads no Pss.
func TestSampleSeesThisProcess(t *testing.T) {
	// Spend some CPU, so that the sample has ticks to see.
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
	}
	tr := NewSampler(os.Getpid(), "kumite", true).Sample()
	if p := tr.Procs[os.Getpid()]; tr.PssKiB <= 0 || p.Kind != "kumite" || p.Ticks <= 0 {
		t.Errorf("Sample(self) = %d KiB, %v", tr.PssKiB, tr.Procs)
	}
	if tr := NewSampler(os.Getpid(), "browser", false).Sample(); tr.PssKiB != 0 || tr.Pss || tr.Procs[os.Getpid()].Kind != "browser" {
		t.Errorf("Sample(self) without memory = %d KiB (%v), %v", tr.PssKiB, tr.Pss, tr.Procs)
	}
	if tr := NewSampler(os.Getpid(), "kumite", true).SampleCPU(); tr.PssKiB != 0 || tr.Pss || tr.Procs[os.Getpid()].Ticks <= 0 {
		t.Errorf("SampleCPU(self) = %d KiB (%v), %v; want CPU only", tr.PssKiB, tr.Pss, tr.Procs)
	}
}

func TestCPUSince(t *testing.T) {
	before := Tree{Procs: map[int]Proc{1: {Ticks: 10, Kind: "browser"}, 2: {Ticks: 50, Kind: "renderer"}}}
	after := Tree{Procs: map[int]Proc{1: {Ticks: 13, Kind: "browser"}, 3: {Ticks: 5, Kind: "renderer"}}} // 2 exited, 3 started
	total, by := after.CPUSince(before)
	if total != 80*time.Millisecond || by["browser"] != 30*time.Millisecond || by["renderer"] != 50*time.Millisecond {
		t.Errorf("CPUSince = %v %v; want 80 ms: browser 30 ms, renderer 50 ms (the new process counts whole)", total, by)
	}
}

func TestUsage(t *testing.T) {
	u := NewUsage()
	u.Add(0, Tree{PssKiB: 100, Pss: true, Procs: map[int]Proc{1: {Ticks: 10, Kind: "kumite"}, 2: {Ticks: 50, Kind: "renderer"}}})
	u.Add(time.Second, Tree{PssKiB: 300, Pss: true, Procs: map[int]Proc{1: {Ticks: 20, Kind: "kumite"}, 3: {Ticks: 5, Kind: "renderer"}}}) // 2 exited
	u.Add(2*time.Second, Tree{Procs: map[int]Proc{1: {Ticks: 25, Kind: "kumite"}}})                                                        // CPU only: no Pss of 0
	u.Add(3*time.Second, Tree{PssKiB: 200, Pss: true, Procs: map[int]Proc{1: {Ticks: 30, Kind: "kumite"}}})
	total, by := u.CPU()
	if total != 850*time.Millisecond || by["kumite"] != 300*time.Millisecond || by["renderer"] != 550*time.Millisecond {
		t.Errorf("CPU = %v %v; want 0.85 s: kumite 0.3 s, renderer 0.55 s (an exited process counts its last sample)", total, by)
	}
	all, first, second := u.Peak(4 * time.Second)
	if all != 300 || first != 300 || second != 200 {
		t.Errorf("Peak = %d, %d, %d; want 300 overall, 300 in the first half, 200 in the second", all, first, second)
	}
}
