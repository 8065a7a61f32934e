package config

import (
	"strings"
	"testing"
)

func TestSampleYAMLChangesNothing(t *testing.T) {
	c, err := load(t, SampleYAML(), nil)
	if err != nil {
		t.Fatalf("Load(SampleYAML()): %v", err)
	}
	want := Defaults(4)
	want.File, want.Origins = DefaultFile, map[string]string{}
	if got := changedFields(want, c); len(got) > 0 {
		t.Errorf("SampleYAML as written sets %v; every setting should be commented out", got)
	}
}

func TestSampleYAMLUncommented(t *testing.T) {
	text := sample(false)
	c, err := load(t, text, nil)
	if err != nil {
		t.Fatalf("Load(sample uncommented): %v\n%s", err, text)
	}
	for _, s := range Settings {
		if s.Key == "" {
			continue
		}
		if !strings.Contains(SampleYAML(), "\n# "+s.Key+":") {
			t.Errorf("SampleYAML has no %s:", s.Key)
		}
		if !strings.HasPrefix(c.Where(s.Name), "kumite.yaml:") {
			t.Errorf("uncommented sample does not set %s: Where = %q", s.Name, c.Where(s.Name))
		}
	}
	if c.Env != "staging" || c.BaseURL != "https://staging.example.com" {
		t.Errorf("uncommented sample: Env %q, BaseURL %q; want its envs.staging applied", c.Env, c.BaseURL)
	}
}

func TestReferenceMarkdown(t *testing.T) {
	md := ReferenceMarkdown()
	for _, s := range Settings {
		row := "| " + mdFlag(s) + " | "
		if !strings.Contains(md, row) {
			t.Errorf("reference has no row for %s (%q)", s.Name, row)
		}
	}
	for _, want := range []string{
		"| `--workers N` | `KUMITE_WORKERS` | `workers` | CPU count | run `N` scenarios in parallel (at most 4 per CPU and one per scenario) |",
		"| `--chrome-flag FLAG` (repeatable) | `KUMITE_CHROME_FLAG` (space-separated) | `chrome-flags:` list | — |",
		"| `--timeout DURATION` | `KUMITE_TIMEOUT` | `timeout` | `10s` |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("reference lacks %q", want)
		}
	}
}
