package main

import (
	"os"
	"strings"
	"testing"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/steps"
)

// TestREADMEDocumentsTheCode fails when a step or a setting changes and
// README.md is not updated with it.
func TestREADMEDocumentsTheCode(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, d := range steps.Vocabulary() {
		row := "| `" + strings.ReplaceAll(d.Template, "|", `\|`) + "` |"
		if !strings.Contains(readme, row) {
			t.Errorf("README.md does not list the step %q (expected a row starting %s)", d.Template, row)
		}
	}
	if ref := strings.TrimSpace(config.ReferenceMarkdown()); !strings.Contains(readme, ref) {
		t.Errorf("README.md's configuration table differs from config.ReferenceMarkdown(); paste its output into README.md")
	}
	for _, cmd := range []string{"make e2e", "make test"} {
		if !strings.Contains(readme, cmd) {
			t.Errorf("README.md does not mention %q", cmd)
		}
	}
}
