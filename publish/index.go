package publish

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/kumite/kumite/results"
)

// historyCSS styles the history page; it is a file of its own so the page
// works behind a strict CSP (no inline style).
//
//go:embed templates/history.css
var historyCSS []byte

//go:embed templates/index.html.tmpl
var templates embed.FS

var indexPage = template.Must(template.ParseFS(templates, "templates/index.html.tmpl"))

// trendRuns is how many runs the trend strip shows.
const trendRuns = 40

// indexView is what the history page shows. Every link in it is relative,
// so the page works from an S3 website endpoint, CloudFront or a copy on
// disk; html/template escapes every value.
type indexView struct {
	Title      string
	Runs       []runView
	Trend      []trendBar
	TrendWidth int
	TrendLabel string
}

type runView struct {
	Entry
	Href, Time, Duration, Class, ShortCommit string
}

type trendBar struct {
	ID, Status, Href, Color string
	X                       int
}

var statusColors = map[string]string{
	string(results.Passed): "#1a7f37",
	string(results.Failed): "#cf222e",
	string(results.Flaky):  "#bf8700",
}

// renderIndex renders the history page of the runs in h.
func renderIndex(title string, h *History) []byte {
	v := indexView{Title: title}
	for _, e := range h.Runs {
		v.Runs = append(v.Runs, runView{
			Entry:       e,
			Href:        runHref(e.ID),
			Time:        e.Time.UTC().Format("2006-01-02 15:04:05"),
			Duration:    formatDuration(time.Duration(e.DurationMS) * time.Millisecond),
			Class:       statusClass(e.Status),
			ShortCommit: e.Commit[:min(len(e.Commit), 7)],
		})
	}
	trend := h.Runs[:min(len(h.Runs), trendRuns)]
	counts := map[string]int{}
	for i := range trend {
		e := trend[len(trend)-1-i] // oldest on the left
		color, ok := statusColors[e.Status]
		if !ok {
			color = "#8c959f"
		}
		counts[e.Status]++
		v.Trend = append(v.Trend, trendBar{ID: e.ID, Status: e.Status, Href: runHref(e.ID), Color: color, X: i * 12})
	}
	v.TrendWidth = len(trend) * 12
	v.TrendLabel = trendLabel(len(trend), counts)
	var buf bytes.Buffer
	if err := indexPage.Execute(&buf, v); err != nil {
		panic(err) // the template and the view are fixed: a failure is a bug
	}
	return buf.Bytes()
}

// trendLabel says "last 3 runs: 1 passed, 1 failed, 1 unknown".
func trendLabel(n int, counts map[string]int) string {
	var parts []string
	for _, s := range []string{"passed", "flaky", "failed"} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
			delete(counts, s)
		}
	}
	for _, s := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
	}
	runs := "runs"
	if n == 1 {
		runs = "run"
	}
	return fmt.Sprintf("last %d %s: %s", n, runs, strings.Join(parts, ", "))
}

func runHref(id string) string { return "runs/" + url.PathEscape(id) + "/index.html" }

func statusClass(s string) string {
	switch s {
	case string(results.Passed), string(results.Failed), string(results.Flaky),
		string(results.Skipped), string(results.Undefined):
		return s
	}
	return statusUnknown
}

// formatDuration writes 1m05s, 12.3s or 450ms.
func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
