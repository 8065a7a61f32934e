package site

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// deliberatelyMissing are the URLs console.html requests so that a run records failed requests.
var deliberatelyMissing = map[string]bool{"missing-image.png": true, "missing-data.json": true}

func pages(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(FS, p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestIndexLinksEveryPage(t *testing.T) {
	files := pages(t)
	index, ok := files["index.html"]
	if !ok {
		t.Fatal("index.html is not at the root of FS")
	}
	// Pages reached from another page rather than from the index.
	reached := map[string]bool{"index.html": true, "welcome.html": true, "second.html": true, "frame-inner.html": true}
	for p := range files {
		if strings.HasSuffix(p, ".html") && !reached[p] && !strings.Contains(index, `href="`+p+`"`) {
			t.Errorf("index.html has no link to %s", p)
		}
	}
}

var refRE = regexp.MustCompile(`(?:href|src)="([^"]*)"|'([a-z-]+\.(?:html|png|json|css|js)(?:[?#][^']*)?)'`)

func TestReferencesAreRelativeAndResolve(t *testing.T) {
	files := pages(t)
	for p, body := range files {
		for _, m := range refRE.FindAllStringSubmatch(body, -1) {
			ref := m[1] + m[2]
			switch {
			case ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "data:"):
				continue
			case strings.Contains(ref, "//") || strings.HasPrefix(ref, "/"):
				t.Errorf("%s: %q is not a relative link; the site must work under any origin and make no external request", p, ref)
				continue
			}
			target := strings.SplitN(strings.SplitN(ref, "#", 2)[0], "?", 2)[0]
			if deliberatelyMissing[target] {
				continue
			}
			if _, ok := files[path.Join(path.Dir(p), target)]; !ok {
				t.Errorf("%s: %q does not exist", p, ref)
			}
		}
	}
}

func TestSizeBudget(t *testing.T) {
	total := 0
	for _, b := range pages(t) {
		total += len(b)
	}
	if total > 100<<10 {
		t.Errorf("demo site is %d bytes, over the 100 KB budget", total)
	}
}

func TestEscapingPageShowsMarkupAsText(t *testing.T) {
	body := pages(t)["xss.html"]
	if strings.Contains(body, `<script>alert`) {
		t.Error("xss.html contains a live <script>alert; the payload must be escaped in the source")
	}
	for _, want := range []string{`<title>Escaping &lt;script&gt;alert("xss")&lt;/script&gt;`, `>&lt;script&gt;alert("xss")&lt;/script&gt;<`} {
		if !strings.Contains(body, want) {
			t.Errorf("xss.html lacks %s", want)
		}
	}
}

func TestServedWithContentTypes(t *testing.T) {
	srv := httptest.NewServer(http.FileServerFS(FS))
	defer srv.Close()
	for _, c := range []struct{ path, ctype, contains string }{
		{"/", "text/html", "<title>Kumite Demo</title>"},
		{"/repo.html", "text/html", ">Go to file</a>"},
		{"/style.css", "text/css", ":root"},
		{"/logo.png", "image/png", "\x89PNG"},
	} {
		res, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), c.ctype) || !strings.Contains(string(b), c.contains) {
			t.Errorf("GET %s: %d %q, body has %q: %v", c.path, res.StatusCode, res.Header.Get("Content-Type"), c.contains, strings.Contains(string(b), c.contains))
		}
	}
}

var (
	openRE   = regexp.MustCompile(`I (?:open|navigate to|am on) "(/[^"]*)"`)
	uploadRE = regexp.MustCompile(`I upload "([^"]+)" to`)
)

// TestFeaturesReferExistingPages keeps the example features and the site in step:
// every page a feature opens exists, and every file it uploads is next to it.
func TestFeaturesReferExistingPages(t *testing.T) {
	files := pages(t)
	var features []string
	for _, dir := range []string{"../../features", "../failing"} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.feature"))
		features = append(features, m...)
	}
	if len(features) == 0 {
		t.Skip("no feature files found next to demo/site")
	}
	for _, f := range features {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range openRE.FindAllStringSubmatch(string(b), -1) {
			p := strings.TrimPrefix(strings.SplitN(m[1], "?", 2)[0], "/")
			if p == "" {
				p = "index.html"
			}
			if _, ok := files[p]; !ok {
				t.Errorf("%s opens %q, which the demo site does not have", f, m[1])
			}
		}
		for _, m := range uploadRE.FindAllStringSubmatch(string(b), -1) {
			if _, err := os.Stat(filepath.Join(filepath.Dir(f), m[1])); err != nil {
				t.Errorf("%s uploads %q: %v", f, m[1], err)
			}
		}
	}
}
