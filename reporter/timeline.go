package reporter

import (
	"fmt"
	"sort"
	"time"

	"github.com/kumite/kumite/results"
)

// TimelineFile is the name of the timeline page inside a report folder.
const TimelineFile = "timeline.html"

// timelineData is the data of timeline.html: one lane per worker (per
// shard and worker in a merged run) and one bar per scenario attempt,
// with times in milliseconds since the run started. Feature names and
// pages are listed once and bars point into them, so that the page stays
// small at 10,000 scenarios.
type timelineData struct {
	Run        runRef            `json:"run"`
	Index      string            `json:"index"`
	DurationMs int64             `json:"durationMs"`
	Features   []timelineFeature `json:"features"`
	Lanes      []timelineLane    `json:"lanes"`
	Bars       []timelineBar     `json:"bars"`
}

type timelineFeature struct {
	Name string `json:"name"`
	Page string `json:"page"`
}

type timelineLane struct {
	Shard  int `json:"shard,omitempty"`
	Worker int `json:"worker"`
}

// timelineBar is one attempt: its lane, feature, scenario name and
// anchor, attempt number (of how many), status, start and duration. The
// passing attempt of a flaky scenario is flaky.
type timelineBar struct {
	Lane     int            `json:"l"`
	Feature  int            `json:"f"`
	Name     string         `json:"n"`
	Anchor   string         `json:"h"`
	Attempt  int            `json:"a"`
	Attempts int            `json:"of"`
	Status   results.Status `json:"st"`
	StartMs  int64          `json:"s"`
	DurMs    int64          `json:"d"`
}

// buildTimeline makes the data of timeline.html. features are the run's
// features without nil entries; pages[i] names the page of features[i].
func buildTimeline(run *results.Run, features []*results.Feature, pages []string) timelineData {
	d := timelineData{
		Run:      runRef{ID: run.ID, Status: run.Status, Start: isoTime(run.Start), Kumite: run.Env.Kumite},
		Index:    "index.html",
		Features: make([]timelineFeature, len(features)),
		Lanes:    []timelineLane{},
		Bars:     []timelineBar{},
	}
	origin := run.Start
	for _, f := range features {
		for _, s := range scenarios(f) {
			for _, a := range s.Attempts {
				if a != nil && !a.Start.IsZero() && (origin.IsZero() || a.Start.Before(origin)) {
					origin = a.Start
				}
			}
		}
	}
	lanes := map[timelineLane]int{}
	var end time.Duration
	for fi, f := range features {
		d.Features[fi] = timelineFeature{Name: orUnnamed(f.Name), Page: pagePath(pages[fi])}
		anchors := anchorsOf(f.Scenarios)
		for si, s := range scenarios(f) {
			for _, a := range s.Attempts {
				if a == nil || a.Start.IsZero() {
					continue
				}
				key := timelineLane{Shard: a.Shard, Worker: a.Worker}
				if _, ok := lanes[key]; !ok {
					lanes[key] = len(lanes)
					d.Lanes = append(d.Lanes, key)
				}
				status := a.Status
				if s.Status == results.Flaky && status == results.Passed {
					status = results.Flaky // the attempt that passed after a failure
				}
				start := a.Start.Sub(origin)
				end = max(end, start+a.Duration)
				d.Bars = append(d.Bars, timelineBar{
					Lane: lanes[key], Feature: fi, Name: s.Name, Anchor: anchors[si],
					Attempt: a.Number, Attempts: len(s.Attempts), Status: status,
					StartMs: ms(start), DurMs: ms(a.Duration),
				})
			}
		}
	}
	sortLanes(&d)
	d.DurationMs = max(ms(end), ms(run.Duration))
	return d
}

// sortLanes orders lanes by shard, then worker, and renumbers the bars.
func sortLanes(d *timelineData) {
	order := make([]int, len(d.Lanes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := d.Lanes[order[i]], d.Lanes[order[j]]
		if a.Shard != b.Shard {
			return a.Shard < b.Shard
		}
		return a.Worker < b.Worker
	})
	newIndex := make([]int, len(order))
	lanes := make([]timelineLane, len(order))
	for to, from := range order {
		newIndex[from] = to
		lanes[to] = d.Lanes[from]
	}
	d.Lanes = lanes
	for i := range d.Bars {
		d.Bars[i].Lane = newIndex[d.Bars[i].Lane]
	}
}

// timelineTitle is the browser tab title of timeline.html.
func timelineTitle(run *results.Run) string {
	return fmt.Sprintf("Timeline · %s", indexTitle(run))
}
