package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEnvWithoutSection: --env NAME with no kumite.yaml is what a Karate
// suite's -Dkarate.env becomes: it runs when a karate-config.js reads it as
// karate.env, and is a usage error naming the flag when nothing would.
func TestEnvWithoutSection(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"karate/karate-config.js": "function fn() { return { where: karate.env + '-server' } }",
		"karate/env.feature":      "Feature: env\n\nScenario: karate.env\n  * match karate.env == 'qa'\n  * match where == 'qa-server'\n",
		"natural/natural.feature": "Feature: natural\n\nScenario: s\n  Given I open \"/index.html\"\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)

	out := filepath.Join(t.TempDir(), "reports")
	r := kumite(t, "run", "--env", "qa", "--out", out, "karate")
	if r.code != 0 {
		t.Fatalf("--env qa read by karate-config.js: want exit 0\n%s", r)
	}
	if run := readResults(t, out, r); run.Counts.Passed != 1 {
		t.Errorf("counts %+v, want the scenario passed", run.Counts)
	}

	r = kumite(t, "run", "--env", "qa", "--dry-run", "--out", filepath.Join(t.TempDir(), "reports"), "natural")
	if want := "--env qa: there is no kumite.yaml to take envs.qa from"; r.code != 2 || !strings.Contains(r.stderr, want) {
		t.Errorf("--env qa with nothing to read it: want exit 2 and %q\n%s", want, r)
	}
}
