package main

import (
	"bytes"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// secretForms lists the forms a secret can take on its way out of a page:
// raw, URL-encoded (by Chrome's URL parser, a form, encodeURIComponent, in
// either hex case), JSON-escaped (by JavaScript or Go) and HTML-escaped.
func secretForms(secret string) []string {
	lower := regexp.MustCompile(`%[0-9A-F]{2}`)
	goJSON, _ := json.Marshal(secret)
	var plain bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(secret)
	forms := []string{
		secret,
		strings.ReplaceAll(secret, " ", "%20"),
		url.QueryEscape(secret),
		url.PathEscape(secret),
		strings.ReplaceAll(url.QueryEscape(secret), "+", "%20"),
		strings.Trim(string(goJSON), `"`),
		strings.Trim(strings.TrimSpace(plain.String()), `"`),
		html.EscapeString(secret),
		strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;").Replace(secret),
	}
	for _, f := range forms[:5] {
		forms = append(forms, lower.ReplaceAllStringFunc(f, strings.ToLower))
	}
	return forms
}

// TestSecretsAreMaskedInEveryEncoding runs a page that shows two secrets
// back in a URL, in JSON console logs and in HTML, and looks for every
// form of them in stdout, results.json and the report's pages.
func TestSecretsAreMaskedInEveryEncoding(t *testing.T) {
	chrome := chromeTemp(t)
	secrets := []string{`p@ss w0rd/Zq&x`, `k3y"with\quote'<tag>é`}
	out := filepath.Join(t.TempDir(), "reports")
	var stdout, stderr syncBuffer
	app := &App{Stdout: &stdout, Stderr: &stderr, Version: "test", Env: append(testEnv(t),
		"KUMITE_VAR_db_password="+secrets[0], "KUMITE_VAR_api_token="+secrets[1])}
	start := time.Now()
	code := app.Run([]string{"kumite", "run", "--serve", abs(t, "leak"), "--workers", "1", "--timeout", "5s",
		"--out", out, abs(t, "leak/leak.feature")})
	r := result{code: code, stdout: stdout.String(), stderr: stderr.String(), took: time.Since(start)}
	if r.code != 1 {
		t.Fatalf("want exit 1 (both scenarios fail)\n%s", r)
	}
	run := assertReport(t, out, r)
	// The page did show them: its logs are in the report, masked.
	logs := 0
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			for _, st := range s.Final().Steps {
				logs += len(st.Logs)
			}
		}
	}
	if logs < 7 {
		t.Errorf("the report holds %d page logs, want the 7 the page wrote", logs)
	}
	if !strings.Contains(r.stdout, "password •••••• key ••••••") {
		t.Errorf("stdout does not quote the page's text, masked\n%s", r)
	}
	places := map[string]string{"stdout": r.stdout, "stderr": r.stderr}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".jpeg") || strings.HasSuffix(p, ".png") {
			return err
		}
		data, err := os.ReadFile(p)
		places[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range secrets {
		for _, form := range secretForms(secret) {
			for place, text := range places {
				if i := strings.Index(text, form); i >= 0 {
					t.Errorf("%s holds the secret %q as %q: …%s…", place, secret, form, text[max(0, i-80):min(len(text), i+len(form)+40)])
				}
			}
		}
	}
	assertNoChrome(t, chrome)
}

