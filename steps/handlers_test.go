package steps

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCollapse(t *testing.T) {
	tests := map[string]string{
		"":                     "",
		"  a \n\t b  ":         "a b",
		"Welcome,\n  alice":    "Welcome, alice",
		"x\u00a0y":             "x y", // no-break spaces are spaces, as in kumite.js
		"10\u202f000 €":        "10 000 €",
		"\ufeffa\u3000b\u2029": "a b",
	}
	for in, want := range tests {
		if got := collapse(in); got != want {
			t.Errorf("collapse(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	page := strings.Repeat("é", 40) + " Welcome " + strings.Repeat("•", 40)
	got := excerpt(page, "Welcome")
	if !utf8.ValidString(got) || strings.Contains(got, `\x`) {
		t.Errorf("excerpt cut a character in half: %s", got)
	}
	if !strings.Contains(got, "Welcome") || !strings.HasSuffix(got, "(found it)") {
		t.Errorf("excerpt of a found text = %s", got)
	}
	got = excerpt(strings.Repeat("ü", 100), "nope")
	if !utf8.ValidString(got) || strings.Contains(got, `\x`) || !strings.HasSuffix(got, `…"`) {
		t.Errorf("excerpt of a long page = %s", got)
	}
	if got := excerpt("short page", "nope"); got != `"short page"` {
		t.Errorf("excerpt of a short page = %s", got)
	}
}
