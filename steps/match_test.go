package steps

import (
	"slices"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	tests := []struct{ text, want string }{
		{`I opn "/index.html"`, `I open "URL"`},
		{`I clik "#submit"`, `I click "LOC"`},
		{`I type "alice" in "#user"`, `I type "TEXT" into "LOC"`},
		{`I fill "#user" "alice"`, `I fill "LOC" with "TEXT"`},
		{`the title shuld be "Home"`, `the title should be "TEXT"`},
		{`the url should be "/x"`, `the URL should be "URL"`},
		{`I should se "Welcome"`, `I should see "TEXT"`},
		{`I wiat 3 seconds`, `I wait N seconds?`},
		{`I set the viewport to 300 x 200`, `I set the viewport to WIDTHxHEIGHT`},
		{`"#a" should be visble`, `"LOC" should be (visible|hidden|enabled|disabled|checked|unchecked)`},
		{`there should be 3 element matchin "li"`, `there should be N elements? matching "LOC"`},
		{`I wait for the URL to contains "find"`, `I wait for the URL to contain "TEXT"`},
		{`I store text of "h1" as "title"`, `I store the text of "LOC" as "NAME"`},
		{`I take a screenshoot`, `I take a screenshot`},
		{`I go bak`, `I go back`},
		// nonsense: no suggestion beats a wrong one
		{`the moon is made of green cheese`, ``},
		{`lorem ipsum dolor sit amet consectetur`, ``},
		{`xyzzy`, ``},
		{`banana`, ``},
		{``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := Suggest(tt.text); got != tt.want {
				t.Errorf("Suggest(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestSuggestEveryExample checks that every example of the vocabulary,
// with one letter dropped from its first word, leads back to its own
// template (or one with the same words, as the aliases of I open).
func TestSuggestEveryExample(t *testing.T) {
	for _, d := range Vocabulary() {
		first := strings.SplitN(d.Example, "\n", 2)[0]
		words := strings.Fields(first)
		i := slices.IndexFunc(words, func(w string) bool { return len(w) >= 4 && !strings.ContainsAny(w, `"0123456789`) })
		if i < 0 {
			continue
		}
		words[i] = words[i][:len(words[i])-2] + words[i][len(words[i])-1:] // drop the last letter but one
		typo := strings.Join(words, " ")
		got := Suggest(typo)
		if got != d.Template && shape(templateShape(got)) != shape(templateShape(d.Template)) {
			t.Errorf("Suggest(%q) = %q, want %q", typo, got, d.Template)
		}
	}
}

func TestMatching(t *testing.T) {
	tests := []struct{ text, want string }{
		{"I fill in:", "I fill in:"},
		{`I open "/index.html"`, `I open "URL"`},
		{`I opne "/index.html"`, ""},
	}
	for _, tt := range tests {
		got := Matching(tt.text)
		var templates []string
		for _, d := range got {
			templates = append(templates, d.Template)
		}
		if want := []string{tt.want}; tt.want == "" && len(got) != 0 || tt.want != "" && !slices.Equal(templates, want) {
			t.Errorf("Matching(%q) = %q, want %q", tt.text, templates, tt.want)
		}
	}
}
