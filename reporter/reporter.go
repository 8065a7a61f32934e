package reporter

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kumite/kumite/results"
)

// The page skeleton and the assets written next to the pages.
//
//go:embed page.html.tmpl
var pageTemplate string

//go:embed assets
var assets embed.FS

var pageTmpl = template.Must(template.New("page").Parse(pageTemplate))

// page is what the skeleton needs: the page's data is injected once as
// JSON and assets/report.js renders it.
type page struct {
	Kind    string // "index" or "feature": which renderer report.js runs
	Title   string
	Root    string // path from the page to the report folder: "" or "../"
	Version string
	Data    template.JS
}

// Options says how to write a report.
type Options struct {
	// CucumberEmbed puts screenshots into cucumber.json as base64
	// (--cucumber-embed); else it names their paths.
	CucumberEmbed bool
}

// Write renders run into dir: index.html, features/*.html, timeline.html,
// junit.xml, cucumber.json and assets/. Screenshots are already in dir
// (attachments hold their relative paths). It reads no clock: every time
// shown comes from run.
func Write(dir string, run *results.Run, o Options) error {
	if run == nil {
		return fmt.Errorf("write report in %s: no run to report", dir)
	}
	features := make([]*results.Feature, 0, len(run.Features))
	for _, f := range run.Features {
		if f != nil {
			features = append(features, f)
		}
	}
	names := pageNames(features)
	if err := os.MkdirAll(filepath.Join(dir, "features"), 0o755); err != nil {
		return fmt.Errorf("create report folder %s: %w", dir, err)
	}
	if err := writeAssets(dir); err != nil {
		return err
	}
	index := page{Kind: "index", Title: indexTitle(run), Version: run.Env.Kumite}
	if err := writePage(dir, "index.html", index, buildIndex(run, features, names)); err != nil {
		return err
	}
	for i, f := range features {
		p := page{Kind: "feature", Title: orUnnamed(f.Name) + " · kumite report", Root: "../", Version: run.Env.Kumite}
		if err := writePage(dir, pagePath(names[i]), p, buildFeature(run, f)); err != nil {
			return err
		}
	}
	timeline := page{Kind: "timeline", Title: timelineTitle(run), Version: run.Env.Kumite}
	if err := writePage(dir, TimelineFile, timeline, buildTimeline(run, features, names)); err != nil {
		return err
	}
	if err := writeFile(dir, JUnitFile, func(w io.Writer) error { return WriteJUnit(w, run) }); err != nil {
		return err
	}
	return writeFile(dir, CucumberFile, func(w io.Writer) error {
		return WriteCucumber(w, run, CucumberOptions{Embed: o.CucumberEmbed, Dir: dir})
	})
}

// writeFile writes dir/name with what write produces, all or nothing.
func writeFile(dir, name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
	}
	return nil
}

// writePage renders p with data as its JSON into dir/name (a slash path).
func writePage(dir, name string, p page, data any) error {
	target := filepath.Join(dir, filepath.FromSlash(name))
	js, err := encodeData(data)
	if err != nil {
		return fmt.Errorf("write report page %s: %w", target, err)
	}
	p.Data = template.JS(js)
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("write report page %s: %w", target, err)
	}
	if err := os.WriteFile(target, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write report page %s: %w", target, err)
	}
	return nil
}

// encodeData marshals a page's data for a <script type="application/json">
// block. encoding/json escapes <, > and & (and U+2028/U+2029) as \u003c
// and so on, so no text can close the script element or open a comment;
// the check below keeps that promise even if the encoder changes.
func encodeData(data any) ([]byte, error) {
	js, err := json.Marshal(data)
	if err != nil {
		return nil, fmt.Errorf("encode page data: %w", err)
	}
	if bytes.ContainsAny(js, "<>&") {
		return nil, fmt.Errorf("encode page data: unescaped markup in JSON")
	}
	return js, nil
}

// writeAssets copies the embedded assets folder into dir/assets.
func writeAssets(dir string) error {
	return fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			if err := os.MkdirAll(target, 0o755); err != nil {
				return fmt.Errorf("create report folder %s: %w", target, err)
			}
			return nil
		}
		data, err := assets.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read embedded %s: %w", p, err)
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return fmt.Errorf("write report asset %s: %w", target, err)
		}
		return nil
	})
}

// indexTitle says the outcome first, so that a browser tab shows it.
func indexTitle(run *results.Run) string {
	status := string(run.Status)
	if status == "" {
		status = "unknown"
	}
	t := strings.ToUpper(status[:1]) + status[1:]
	if run.Counts.Total > 0 {
		t += fmt.Sprintf(" (%d/%d passed)", run.Counts.Passed+run.Counts.Flaky, run.Counts.Total)
	}
	return t + " · kumite report"
}

func orUnnamed(name string) string {
	if strings.TrimSpace(name) == "" {
		return "Unnamed feature"
	}
	return name
}