// project makes a project folder like a user's, with features, a site to
// serve and a file of theirs, makes it the working directory and returns
// the files that must survive any run.
func project(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"features/pass.feature": readFile(t, abs(t, "features/pass.feature")),
		"features/fail.feature": readFile(t, abs(t, "features/fail.feature")),
		"site/index.html":       readFile(t, abs(t, "site/index.html")),
		"index.html":            "<title>the project's own page</title>",
		"notes/todo.txt":        "mine",
		"README.md":             "# my project",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return files
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// assertKept checks that every file of the project is still there, unchanged.
func assertKept(t *testing.T, files map[string]string, after string) {
	t.Helper()
	for name, content := range files {
		data, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil || string(data) != content {
			t.Errorf("after %s, the user's %s is lost or changed (%v)", after, name, err)
		}
	}
}

// TestOutRefusesFoldersKumiteDoesNotOwn: a --out that is the project, its
// features, its served site, the filesystem root or a folder of the
// user's fails before any scenario runs, with exit 2 and a message naming
// the flag and the folder, and deletes nothing.
func TestOutRefusesFoldersKumiteDoesNotOwn(t *testing.T) {
	files := project(t)
	wd, _ := os.Getwd()
	tests := []struct{ out, want string }{
		{".", "is the working directory"},
		{wd, "is the working directory"},
		{"..", "is a folder above the working directory"},
		{"/", "is the root of the filesystem"},
		{"features", "holds the feature files (features)"},
		{"site", "holds the --serve folder (site)"},
		{"notes", "holds files kumite did not write (todo.txt)"},
		{"README.md", "is not a folder"},
		{"README.md/reports", "cannot be created"},
		{"/proc/kumite-reports", "cannot be created"},
	}
	for _, tt := range tests {
		r := kumite(t, "run", "--serve", "site", "--workers", "1", "--out", tt.out, "features")
		if r.code != 2 || !strings.Contains(r.stderr, "--out "+tt.out+": the report folder "+tt.want) {
			t.Errorf("--out %s: want exit 2 and %q\n%s", tt.out, tt.want, r)
		}
		if strings.Contains(r.stdout, "passed") || strings.Contains(r.stdout, "failed") {
			t.Errorf("--out %s: scenarios ran before the folder was refused\n%s", tt.out, r)
		}
		assertKept(t, files, "--out "+tt.out)
	}
	// The same from the environment names the variable.
	var stderr syncBuffer
	app := &App{Stdout: &syncBuffer{}, Stderr: &stderr, Env: append(testEnv(t), "KUMITE_OUT=features"), Version: "test"}
	if code := app.Run([]string{"kumite", "run", "--serve", "site", "features"}); code != 2 || !strings.Contains(stderr.String(), `KUMITE_OUT="features"`) {
		t.Errorf("KUMITE_OUT=features: exit %d, want 2 naming the variable\n%s", code, stderr.String())
	}
	assertKept(t, files, "KUMITE_OUT=features")
}

// TestOutClearsOnlyWhatKumiteWrote: a second run into a report folder
// removes the first run's files (a stale screenshot would be published)
// and keeps what the user put there.
func TestOutClearsOnlyWhatKumiteWrote(t *testing.T) {
	chrome := chromeTemp(t)
	files := project(t)
	r := kumite(t, "run", "--serve", "site", "--workers", "1", "--timeout", "1s", "--out", "reports", "features/fail.feature")
	if r.code != 1 {
		t.Fatalf("first run: want exit 1\n%s", r)
	}
	shots, _ := filepath.Glob("reports/screenshots/*")
	if len(shots) == 0 {
		t.Fatalf("the failing run wrote no screenshot\n%s", r)
	}
	manifest := readFile(t, "reports/.kumite-report")
	for _, want := range []string{`"index.html"`, `"results.json"`, `"` + filepath.ToSlash(shots[0])[len("reports/"):] + `"`, `"screenshots"`} {
		if !strings.Contains(manifest, want) {
			t.Errorf("the manifest does not list %s:\n%s", want, manifest)
		}
	}
	// The user keeps notes in the report folder, also in a folder kumite made.
	mine := map[string]string{"reports/NOTES.md": "keep me", "reports/screenshots/annotated.txt": "keep me too"}
	for name, content := range mine {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		files[name] = content
	}
	r = kumite(t, "run", "--serve", "site", "--workers", "1", "--out", "reports", "features/pass.feature")
	if r.code != 0 {
		t.Fatalf("second run: want exit 0\n%s", r)
	}
	assertReport(t, "reports", r)
	for _, s := range shots {
		if _, err := os.Stat(s); err == nil {
			t.Errorf("the first run's %s is still there", s)
		}
	}
	assertKept(t, files, "a second run")
	if strings.Contains(readFile(t, "reports/.kumite-report"), "NOTES.md") {
		t.Errorf("the manifest claims the user's NOTES.md")
	}

	// A report of an older kumite (no manifest) is recognised and cleared.
	if err := os.Remove("reports/.kumite-report"); err != nil {
		t.Fatal(err)
	}
	for name := range mine {
		os.Remove(name)
		delete(files, name)
	}
	r = kumite(t, "run", "--serve", "site", "--workers", "1", "--out", "reports", "features/pass.feature")
	if r.code != 0 {
		t.Fatalf("a run into an older kumite's report: want exit 0\n%s", r)
	}
	assertKept(t, files, "a run into an older report")
	assertNoChrome(t, chrome)
}

// TestReportServeStaysInTheFolder: report serve follows a link inside the
// report folder and answers 404 (and logs) for a link out of it.
func TestReportServeStaysInTheFolder(t *testing.T) {
	dir := t.TempDir()
	elsewhere := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "index.html"), []byte("<title>a report</title>"), 0o644))
	must(os.WriteFile(filepath.Join(elsewhere, "private.key"), []byte("private"), 0o600))
	must(os.Symlink("/etc/passwd", filepath.Join(dir, "passwd")))
	must(os.Symlink(elsewhere, filepath.Join(dir, "keys")))
	must(os.Symlink("index.html", filepath.Join(dir, "latest.html")))

	signals := make(chan os.Signal, 1)
	var stdout, stderr syncBuffer
	app := &App{Stdout: &stdout, Stderr: &stderr, Env: testEnv(t), Signals: signals, Version: "test"}
	done := make(chan int, 1)
	go func() { done <- app.Run([]string{"kumite", "report", "serve", dir}) }()
	defer func() {
		signals <- syscall.SIGINT
		<-done
	}()
	urlRe := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	if !waitFor(10*time.Second, func() bool { return urlRe.MatchString(stdout.String()) }) {
		t.Fatalf("no URL printed\n%s%s", stdout.String(), stderr.String())
	}
	base := urlRe.FindString(stdout.String())
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := get("latest.html"); code != 200 || !strings.Contains(body, "a report") {
		t.Errorf("GET latest.html (a link inside the folder): %d %q, want 200 and the report", code, body)
	}
	for _, path := range []string{"passwd", "keys/private.key", "keys/"} {
		if code, body := get(path); code != 404 || strings.Contains(body, "root:") || strings.Contains(body, "private") {
			t.Errorf("GET %s (a link out of the folder): %d %q, want 404", path, code, body)
		}
	}
	for _, want := range []string{"refused /passwd: a link out of the report folder (to /etc/passwd)", "refused /keys/private.key"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not log %q:\n%s", want, stderr.String())
		}
	}
}

