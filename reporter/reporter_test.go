package reporter

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// Two runs feed the tests: testdata/recorded is a real run of demo-site
// features (some failing, one undefined step, console errors, escaping);
// testdata/synthetic is hand-built for what a real run cannot show yet
// (a flaky scenario with two attempts, odd attachment paths).
var goldenDirs = []string{"recorded", "synthetic"}

// readTestRun loads the synthetic run, which has every edge case.
func readTestRun(t *testing.T) *results.Run {
	t.Helper()
	return readRun(t, "synthetic")
}

func readRun(t *testing.T, dir string) *results.Run {
	t.Helper()
	run, err := results.Read(filepath.Join("testdata", dir))
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func writeReport(t *testing.T, run *results.Run) string {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, run, Options{}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return dir
}

var dataBlock = regexp.MustCompile(`(?s)<script type="application/json" id="data">(.*?)</script>`)

// embeddedData returns the JSON injected into the page at dir/name.
func embeddedData(t *testing.T, dir, name string) []byte {
	t.Helper()
	html, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	m := dataBlock.FindAllSubmatch(html, -1)
	if len(m) != 1 {
		t.Fatalf("%s: %d data blocks, want exactly 1", name, len(m))
	}
	if !json.Valid(m[0][1]) {
		t.Fatalf("%s: data block is not valid JSON: %.200s", name, m[0][1])
	}
	return m[0][1]
}

// goldenFeature picks the feature page the golden covers: the first
// feature with the worst status, which shows the most of the report.
func goldenFeature(run *results.Run) int {
	best := 0
	for i, f := range run.Features {
		if severity(f.Status) > severity(run.Features[best].Status) {
			best = i
		}
	}
	return best
}

func severity(s results.Status) int {
	return map[results.Status]int{results.Passed: 1, results.Flaky: 2, results.Pending: 3,
		results.Undefined: 4, results.Ambiguous: 5, results.Failed: 6}[s]
}

func assertGolden(t *testing.T, name string, data []byte) {
	t.Helper()
	var got bytes.Buffer
	if err := json.Indent(&got, data, "", "  "); err != nil {
		t.Fatal(err)
	}
	got.WriteByte('\n')
	assertGoldenFile(t, name, got.Bytes())
}

// assertGoldenFile compares got with testdata/name byte for byte, or
// rewrites the file with -update.
func assertGoldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reporter -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test ./reporter -update and review the diff):\n%s",
			path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d\n want: %s\n  got: %s", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}

func TestGoldenData(t *testing.T) {
	for _, gd := range goldenDirs {
		t.Run(gd, func(t *testing.T) {
			run := readRun(t, gd)
			dir := writeReport(t, run)
			assertGolden(t, filepath.Join(gd, "index.golden"), embeddedData(t, dir, "index.html"))

			names := pageNames(run.Features)
			fi := goldenFeature(run)
			assertGolden(t, filepath.Join(gd, "feature.golden"), embeddedData(t, dir, pagePath(names[fi])))
		})
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	run := readTestRun(t)
	a, b := writeReport(t, run), writeReport(t, run)
	files := 0
	err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes of the same run", rel)
		}
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + len(run.Features) + 3 + 3; files != want {
		t.Errorf("wrote %d files, want %d (index, one page per feature, timeline, junit, cucumber, 3 assets)", files, want)
	}
}

