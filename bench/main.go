// Command bench measures `kumite run` on generated scenarios (mixed
// demo-site flows, one screenshot each): wall time, CPU seconds and peak
// memory of the whole process tree, Chrome included. `make bench` runs it.
//
//	go run ./bench -kumite bin/kumite -n 100 -workers 1,2
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// flows are the mixed demo-site scenarios, each with one screenshot.
var flows = []string{
	`  Scenario: find a file %d
    Given I open "/repo.html"
    When I click "{a}Go to file"
    Then I wait for the URL to contain "find"
    When I type "logo.png" into "input[name=query]"
    Then there should be at least 1 element matching "ul#tree-browser li[role=presentation]"
    And I take a screenshot
`,
	`  Scenario: sign in %d
    Given I open "/login.html"
    When I fill "#username" with "alice"
    And I fill "#password" with "s3cret"
    And I click "{}Sign in"
    Then "#msg" should have text "Welcome, alice"
    And I take a screenshot
`,
	`  Scenario: sort a table %d
    Given I open "/table.html"
    When I click "{th}Price"
    Then "(//table[@id='products']//tbody/tr)[1]/td[1]" should have text "Pencil"
    And there should be 10 elements matching "#products tbody tr"
    And I take a screenshot
`,
	`  Scenario: fill a form %d
    Given I open "/form.html"
    When I fill "#first-name" with "Ada"
    And I fill "#last-name" with "Lovelace"
    And I select "Blue" from "#color"
    And I check "#terms"
    And I click "{button}Submit"
    Then "#out-name" should have text "Ada Lovelace"
    And I take a screenshot
`,
	`  Scenario: wait for late content %d
    Given I open "/late.html?delay=100"
    When I click "{button}Load more"
    Then I wait for "#content" to be visible
    And I take a screenshot
`,
}

// karateFlows are the same flows in Karate's UI dialect, step for step,
// to compare the cost of a Karate step with a natural one.
var karateFlows = []string{
	`  Scenario: find a file %d
    * driver baseUrl + '/repo.html'
    * click('{a}Go to file')
    * waitForUrl('find')
    * input('input[name=query]', 'logo.png')
    * waitFor('ul#tree-browser li[role=presentation]')
    * screenshot()
`,
	`  Scenario: sign in %d
    * driver baseUrl + '/login.html'
    * value('#username', 'alice')
    * value('#password', 's3cret')
    * click('{}Sign in')
    * waitForText('#msg', 'Welcome, alice')
    * screenshot()
`,
	`  Scenario: sort a table %d
    * driver baseUrl + '/table.html'
    * click('{th}Price')
    * waitForText("(//table[@id='products']//tbody/tr)[1]/td[1]", 'Pencil')
    * match locateAll('#products tbody tr').length == 10
    * screenshot()
`,
	`  Scenario: fill a form %d
    * driver baseUrl + '/form.html'
    * value('#first-name', 'Ada')
    * value('#last-name', 'Lovelace')
    * select('#color', '{}Blue')
    * click('#terms')
    * click('{button}Submit')
    * waitForText('#out-name', 'Ada Lovelace')
    * screenshot()
`,
	`  Scenario: wait for late content %d
    * driver baseUrl + '/late.html?delay=100'
    * click('{button}Load more')
    * waitFor('#content')
    * screenshot()
`,
}

func main() {
	kumite := flag.String("kumite", "bin/kumite", "the kumite binary to measure")
	n := flag.Int("n", 100, "scenarios to generate")
	workerList := flag.String("workers", "1,2", "worker counts to run, comma-separated")
	site := flag.String("serve", "demo/site", "the site to serve")
	dialects := flag.String("dialects", "natural,karate", "step dialects to measure, comma-separated: natural, karate")
	flag.Parse()

	dir, err := os.MkdirTemp("", "kumite-bench-")
	check(err)
	defer os.RemoveAll(dir)
	fmt.Printf("kumite bench: %d generated scenarios (%d mixed demo-site flows, one screenshot each)\n", *n, len(flows))
	fmt.Printf("machine: %s\n\n", machine())
	fmt.Printf("%-42s %10s %10s %12s %s\n", "run", "wall", "CPU", "peak PSS", "result")
	for _, d := range strings.Split(*dialects, ",") {
		fl := flows
		if d == "karate" {
			fl = karateFlows
		}
		many := filepath.Join(dir, d+"-mixed.feature")
		check(os.WriteFile(many, []byte(feature(fl, *n)), 0o644))
		one := filepath.Join(dir, d+"-one.feature")
		check(os.WriteFile(one, []byte(feature(fl, 1)), 0o644))
		for _, w := range strings.Split(*workerList, ",") {
			run(*kumite, *site, dir, many, w).print(fmt.Sprintf("%s: %d scenarios, %s worker(s)", d, *n, w))
		}
		// One scenario is about a second: take the best of five, as a single
		// run on a shared machine says more about the machine than kumite.
		best := measurement{wall: time.Hour}
		for range 5 {
			if m := run(*kumite, *site, dir, one, "1"); m.wall < best.wall {
				best = m
			}
		}
		best.print(d + ": 1 scenario, 1 worker (best of 5)")
	}
}