// TestOutNotWritableFailsBeforeAnyScenario runs the kumite binary as a
// user who may not write into --out (as nobody when the tests run as
// root, who may write anywhere): exit 2 at once, naming the flag.
func TestOutNotWritableFailsBeforeAnyScenario(t *testing.T) {
	base, err := os.MkdirTemp("", "kumite-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, dir := range []string{base, filepath.Join(base, "empty"), filepath.Join(base, "old")} {
			os.Chmod(dir, 0o755)
		}
		os.RemoveAll(base)
	})
	bin := filepath.Join(base, "kumite")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for name, content := range map[string]string{
		"features/pass.feature": readFile(t, abs(t, "features/pass.feature")),
		"site/index.html":       readFile(t, abs(t, "site/index.html")),
		"old/.kumite-report":    `{"files":["index.html"]}`,
		"old/index.html":        "the last report",
	} {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{base, filepath.Join(base, "empty"), filepath.Join(base, "old")} {
		os.MkdirAll(dir, 0o755)
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	tests := map[string]string{
		"empty":       "--out empty: the report folder cannot be written: permission denied",
		"old":         "--out old: the report folder cannot be cleared: remove the last report's index.html: permission denied",
		"new/reports": "--out new/reports: the report folder cannot be created: permission denied",
	}
	for out, want := range tests {
		args := []string{bin, "run", "--serve", "site", "--workers", "1", "--out", out, "features"}
		if os.Geteuid() == 0 {
			args = append([]string{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"}, args...)
		}
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = base
		cmd.Env = testEnv(t)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := cmd.ProcessState.ExitCode()
		if code != 2 || !strings.Contains(stderr.String(), want) || stdout.Len() > 0 {
			t.Errorf("--out %s: exit %d (%v), want 2 and %q before any scenario\n--- stdout\n%s--- stderr\n%s", out, code, err, want, stdout.String(), stderr.String())
		}
	}
}

// TestBadFeatureKeepsTheLastReport: a run that stops on a feature file
// that does not parse exits 2 naming the file and line, and leaves the
// last report in --out as it was: nothing ran, so nothing replaces it.
func TestBadFeatureKeepsTheLastReport(t *testing.T) {
	chrome := chromeTemp(t)
	bad := readFile(t, abs(t, "broken/bad.feature"))
	project(t)
	r := kumite(t, "run", "--serve", "site", "--workers", "1", "--out", "reports", "features/pass.feature")
	if r.code != 0 {
		t.Fatalf("first run: want exit 0\n%s", r)
	}
	before := map[string]string{}
	for _, name := range []string{"reports/index.html", "reports/results.json", "reports/junit.xml", "reports/.kumite-report"} {
		before[name] = readFile(t, name)
	}
	if err := os.WriteFile("features/bad.feature", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	r = kumite(t, "run", "--serve", "site", "--workers", "1", "--out", "reports", "features/bad.feature")
	if r.code != 2 || !strings.Contains(r.stderr, "features/bad.feature:4") {
		t.Fatalf("a feature that does not parse: want exit 2 naming features/bad.feature:4\n%s", r)
	}
	assertKept(t, before, "a run of a feature that does not parse")
	assertNoChrome(t, chrome)
}