func TestPagesLinkAssetsRelatively(t *testing.T) {
	run := readTestRun(t)
	dir := writeReport(t, run)
	for _, name := range htmlFiles(t, dir) {
		html := readString(t, filepath.Join(dir, name))
		root := ""
		if strings.HasPrefix(name, "features/") {
			root = "../"
		}
		for _, want := range []string{
			`<script src="` + root + `assets/report.js" defer></script>`,
			`<link rel="stylesheet" href="` + root + `assets/report.css">`,
			`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
		for _, bad := range []string{`href="/`, `src="/`, "http://", "https://", " style=", " onclick=", " onload="} {
			if strings.Contains(dataBlock.ReplaceAllString(html, ""), bad) {
				t.Errorf("%s: markup contains %q (absolute link, external resource or inline style/handler)", name, bad)
			}
		}
	}
	for _, asset := range []string{"assets/report.js", "assets/report.css"} {
		// The SVG namespace is a name, not a resource the page loads.
		src := strings.ReplaceAll(readString(t, filepath.Join(dir, asset)), "'http://www.w3.org/2000/svg'", "")
		for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "fetch(", "XMLHttpRequest", "http://", "https://", "@import", "url("} {
			if strings.Contains(src, bad) {
				t.Errorf("%s uses %s", asset, bad)
			}
		}
	}
}

func TestFeaturePageLinks(t *testing.T) {
	run := readTestRun(t)
	dir := writeReport(t, run)
	var idx indexData
	if err := json.Unmarshal(embeddedData(t, dir, "index.html"), &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Features) != len(run.Features) {
		t.Fatalf("index lists %d features, run has %d", len(idx.Features), len(run.Features))
	}
	for _, f := range idx.Features {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f.Page))); err != nil {
			t.Errorf("index links %s for %s: %v", f.Page, f.URI, err)
		}
	}
	for _, fl := range idx.Failures {
		if fl.Screenshot != nil && strings.HasPrefix(fl.Screenshot.Href, "../") {
			t.Errorf("index screenshot %s is relative to a feature page", fl.Screenshot.Href)
		}
	}
	if len(idx.Failures) != run.Counts.Failed+run.Counts.Undefined {
		t.Errorf("index lists %d failures, run counts %d failed + %d undefined",
			len(idx.Failures), run.Counts.Failed, run.Counts.Undefined)
	}
}

func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const evil = `<script>alert(1)</script></script><!--<img src=x onerror=alert(2)>&amp;` + "\u2028"

// evilRun is a run in which everything that comes from a feature file or
// from the site under test tries to break out of the page.
func evilRun() *results.Run {
	t0 := time.Date(2025, 11, 23, 20, 15, 3, 0, time.UTC)
	st := &results.Step{
		Keyword: "When ", Text: "I click " + evil, Line: 4, Status: results.Failed, Duration: 1240 * time.Millisecond,
		Error:     "expected " + evil,
		DocString: evil, Table: [][]string{{evil, "x"}},
		Logs: []results.Log{{Time: t0.Add(time.Second), Level: results.LogError, Source: "console", Text: evil, URL: "javascript:alert(3)"}},
		Attachments: []results.Attachment{
			{Name: evil, Path: "screenshots/a b#1.jpg", MediaType: "image/jpeg"},
			{Name: "escape", Path: "../../etc/passwd", MediaType: "image/jpeg"},
			{Name: "scheme", Path: "javascript:alert(4)", MediaType: "image/jpeg"},
		},
	}
	a := &results.Attempt{Number: 1, Worker: 1, Status: results.Failed, Start: t0, End: t0.Add(123 * time.Second),
		Duration: 123 * time.Second, Error: evil, URL: "http://x/" + evil, Steps: []*results.Step{st}}
	run := &results.Run{
		Schema: results.SchemaVersion, ID: evil, Start: t0,
		Env: results.Environment{Kumite: evil, Browser: evil, BaseURL: evil, Host: evil, Tags: evil, BuildURL: "javascript:alert(5)"},
		Features: []*results.Feature{{
			URI: "../../" + evil + ".feature", Name: evil, Description: evil, Tags: []string{"@" + evil},
			Scenarios: []*results.Scenario{{Name: evil, Line: 3, Tags: []string{"@x" + evil}, Attempts: []*results.Attempt{a}}},
		}},
		Errors: []string{evil},
	}
	run.Finish(t0.Add(125 * time.Second))
	return run
}

func TestEscaping(t *testing.T) {
	dir := writeReport(t, evilRun())
	files := htmlFiles(t, dir)
	if len(files) != 3 {
		t.Fatalf("wrote %v, want index.html, timeline.html and one feature page", files)
	}
	for _, name := range files {
		html := readString(t, filepath.Join(dir, name))
		if n := strings.Count(html, "<script"); n != 2 {
			t.Errorf("%s: %d <script tags, want 2 (report.js and the data block)", name, n)
		}
		if n := strings.Count(html, "</script>"); n != 2 {
			t.Errorf("%s: %d </script>, want 2: the data block was closed early", name, n)
		}
		for _, bad := range []string{"<script>alert", "<img", "<!--"} {
			if strings.Contains(html, bad) {
				t.Errorf("%s contains raw %q", name, bad)
			}
		}
		// U+2028 is a line break to old JavaScript parsers: keep it out of
		// the data block (HTML text, the <title>, may hold it).
		if data := embeddedData(t, dir, name); bytes.ContainsRune(data, '\u2028') {
			t.Errorf("%s: raw U+2028 in the data block", name)
		}
		// The text survives intact in the data: it is escaped, not lost.
		var data any
		if err := json.Unmarshal(embeddedData(t, dir, name), &data); err != nil {
			t.Fatal(err)
		}
		if !containsString(data, evil) {
			t.Errorf("%s: the data lost the original text", name)
		}
	}
	feature := files[0]
	if feature == "index.html" {
		feature = files[1]
	}
	if !regexp.MustCompile(`^features/[a-z0-9_-]+\.html$`).MatchString(feature) {
		t.Errorf("feature page %q is not a safe name inside features/", feature)
	}
	var fd featureData
	if err := json.Unmarshal(embeddedData(t, dir, feature), &fd); err != nil {
		t.Fatal(err)
	}
	atts := fd.Scenarios[0].Attempts[0].Steps[0].Attachments
	if got, want := atts[0].Href, "../screenshots/a%20b%231.jpg"; got != want {
		t.Errorf("attachment href = %q, want %q", got, want)
	}
	for _, a := range atts[1:] {
		if a.Href != "" {
			t.Errorf("attachment %q got href %q, want none", a.Name, a.Href)
		}
	}
	var idx indexData
	if err := json.Unmarshal(embeddedData(t, dir, "index.html"), &idx); err != nil {
		t.Fatal(err)
	}
	// The failure thumbnail is the last screenshot that can be linked.
	if shot := idx.Failures[0].Screenshot; shot == nil || shot.Href != "screenshots/a%20b%231.jpg" {
		t.Errorf("failure screenshot = %+v, want screenshots/a%%20b%%231.jpg", shot)
	}
}

func containsString(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, s)
	case []any:
		for _, x := range v {
			if containsString(x, s) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if containsString(x, s) {
				return true
			}
		}
	}
	return false
}

func TestPageNames(t *testing.T) {
	h := func(uri string) string { return "-" + shortHash(uri) }
	tests := []struct {
		name string
		uris []string
		want []string
	}{
		{"under features", []string{"features/login.feature"}, []string{"login"}},
		{"nested", []string{"features/auth/sign_up.feature"}, []string{"auth-sign_up"}},
		{"no folder", []string{"login.feature"}, []string{"login"}},
		{"absolute", []string{"/home/ci/src/features/cart/Checkout Flow.feature"}, []string{"cart-checkout-flow"}},
		{"windows", []string{`features\auth\login.feature`}, []string{"auth-login"}},
		{"climbs out", []string{"../../etc/passwd"}, []string{"etc-passwd"}},
		{"only dots", []string{"../..", ""}, []string{"feature" + h("../.."), "feature" + h("")}},
		{"not ascii", []string{"features/ログイン.feature"}, []string{"feature"}},
		{"collision", []string{"features/a-b.feature", "features/a/b.feature", "features/c.feature"},
			[]string{"a-b" + h("features/a-b.feature"), "a-b" + h("features/a/b.feature"), "c"}},
		{"case collision", []string{"features/Login.feature", "features/login.feature"},
			[]string{"login" + h("features/Login.feature"), "login" + h("features/login.feature")}},
		{"same uri twice", []string{"features/x.feature", "features/x.feature"},
			[]string{"x" + h("features/x.feature"), "x" + h("features/x.feature") + "-2"}},
		{"long", []string{"features/" + strings.Repeat("very long name ", 10) + ".feature"},
			[]string{strings.TrimRight(strings.Repeat("very-long-name-", 10)[:maxSlug], "-")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs []*results.Feature
			for _, u := range tt.uris {
				fs = append(fs, &results.Feature{URI: u})
			}
			got := pageNames(fs)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("pageNames(%q) = %q, want %q", tt.uris, got, tt.want)
			}
			for _, n := range got {
				if !regexp.MustCompile(`^[a-z0-9_][a-z0-9_-]*$`).MatchString(n) {
					t.Errorf("page name %q is not a safe file name", n)
				}
			}
		})
	}
}

func TestRelativeHref(t *testing.T) {
	tests := []struct {
		path, want string
		ok         bool
	}{
		{"screenshots/x.jpg", "screenshots/x.jpg", true},
		{"screenshots/a b/c#1?.png", "screenshots/a%20b/c%231%3F.png", true},
		{"../x.jpg", "", false},
		{"screenshots/../../x.jpg", "", false},
		{"/etc/passwd", "", false},
		{"javascript:alert(1)", "", false},
		{`screenshots\x.jpg`, "", false},
		{"", "", false},
		{".", "", false},
	}
	for _, tt := range tests {
		got, ok := relativeHref(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("relativeHref(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFailureShowsLastScreenshotOfFinalAttempt(t *testing.T) {
	run := readTestRun(t)
	dir := writeReport(t, run)
	var idx indexData
	if err := json.Unmarshal(embeddedData(t, dir, "index.html"), &idx); err != nil {
		t.Fatal(err)
	}
	for _, fl := range idx.Failures {
		s := run.Features[fl.Feature].Scenarios[fl.Scenario]
		want := lastScreenshot(s.Final())
		switch {
		case want == nil && fl.Screenshot != nil:
			t.Errorf("%s: screenshot %s, the final attempt has none", s.Name, fl.Screenshot.Href)
		case want != nil:
			href, _ := relativeHref(want.Path)
			if fl.Screenshot == nil || fl.Screenshot.Href != href {
				t.Errorf("%s: screenshot %+v, want %s", s.Name, fl.Screenshot, href)
			}
		}
		if !fails(s.Status) {
			t.Errorf("%s: listed as a failure with status %s", s.Name, s.Status)
		}
	}
}