func feature(flows []string, n int) string {
	var b strings.Builder
	b.WriteString("Feature: generated mixed flows\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, flows[i%len(flows)], i+1)
		b.WriteString("\n")
	}
	return b.String()
}

// measurement is what one run of kumite cost.
type measurement struct {
	wall, cpu time.Duration
	peakKiB   int64
	result    string
}

func (m measurement) print(label string) {
	fmt.Printf("%-42s %9.2fs %9.2fs %9.0f MiB %s\n", label, m.wall.Seconds(), m.cpu.Seconds(), float64(m.peakKiB)/1024, m.result)
}

// run runs kumite once and measures wall time, CPU seconds (user+system of
// kumite and every process under it, Chrome's included, sampled every
// 100 ms) and the peak proportional set size of the process tree.
func run(kumite, site, dir, featureFile, workers string) measurement {
	out := filepath.Join(dir, "report-"+workers)
	cmd := exec.Command(kumite, "run", "--serve", site, "--workers", workers, "--out", out, featureFile)
	var stdout strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stdout
	start := time.Now()
	check(cmd.Start())
	var peak int64
	ticks := map[int]int64{} // pid -> CPU ticks last seen, itself and its reaped children
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Go(func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			kb, cpu := treeSample(cmd.Process.Pid)
			if kb > peak {
				peak = kb
			}
			for pid, n := range cpu {
				ticks[pid] = max(ticks[pid], n)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	wg.Wait()
	// kumite kills Chrome at the end, so Chrome never reaps its renderers
	// and their CPU time never reaches kumite's rusage: add up the CPU time
	// each process of the tree had at its last sample instead.
	var sampled int64
	for _, n := range ticks {
		sampled += n
	}
	cpu := time.Duration(sampled) * time.Second / clockTicks
	result := lastLine(stdout.String(), "scenarios:")
	if err != nil {
		result += " (" + err.Error() + ")"
	}
	return measurement{wall: wall, cpu: cpu, peakKiB: peak, result: result}
}

func lastLine(s, contains string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], contains) {
			return strings.TrimSpace(lines[i])
		}
	}
	return "no summary line"
}

// clockTicks is USER_HZ, the unit of the CPU times in /proc/PID/stat.
const clockTicks = 100

// treeSample sums the Pss (KiB) of root and all its descendants and
// returns the CPU ticks each has used itself (utime+stime; the times of
// reaped children are left out, as the children are sampled themselves).
func treeSample(root int) (int64, map[int]int64) {
	children := map[int][]int{}
	cpu := map[int]int64{}
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
		// The fields after the ")" of the command name: state, ppid, …
		s := string(stat)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(fields) > 12 {
			ppid, _ := strconv.Atoi(fields[1])
			children[ppid] = append(children[ppid], pid)
			utime, _ := strconv.ParseInt(fields[11], 10, 64)
			stime, _ := strconv.ParseInt(fields[12], 10, 64)
			cpu[pid] = utime + stime
		}
	}
	var total int64
	tree := map[int]int64{}
	stack := []int{root}
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		total += pss(pid)
		tree[pid] = cpu[pid]
		stack = append(stack, children[pid]...)
	}
	return total, tree
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

func machine() string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if f := strings.Fields(strings.SplitN(string(data), "\n", 2)[0]); len(f) > 1 {
			kb, _ := strconv.ParseFloat(f[1], 64)
			mem = fmt.Sprintf(", %.0f GiB", kb/1024/1024)
		}
	}
	host, _ := os.Hostname()
	return fmt.Sprintf("%s, %d cores (%s)%s, %s", host, nprocs(), cpu, mem, chromium())
}

func nprocs() int {
	data, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(data), "processor\t:")
}

func chromium() string {
	out, err := exec.Command("chromium", "--version").Output()
	if err != nil {
		return "chromium not on PATH"
	}
	return strings.TrimSpace(string(out))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
