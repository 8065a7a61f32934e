//go:build unix

package reporter

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var barLink = regexp.MustCompile(`<a href="(features/[^"#]+\.html)#([^"]+)"><rect [^>]*class="bar st-`)

func TestTimelineRendersInChromium(t *testing.T) {
	t.Parallel()
	chromium := findChromium(t)
	run := readTestRun(t)
	dir := writeReport(t, run)
	writeScreenshots(t, dir, run)

	dom, log := dumpDOM(t, chromium, filepath.Join(dir, TimelineFile))
	checkRendered(t, TimelineFile, dom, log)
	attempts := 0
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			attempts += len(s.Attempts)
		}
	}
	links := barLink.FindAllStringSubmatch(dom, -1)
	if len(links) != attempts {
		t.Errorf("%d bars, want one per attempt (%d)", len(links), attempts)
	}
	for _, l := range links {
		page := readString(t, filepath.Join(dir, filepath.FromSlash(l[1])))
		if !strings.Contains(page, `"anchor":"`+l[2]+`"`) {
			t.Errorf("bar links to %s#%s, which has no such scenario", l[1], l[2])
		}
	}
	for _, want := range []string{"worker 1", "worker 2", `class="bar st-flaky"`, `class="bar st-failed"`, "sort by name", "attempt 1 of 2"} {
		if !strings.Contains(dom, want) {
			t.Errorf("timeline lacks %q", want)
		}
	}

	dom, log = dumpDOM(t, chromium, filepath.Join(dir, "index.html"))
	checkRendered(t, "index.html", dom, log)
	if !strings.Contains(dom, `href="timeline.html"`) {
		t.Errorf("index.html does not link the timeline")
	}
}

// TestTimelineOf10000Scenarios writes the timeline of 10,000 scenarios,
// bounds its size and checks that Chromium draws every bar. (Drawing takes
// about 1.5 s on a loaded 2-core machine; most of this test's time is
// Chromium serialising the 40,000-node DOM for --dump-dom.) It does not run
// in parallel with the other page tests.
func TestTimelineOf10000Scenarios(t *testing.T) {
	chromium := findChromium(t)
	run := bigRun(500, 20)
	dir := writeReport(t, run)
	info, err := os.Stat(filepath.Join(dir, TimelineFile))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("timeline.html of %d scenarios: %d KB", run.Counts.Total, info.Size()>>10)
	if info.Size() > 2<<20 {
		t.Errorf("timeline.html is %d KB for 10,000 scenarios, want at most 2 MB", info.Size()>>10)
	}
	dom, log := dumpDOM(t, chromium, filepath.Join(dir, TimelineFile))
	checkRendered(t, TimelineFile, dom, log)
	attempts := 0
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			attempts += len(s.Attempts)
		}
	}
	if n := len(barLink.FindAllStringIndex(dom, -1)); n != attempts {
		t.Errorf("Chromium drew %d bars, want %d", n, attempts)
	}
}

func TestTimelineLanesOfAMergedRun(t *testing.T) {
	run := readTestRun(t)
	for i, f := range run.Features {
		for _, s := range f.Scenarios {
			for _, a := range s.Attempts {
				a.Shard = 1 + i%2
			}
		}
	}
	d := buildTimeline(run, run.Features, pageNames(run.Features))
	var got []string
	for _, l := range d.Lanes {
		got = append(got, strconv.Itoa(l.Shard)+"/"+strconv.Itoa(l.Worker))
	}
	if strings.Join(got, " ") != "1/1 1/2 2/1 2/2" {
		t.Errorf("lanes %v, want one per shard and worker, in order", got)
	}
}
