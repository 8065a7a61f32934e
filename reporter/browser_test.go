//go:build unix

package reporter

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

// findChromium returns the browser the page tests run in. A machine without
// one fails the test: the report's pages are only tested in a real browser.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("KUMITE_BROWSER"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium on PATH: install it (make chromium) or set KUMITE_BROWSER")
	return ""
}

// dumpDOM opens a report page from file:// in headless Chromium and returns
// the DOM after report.js ran, and Chromium's log (console messages, CSP
// violations). The whole process group is killed when it returns.
func dumpDOM(t *testing.T, chromium, page string) (dom, log string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // generous: the machine may be shared
	defer cancel()
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(page)}
	cmd := exec.CommandContext(ctx, chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--no-default-browser-check", "--disable-crash-reporter",
		"--enable-logging=stderr", "--v=0",
		"--user-data-dir="+t.TempDir(),
		"--dump-dom", u.String())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // renderer and zygote children too
	}
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v\n%s", page, err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// writeScreenshots puts a small JPEG at every attachment path of run, so
// the pages load real images and Chromium logs no missing file.
func writeScreenshots(t *testing.T, dir string, run *results.Run) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 192, 108))
	for y := 0; y < 108; y++ {
		for x := 0; x < 192; x++ {
			c := color.RGBA{245, 246, 248, 255}
			if y < 14 {
				c = color.RGBA{36, 41, 47, 255}
			} else if x > 20 && x < 120 && y > 30 && y < 40 {
				c = color.RGBA{9, 105, 218, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			for _, a := range s.Attempts {
				for _, st := range a.Steps {
					for _, at := range st.Attachments {
						if _, ok := relativeHref(at.Path); !ok {
							continue
						}
						p := filepath.Join(dir, filepath.FromSlash(at.Path))
						if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
	}
}

// checkRendered fails when report.js did not finish, or when Chromium
// reported a CSP violation or a script error.
func checkRendered(t *testing.T, name, dom, log string) {
	t.Helper()
	if !strings.Contains(dom, `data-rendered="true"`) {
		t.Errorf("%s: report.js did not render the page\nlog:\n%s", name, log)
	}
	for _, bad := range []string{"Content Security Policy", "Refused to", "Uncaught", "ERR_FILE_NOT_FOUND", "Failed to load"} {
		if strings.Contains(log, bad) {
			t.Errorf("%s: Chromium logged %q:\n%s", name, bad, log)
		}
	}
}

func TestPagesRenderInChromium(t *testing.T) {
	t.Parallel()
	chromium := findChromium(t)
	run := readTestRun(t)
	dir := writeReport(t, run)
	writeScreenshots(t, dir, run)

	dom, log := dumpDOM(t, chromium, filepath.Join(dir, "index.html"))
	checkRendered(t, "index.html", dom, log)
	for _, want := range []string{
		run.Features[0].Name,
		`42.7 s`,         // run duration, human-readable
		`class="card `,   // a failure card
		`loading="lazy"`, // its screenshot thumbnail
		`aria-pressed="true"`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("index.html: rendered DOM lacks %q", want)
		}
	}

	names := pageNames(run.Features)
	fi := goldenFeature(run)
	page := pagePath(names[fi])
	dom, log = dumpDOM(t, chromium, filepath.Join(dir, filepath.FromSlash(page)))
	checkRendered(t, page, dom, log)
	f := run.Features[fi]
	for _, s := range f.Scenarios {
		if fails(s.Status) && !strings.Contains(dom, `id="`+anchorsOf([]*results.Scenario{s})[0]+`" open=""`) {
			t.Errorf("%s: failed scenario %q is not open", page, s.Name)
		}
	}
	if fails(f.Status) && !strings.Contains(dom, `class="error"`) {
		t.Errorf("%s: no error block rendered", page)
	}
}

func TestEscapedTextRendersAsText(t *testing.T) {
	t.Parallel()
	chromium := findChromium(t)
	run := evilRun()
	dir := writeReport(t, run)
	writeScreenshots(t, dir, run)
	page := pagePath(pageNames(run.Features)[0])
	var dom string
	for _, name := range []string{"index.html", page} {
		var log string
		dom, log = dumpDOM(t, chromium, filepath.Join(dir, filepath.FromSlash(name)))
		checkRendered(t, name, dom, log)
		// Outside the data block (which the DOM dump keeps verbatim),
		// the markup from the run must appear as text only.
		visible := dataBlock.ReplaceAllString(dom, "")
		for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`} {
			if strings.Contains(visible, bad) {
				t.Errorf("%s: rendered DOM contains %q", name, bad)
			}
		}
		if !strings.Contains(visible, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the text with markup is not shown as text", name)
		}
	}
	for _, want := range []string{"2 m 3 s", "1.24 s", "+1.00 s"} {
		if !strings.Contains(dom, want) {
			t.Errorf("%s: rendered DOM lacks duration %q", page, want) // dom is the feature page's, rendered last
		}
	}
}

// TestCodeBuildHeader renders the index of the recorded run, made in a
// (simulated) CodeBuild pull-request build, and checks its header.
func TestCodeBuildHeader(t *testing.T) {
	t.Parallel()
	chromium := findChromium(t)
	run := readRun(t, "recorded")
	dir := writeReport(t, run)
	writeScreenshots(t, dir, run)
	dom, log := dumpDOM(t, chromium, filepath.Join(dir, "index.html"))
	checkRendered(t, "index.html", dom, log)
	e := run.Env
	for _, want := range []string{
		`<span class="meta ci"><a href="` + e.BuildURL + `" rel="noopener noreferrer" title="` + e.BuildID + `">build #42</a>`,
		`<code title="` + e.Commit + `">3f9c2a1</code>`,
		`PR #12 (fix-login)`,
		`by GitHub-Hookshot/5e1f3c0`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("index.html header lacks %s\n%s", want, dom[strings.Index(dom, "meta ci"):][:600])
		}
	}
}
