// Command bench measures `kumite run` on generated scenarios (mixed
// demo-site flows, one screenshot each), on each browser: wall time, CPU
// seconds and peak memory of the whole process tree, Chrome included, and
// where a scenario's time and CPU go. Each measurement of -n scenarios is the
// median of -repeat runs; one scenario, the best of -best. `make bench`
// runs it.
//
//	go run ./bench -kumite bin/kumite -n 100 -workers 1,2
//	go run ./bench -kumite bin/kumite -large 1000   # also 1,000 scenarios: linear wall, flat memory?
package main

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kumite/kumite/browser"
	"github.com/kumite/kumite/internal/proctree"
	"github.com/kumite/kumite/results"
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
	large := flag.Int("large", 0, "also run this many scenarios on the last worker count, to check that wall time grows linearly and memory stays flat (e.g. 1000)")
	browsers := flag.String("browsers", "", "browser executables to measure, comma-separated (default: the headless shell and the full browser kumite finds)")
	best := flag.Int("best", 5, "1-scenario runs to take the best of")
	repeat := flag.Int("repeat", 3, "runs of each -n-scenario measurement to take the median of (the -large one runs once)")
	site := flag.String("serve", "demo/site", "the site to serve")
	dialects := flag.String("dialects", "natural,karate", "step dialects to measure, comma-separated: natural, karate")
	flag.Parse()

	dir, err := os.MkdirTemp("", "kumite-bench-")
	check(err)
	defer os.RemoveAll(dir)
	fmt.Printf("kumite bench: generated scenarios (%d mixed demo-site flows, one screenshot each)\n", len(flows))
	fmt.Printf("machine: %s\n", machine())
	workers := strings.Split(*workerList, ",")
	for _, b := range browserList(*browsers) {
		fmt.Printf("\nbrowser: %s (%s)\n", b, version(b))
		fmt.Printf("%-42s %10s %10s %12s %s\n", "run", "wall", "CPU", "peak PSS", "result")
		for _, d := range strings.Split(*dialects, ",") {
			fl := flows
			if d == "karate" {
				fl = karateFlows
			}
			one := writeFeature(dir, d, fl, 1)
			many := writeFeature(dir, d, fl, *n)
			var last measurement
			for _, w := range workers {
				runs := make([]measurement, max(*repeat, 1))
				for i := range runs {
					runs[i] = run(*kumite, b, *site, dir, many, w)
				}
				last = median(runs)
				last.print(fmt.Sprintf("%s: %d scenarios, %s worker(s)", d, *n, w))
				if len(runs) > 1 {
					fmt.Println(spread(runs))
				}
				fmt.Println(cpuLine(last.cpu, last.cpuBy, *n))
				if last.run != nil {
					newBreakdown(last.run).print(os.Stdout)
				}
			}
			// One scenario is about a second: take the best of five, as a single
			// run on a shared machine says more about the machine than kumite.
			fast := measurement{wall: time.Hour}
			for range *best {
				if m := run(*kumite, b, *site, dir, one, "1"); m.wall < fast.wall {
					fast = m
				}
			}
			fast.print(fmt.Sprintf("%s: 1 scenario, 1 worker (best of %d)", d, *best))
			fmt.Println(fast.phases())
			if *large > 0 && d == "natural" {
				w := workers[len(workers)-1]
				m := run(*kumite, b, *site, dir, writeFeature(dir, d, fl, *large), w)
				m.print(fmt.Sprintf("%s: %d scenarios, %s worker(s)", d, *large, w))
				fmt.Println(cpuLine(m.cpu, m.cpuBy, *large))
				fmt.Printf("  %.2fx the wall time of %d scenarios (linear: %.1fx); peak PSS %.0f MiB in the first half, %.0f MiB in the second\n",
					m.wall.Seconds()/last.wall.Seconds(), *n, float64(*large)/float64(*n), float64(m.peakFirst)/1024, float64(m.peakSecond)/1024)
			}
		}
	}
}

// median is the run of median wall time (of an even number, the faster of
// the middle two): a shared machine can slow one run of several by a
// third, and a single run would say more about the machine than kumite.
func median(runs []measurement) measurement {
	sorted := slices.Clone(runs)
	slices.SortFunc(sorted, func(a, b measurement) int { return cmp.Compare(a.wall, b.wall) })
	return sorted[(len(sorted)-1)/2]
}

// spread says what the runs a median was taken of measured, in their order.
func spread(runs []measurement) string {
	var walls, cpus []string
	for _, m := range runs {
		walls = append(walls, fmt.Sprintf("%.2f", m.wall.Seconds()))
		cpus = append(cpus, fmt.Sprintf("%.2f", m.cpu.Seconds()))
	}
	return fmt.Sprintf("  median of %d runs: wall %s s, CPU %s s", len(runs), strings.Join(walls, ", "), strings.Join(cpus, ", "))
}

