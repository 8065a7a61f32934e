package main

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

// proc is what one sample saw of one process of the tree.
type proc struct {
	ticks int64  // CPU ticks it has used itself (utime+stime)
	kind  string // kumite, browser, renderer, gpu, utility, zygote, …
}

// tree is a process tree as /proc shows it at one moment.
type tree struct {
	pssKiB int64
	procs  map[int]proc
}

// sampleTree reads root and all its descendants: their summed Pss and,
// per process, the CPU ticks it used itself (the times of reaped children
// are left out, as the children are sampled themselves). kinds caches the
// kind of each pid, read once from its command line.
func sampleTree(root int, kinds map[int]string) tree {
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
	t := tree{procs: map[int]proc{}}
	stack := []int{root}
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		t.pssKiB += pss(pid)
		kind, ok := kinds[pid]
		if !ok || kind == "zygote" || kind == "other" {
			kind = "kumite"
			if pid != root {
				cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
				kind = processKind(cmdline)
			}
			// A child the zygote just forked shows the zygote's command
			// line until it takes its own, and one that is exiting shows none:
			// ask again.
			kinds[pid] = kind
		}
		t.procs[pid] = proc{ticks: ticks[pid], kind: kind}
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

// processKind names a process of Chrome's tree by its --type= switch
// (renderer, gpu, utility, zygote, …); Chrome's main process has none. A
// process that is not Chrome (a shell wrapper) is "other". Chrome's
// children rewrite their command line as one string, arguments separated
// by spaces, not NULs.
func processKind(cmdline []byte) string {
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

// usage adds up samples of one run's process tree.
type usage struct {
	ticks map[int]int64 // pid -> most CPU ticks seen
	kinds map[int]string
	pss   []pssSample
}

type pssSample struct {
	at  time.Duration
	kib int64
}

func newUsage() *usage { return &usage{ticks: map[int]int64{}, kinds: map[int]string{}} }

func (u *usage) add(at time.Duration, t tree) {
	u.pss = append(u.pss, pssSample{at, t.pssKiB})
	for pid, p := range t.procs {
		u.ticks[pid] = max(u.ticks[pid], p.ticks)
	}
}

// cpu is the CPU time of the whole tree and per process kind. kumite
// kills Chrome at the end, so Chrome never reaps its renderers and their
// CPU time never reaches kumite's rusage: each process counts with the
// CPU time it had at its last sample.
func (u *usage) cpu() (time.Duration, map[string]time.Duration) {
	by := map[string]time.Duration{}
	var total time.Duration
	for pid, n := range u.ticks {
		d := time.Duration(n) * time.Second / clockTicks
		by[u.kinds[pid]] += d
		total += d
	}
	return total, by
}

// peak is the highest Pss sampled, over the whole run and in its first
// and second half: a second half much above the first is memory that
// grows with the scenarios.
func (u *usage) peak(wall time.Duration) (all, first, second int64) {
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
