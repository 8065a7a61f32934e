package main

import (
	"bytes"
	"encoding/json"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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
	code := app.Run([]string{"kumite", "run", "--serve", abs(t, "leak"), "--workers", "1", "--timeout", "1s",
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
