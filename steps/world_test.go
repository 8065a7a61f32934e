package steps

import (
	"net/url"
	"strings"
	"testing"
)

func TestSecretName(t *testing.T) {
	tests := map[string]bool{
		"password": true, "PASSWORD": true, "dbPassword": true, "password_confirm": true,
		"secret": true, "clientSecret": true, "AWS_SECRET_ACCESS_KEY": true,
		"token": true, "apiToken": true, "GITHUB_TOKEN": true,
		"user": false, "pass": false, "pwd": false, "baseUrl": false, "order": false, "": false,
	}
	for name, want := range tests {
		if got := secretName(name); got != want {
			t.Errorf("secretName(%q) = %v, want %v", name, got, want)
		}
	}
}

// testWorld is a World without a browser: variables at every level.
func testWorld() *World {
	env := map[string]string{"who": "env", "place": "env place", "HOME_TOKEN": "env-tok-1", "EMPTY": ""}
	w := &World{
		BaseURL: "http://127.0.0.1:8080/",
		Globals: map[string]string{"who": "global", "greeting": "hello"},
		Getenv: func(name string) (string, bool) {
			v, ok := env[name]
			return v, ok
		},
	}
	return w
}

func TestExpand(t *testing.T) {
	w := testWorld()
	w.SetVar("who", "scenario")
	w.SetVar("dotted.name-1", "dots")
	tests := []struct{ in, want string }{
		{"no variables", "no variables"},
		{"${who}", "scenario"}, // a scenario variable beats --var and the environment
		{"${greeting}, ${place}", "hello, env place"},
		{"${baseUrl}a.html", "http://127.0.0.1:8080/a.html"},
		{"${who}${who}", "scenarioscenario"},
		{"[${EMPTY}]", "[]"}, // defined, even if empty
		{"${dotted.name-1}", "dots"},
		{"$who and {who} and $ {who}", "$who and {who} and $ {who}"}, // not references
		{"${ who }", "${ who }"},
		{"${1abc}", "${1abc}"},
		{`say "${who}"`, `say "scenario"`},
	}
	for _, tc := range tests {
		got, err := w.Expand(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Expand(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}

	// Without a scenario variable, --var beats the environment.
	if got, _ := testWorld().Expand("${who}"); got != "global" {
		t.Errorf("Expand(${who}) without a scenario variable = %q, want the --var", got)
	}
	// Without either, the environment answers.
	w2 := testWorld()
	w2.Globals = nil
	if got, _ := w2.Expand("${who}"); got != "env" {
		t.Errorf("Expand(${who}) without --var = %q, want the environment's", got)
	}
	// ${baseUrl} is defined even without a base URL, and wins over a
	// variable of that name.
	w3 := &World{Globals: map[string]string{"baseUrl": "x"}}
	if got, err := w3.Expand("[${baseUrl}]"); err != nil || got != "[]" {
		t.Errorf("Expand(${baseUrl}) without a base URL = %q, %v", got, err)
	}
}

func TestExpandUndefined(t *testing.T) {
	w := testWorld()
	w.SetVar("order", "A-1")
	w.SetVar("greeting", "hi") // also a --var: listed once
	_, err := w.Expand("${who} ${missing} ${alsoMissing}")
	if err == nil {
		t.Fatal("no error for an undefined variable")
	}
	msg := err.Error()
	for _, want := range []string{
		"variable ${missing} is not defined",
		"--var missing=VALUE",
		"(defined here: baseUrl, greeting, order, who)",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error lacks %q: %s", want, msg)
		}
	}
	// The environment is not listed: it may hold anything.
	if strings.Contains(msg, "HOME_TOKEN") || strings.Contains(msg, "place") {
		t.Errorf("the error lists environment variables: %s", msg)
	}
	// A World with no Getenv has no environment.
	w2 := &World{}
	if _, err := w2.Expand("${PATH}"); err == nil {
		t.Error("no error for ${PATH} without an environment")
	}
}

func TestMaskText(t *testing.T) {
	w := &World{}
	if got := w.MaskText("nothing secret yet"); got != "nothing secret yet" {
		t.Errorf("MaskText without secrets changed the text: %q", got)
	}
	w.AddSecret("")
	if got := w.MaskText("abc"); got != "abc" {
		t.Errorf("an empty secret masked something: %q", got)
	}
	w.AddSecret("s3cret")
	w.AddSecret("s3cret-and-more") // contains the other: hidden whole
	w.AddSecret("s3cret")          // twice is once
	tests := []struct{ in, want string }{
		{"", ""},
		{"s3cret", Mask},
		{"pw=s3cret-and-more;", "pw=" + Mask + ";"},
		{"s3cret s3cret", Mask + " " + Mask},
		{"S3CRET", "S3CRET"}, // exact values only
		{`I fill "#password" with "s3cret"`, `I fill "#password" with "` + Mask + `"`},
	}
	for _, tc := range tests {
		if got := w.MaskText(tc.in); got != tc.want {
			t.Errorf("MaskText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSecretVariablesAreMasked(t *testing.T) {
	w := testWorld()
	w.SetVar("dbPassword", "pw-1")     // stored under a secret name
	w.SetVar("order", "order-1")       // not secret
	w.SetVar("apiToken", "")           // empty: nothing to mask
	w.Globals["clientSecret"] = "cs-1" // a --var the runner did not SetVar
	got, err := w.Expand("${HOME_TOKEN} ${clientSecret} ${order}")
	if err != nil {
		t.Fatal(err)
	}
	if got != "env-tok-1 cs-1 order-1" {
		t.Fatalf("Expand = %q", got)
	}
	// Using a secret-named variable marks its value secret.
	text := "pw-1 env-tok-1 cs-1 order-1"
	want := Mask + " " + Mask + " " + Mask + " order-1"
	if m := w.MaskText(text); m != want {
		t.Errorf("MaskText(%q) = %q, want %q", text, m, want)
	}
	if v := w.Vars()["dbPassword"]; v != "pw-1" {
		t.Errorf("Vars keeps the real value for steps to use; got %q", v)
	}
}

func TestResolveURL(t *testing.T) {
	w := &World{BaseURL: "http://127.0.0.1:8080/app/"}
	tests := map[string]string{
		"/a.html":               "http://127.0.0.1:8080/a.html",
		"a.html":                "http://127.0.0.1:8080/app/a.html",
		"?q=1":                  "http://127.0.0.1:8080/app/?q=1",
		"https://example.com/x": "https://example.com/x",
		"about:blank":           "about:blank",
	}
	for in, want := range tests {
		if got, err := w.resolveURL(in); err != nil || got != want {
			t.Errorf("resolveURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := (&World{}).resolveURL("/a.html"); err == nil || !strings.Contains(err.Error(), "--base-url") {
		t.Errorf("a relative URL without a base URL: %v, want advice to pass --base-url", err)
	}
	if _, err := w.resolveURL("http://[::1"); err == nil {
		t.Error("no error for a URL that does not parse")
	}
}

func TestQuoteCutsLongValues(t *testing.T) {
	long := strings.Repeat("é", maxQuoted) // 2 bytes each: the cut falls inside none
	tests := []struct {
		name, in, want string
	}{
		{"short values are quoted whole", `say "hi"`, `"say \"hi\""`},
		{"empty", "", `""`},
		{"a value at the cap is whole", strings.Repeat("a", maxQuoted), `"` + strings.Repeat("a", maxQuoted) + `"`},
		{"one byte more is cut", strings.Repeat("a", maxQuoted+1), `"` + strings.Repeat("a", maxQuoted) + `"… 1 more characters`},
		{"a cut keeps characters whole", long, `"` + strings.Repeat("é", maxQuoted/2) + `"… 1024 more characters`},
	}
	w := &World{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := w.quote(tt.in); got != tt.want {
				t.Errorf("quote: got %d bytes %.80q…, want %d bytes %.80q…", len(got), got, len(tt.want), tt.want)
			}
		})
	}
}

func TestQuoteMasksBeforeItCuts(t *testing.T) {
	w := &World{}
	w.AddSecret("s3cr3t-value")
	// The secret straddles the cap: cut first, its first half would show.
	in := strings.Repeat("a", maxQuoted-6) + "s3cr3t-value" + strings.Repeat("b", 100)
	for _, got := range []string{w.quote(in), w.clip(in)} {
		if strings.Contains(got, "s3cr3t") {
			t.Errorf("a part of the secret shows: …%s", got[len(got)-60:])
		}
		// The cut may fall inside the mask, never inside the secret.
		if !strings.Contains(got, "••") || !strings.Contains(got, " more characters") {
			t.Errorf("want (a part of) the mask and the cut after it: …%s", got[len(got)-60:])
		}
	}
}

// TestMaskTextEveryEncoding hides a secret in every form a page's world can
// give it: URL-encoded by a form, encodeURIComponent, encodeURI or Chrome's
// URL parser (either hex case), JSON-escaped by JavaScript or Go, and
// HTML-escaped, alone or mixed.
func TestMaskTextEveryEncoding(t *testing.T) {
	const pw = `p@ss w0rd/Zq&x`
	const key = `k3y"with\quote'<tag>é`
	w := &World{}
	w.AddSecret(pw)
	w.AddSecret(key)
	forms := map[string]string{
		"raw":                        pw,
		"Chrome's URL parser":        `p@ss%20w0rd/Zq&x`,
		"form encoding":              `p%40ss+w0rd%2FZq%26x`,
		"encodeURIComponent":         `p%40ss%20w0rd%2FZq%26x`,
		"lower-case hex":             `p%40ss%20w0rd%2fZq%26x`,
		"encodeURI":                  `p@ss%20w0rd/Zq&x`,
		"every letter encoded":       `%70%40ss%20w0rd/Zq&x`,
		"JSON by Go":                 `p@ss w0rd/Zq\u0026x`,
		"JSON, slash escaped":        `p@ss w0rd\/Zq&x`,
		"HTML":                       `p@ss w0rd/Zq&amp;x`,
		"HTML numeric":               `p&#64;ss&#x20;w0rd&#X2f;Zq&#38;x`,
		"key raw":                    key,
		"key JSON":                   `k3y\"with\\quote'\u003ctag\u003e\u00e9`,
		"key JSON by JavaScript":     `k3y\"with\\quote'<tag>é`,
		"key HTML attribute":         `k3y&quot;with\quote&#39;&lt;tag&gt;é`,
		"key HTML, apos":             `k3y&#34;with\quote&apos;&lt;tag&gt;é`,
		"key encodeURIComponent":     `k3y%22with%5Cquote'%3Ctag%3E%C3%A9`,
		"key lower-case UTF-8 bytes": `k3y%22with%5cquote'%3ctag%3e%c3%a9`,
		"key form encoding":          `k3y%22with%5Cquote%27%3Ctag%3E%C3%A9`,
	}
	for name, form := range forms {
		in := "before " + form + " after"
		if got, want := w.MaskText(in), "before "+Mask+" after"; got != want {
			t.Errorf("%s: MaskText(%q) = %q, want %q", name, in, got, want)
		}
	}
	// Only the secret is hidden, not what surrounds it.
	if got := w.MaskText("p@ss w0rd/Zq&y and p%40ss"); got != "p@ss w0rd/Zq&y and p%40ss" {
		t.Errorf("MaskText hid a text that is not the secret: %q", got)
	}
}

// TestMaskTextOddText: broken escapes at the end of a text are kept as
// they are, and a long secret (a JWT) is hidden in a long text.
func TestMaskTextOddText(t *testing.T) {
	w := &World{}
	w.AddSecret("p@ss w0rd")
	for _, s := range []string{"%", "a%4", "%zz", `\`, `\u12`, `\ud800`, "&#", "&amp", "&#x110000;", "%ff%fe", "p@ss%20w0r"} {
		if got := w.MaskText(s); got != s {
			t.Errorf("MaskText(%q) = %q, want it unchanged", s, got)
		}
	}
	jwt := strings.Repeat("eyJhbGciOiJIUzI1NiJ9.", 100)
	w.AddSecret(jwt)
	text := strings.Repeat("a page of text, ", 1<<16) + url.QueryEscape(jwt) + " end"
	if got := w.MaskText(text); !strings.HasSuffix(got, Mask+" end") || strings.Contains(got, "eyJ") {
		t.Errorf("the long secret is not masked in a long text: …%s", got[len(got)-100:])
	}
}