// writeFeature writes a feature of n scenarios generated from flows into dir.
func writeFeature(dir, dialect string, flows []string, n int) string {
	path := filepath.Join(dir, fmt.Sprintf("%s-mixed-%d.feature", dialect, n))
	check(os.WriteFile(path, []byte(feature(flows, n)), 0o644))
	return path
}

// browserList is the browsers to measure: those given, else what kumite
// runs headless by default and the full browser, once each.
func browserList(given string) []string {
	if given != "" {
		return strings.Split(given, ",")
	}
	var list []string
	for _, headless := range []bool{true, false} {
		if p, err := browser.Find("", headless); err == nil && (len(list) == 0 || list[0] != p) {
			list = append(list, p)
		}
	}
	if len(list) == 0 {
		check(fmt.Errorf("no browser found: %w", browser.ErrNoBrowser))
	}
	return list
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
	wall, cpu             time.Duration
	cpuBy                 map[string]time.Duration // per process kind
	peakKiB               int64
	peakFirst, peakSecond int64
	result                string
	run                   *results.Run // its results.json, nil if unreadable
	started               time.Time    // when kumite was started
}

// phases says where the wall time of a run went, from the start of the
// process to its exit: up to the run's start (Go's start, configuration,
// reading the features), up to the first scenario (Chrome's start, which
// began with the reading, and a browser context), the scenarios, up to
// the run's end, and up to the exit (the report, Chrome's shutdown).
func (m measurement) phases() string {
	if m.run == nil {
		return "  phases: no results.json"
	}
	var first, last time.Time
	for _, f := range m.run.Features {
		for _, sc := range f.Scenarios {
			for _, a := range sc.Attempts {
				if first.IsZero() || a.Start.Before(first) {
					first = a.Start
				}
				if a.End.After(last) {
					last = a.End
				}
			}
		}
	}
	if first.IsZero() {
		return "  phases: no scenario ran"
	}
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 }
	exit := m.started.Add(m.wall)
	return fmt.Sprintf("  phases: %.0f ms to the run's start (Go, configuration, features), %.0f ms to the first scenario (Chrome, a context), %.0f ms of scenarios, %.0f ms to the run's end, %.0f ms to the exit (report, Chrome's shutdown)",
		ms(m.run.Start.Sub(m.started)), ms(first.Sub(m.run.Start)), ms(last.Sub(first)), ms(m.run.End.Sub(last)), ms(exit.Sub(m.run.End)))
}

func (m measurement) print(label string) {
	fmt.Printf("%-42s %9.2fs %9.2fs %9.0f MiB %s\n", label, m.wall.Seconds(), m.cpu.Seconds(), float64(m.peakKiB)/1024, m.result)
}

// pssEvery is how many CPU samples (100 ms apart) there are to one of
// memory. Reading every process's Pss costs about 18 ms of CPU with two
// workers: at every sample the bench took a fifth of one of the 2 cores
// from the run it measures. Every other sample, the peak of a 100-scenario
// run read at most 3 MiB (1%) lower (every 5th, up to 11 MiB).
const pssEvery = 2

// run runs kumite once on browserPath and measures wall time (process start
// to exit, after the report is written), CPU seconds (user+system of kumite
// and every process under it, Chrome's included, sampled every 100 ms) and
// the peak proportional set size of the process tree (every 200 ms).
func run(kumite, browserPath, site, dir, featureFile, workers string) measurement {
	out := filepath.Join(dir, "report-"+workers)
	cmd := exec.Command(kumite, "run", "--browser", browserPath, "--serve", site, "--workers", workers, "--out", out, featureFile)
	var stdout strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stdout
	start := time.Now()
	check(cmd.Start())
	u := proctree.NewUsage()
	sampler := proctree.NewSampler(cmd.Process.Pid, "kumite", true)
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Go(func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for i := 0; ; i++ {
			if i%pssEvery == 0 {
				u.Add(time.Since(start), sampler.Sample())
			} else {
				u.Add(time.Since(start), sampler.SampleCPU())
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
	m := measurement{wall: wall, result: lastLine(stdout.String(), "scenarios:"), started: start}
	m.cpu, m.cpuBy = u.CPU()
	m.peakKiB, m.peakFirst, m.peakSecond = u.Peak(wall)
	if err != nil {
		m.result += " (" + err.Error() + ")"
	}
	if r, err := results.Read(out); err == nil {
		m.run = r
	}
	return m
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
			var kb float64
			fmt.Sscan(f[1], &kb)
			mem = fmt.Sprintf(", %.0f GiB", kb/1024/1024)
		}
	}
	load := ""
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = ", load average " + strings.Join(strings.Fields(string(data))[:3], " ")
	}
	host, _ := os.Hostname()
	return fmt.Sprintf("%s, %d cores (%s)%s%s", host, nprocs(), cpu, mem, load)
}

func nprocs() int {
	data, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(data), "processor\t:")
}

// version is what the browser says it is.
func version(path string) string {
	out, err := exec.Command(path, "--version").Output()
	if err != nil {
		return "no version: " + err.Error()
	}
	return strings.TrimSpace(string(out))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
