// Package proctree reads the CPU time and memory of a process and all its
// descendants from /proc (Linux), each process named by its kind: what
// make bench and browser's cost benchmark measure kumite and Chrome with.
// CPU time, unlike wall time, says the same on a busy machine.
package proctree

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// clockTicks is USER_HZ, the unit of the CPU times in /proc/PID/stat.
const clockTicks = 100

// Proc is what one sample saw of one process of the tree.
type Proc struct {
	Ticks int64  // CPU ticks it has used itself (utime+stime)
	Kind  string // the root's kind, or browser, renderer, gpu, utility, zygote, …
}

// CPU is the CPU time the process used up to the sample.
func (p Proc) CPU() time.Duration { return time.Duration(p.Ticks) * time.Second / clockTicks }

// Tree is a process tree as /proc shows it at one moment.
type Tree struct {
	PssKiB int64 // summed proportional set size, when Pss
	Pss    bool  // the sample read memory
	Procs  map[int]Proc
}

// CPUSince is the CPU time the tree's processes used since before, in
// total and per kind. A process that exited in between is not counted.
func (t Tree) CPUSince(before Tree) (total time.Duration, by map[string]time.Duration) {
	by = map[string]time.Duration{}
	for pid, p := range t.Procs {
		d := p.CPU() - before.Procs[pid].CPU()
		by[p.Kind] += d
		total += d
	}
	return total, by
}

// Sampler reads one process tree again and again; it remembers the kind
// of each process, read once from its command line.
type Sampler struct {
	root     int
	rootKind string
	memory   bool
	kinds    map[int]string
}

// NewSampler samples root and its descendants; rootKind names the root
// (kumite, or browser when the root is Chrome). With memory, each sample
// also reads every process's Pss, which costs more.
func NewSampler(root int, rootKind string, memory bool) *Sampler {
	return &Sampler{root: root, rootKind: rootKind, memory: memory, kinds: map[int]string{}}
}

// Sample reads the tree: per process, the CPU ticks it used itself (the
// times of reaped children are left out, as the children are sampled
// themselves), and the summed Pss if the sampler reads memory.
func (s *Sampler) Sample() Tree { return s.sample(s.memory) }

// SampleCPU is Sample without the memory, which costs ten times more
// (the kernel walks each process's page tables for its Pss: about 18 ms
// of CPU for kumite's and Chrome's processes with two workers).
func (s *Sampler) SampleCPU() Tree { return s.sample(false) }

func (s *Sampler) sample(memory bool) Tree {
	children := map[int][]int{}
	ticks := map[int]int64{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		ppid, n, ok := parseStat(string(stat))
		if ok {
			children[ppid] = append(children[ppid], pid)
			ticks[pid] = n
		}
	}
	t := Tree{Procs: map[int]Proc{}, Pss: memory}
	stack := []int{s.root}
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if memory {
			t.PssKiB += pss(pid)
		}
		kind, ok := s.kinds[pid]
		if !ok || kind == "zygote" || kind == "other" {
			kind = s.rootKind
			if pid != s.root {
				cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
				kind = Kind(cmdline)
			}
			// A child the zygote just forked shows the zygote's command
			// line until it takes its own, and one that is exiting shows none:
			// ask again.
			s.kinds[pid] = kind
		}
		t.Procs[pid] = Proc{Ticks: ticks[pid], Kind: kind}
		stack = append(stack, children[pid]...)
	}
	return t
}

// parseStat reads the parent pid and the CPU ticks (utime+stime) from the
// text of /proc/PID/stat.
func parseStat(s string) (ppid int, ticks int64, ok bool) {
	// The fields after the ")" of the command name: state, ppid, …
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, 0, false
	}
	fields := strings.Fields(s[i+1:])
	if len(fields) <= 12 {
		return 0, 0, false
	}
	ppid, err1 := strconv.Atoi(fields[1])
	utime, err2 := strconv.ParseInt(fields[11], 10, 64)
	stime, err3 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, 0, false
	}
	return ppid, utime + stime, true
}

// Kind names a process of Chrome's tree by its --type= switch (renderer,
// gpu, utility, zygote, …); Chrome's main process has none and is
// "browser". A process that is not Chrome (a shell wrapper) is "other".
// Chrome's children rewrite their command line as one string, arguments
// separated by spaces, not NULs.
func Kind(cmdline []byte) string {
	args := strings.Fields(strings.ReplaceAll(string(cmdline), "\x00", " "))
	if len(args) == 0 || !strings.Contains(filepath.Base(args[0]), "chrom") {
		return "other"
	}
	for _, a := range args[1:] {
		if typ, ok := strings.CutPrefix(a, "--type="); ok {
			return strings.TrimSuffix(typ, "-process")
		}
	}
	return "browser"
}

func pss(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "Pss:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb
		}
	}
	return 0
}

// Usage adds up the samples of one run's process tree.
type Usage struct {
	ticks map[int]int64 // pid -> most CPU ticks seen
	kinds map[int]string
	pss   []pssSample
}

type pssSample struct {
	at  time.Duration
	kib int64
}

// NewUsage returns an empty Usage.
func NewUsage() *Usage { return &Usage{ticks: map[int]int64{}, kinds: map[int]string{}} }

// Add records a sample taken at the given time since the run's start.
func (u *Usage) Add(at time.Duration, t Tree) {
	if t.Pss {
		u.pss = append(u.pss, pssSample{at, t.PssKiB})
	}
	for pid, p := range t.Procs {
		u.ticks[pid] = max(u.ticks[pid], p.Ticks)
		u.kinds[pid] = p.Kind
	}
}

// CPU is the CPU time of the whole tree and per process kind. kumite
// kills Chrome at the end, so Chrome never reaps its renderers and their
// CPU time never reaches kumite's rusage: each process counts with the
// CPU time it had at its last sample.
func (u *Usage) CPU() (time.Duration, map[string]time.Duration) {
	by := map[string]time.Duration{}
	var total time.Duration
	for pid, n := range u.ticks {
		d := time.Duration(n) * time.Second / clockTicks
		by[u.kinds[pid]] += d
		total += d
	}
	return total, by
}

// Peak is the highest Pss sampled, over the whole run and in its first
// and second half: a second half much above the first is memory that
// grows with the scenarios.
func (u *Usage) Peak(wall time.Duration) (all, first, second int64) {
	for _, s := range u.pss {
		all = max(all, s.kib)
		if s.at < wall/2 {
			first = max(first, s.kib)
		} else {
			second = max(second, s.kib)
		}
	}
	return all, first, second
}
