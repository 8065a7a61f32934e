package runner

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cucumber/godog"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/results"
)

// TestGodogFailureIsNeverAPass: godog may end without running a scenario
// (as it does for one without steps, or when it cannot read its input)
// or say it failed while every hook reported a pass. Neither is a passed
// run. runSuite stands in for godog here: a real godog that fails like
// this needs a kumite bug to get there.
func TestGodogFailureIsNeverAPass(t *testing.T) {
	tests := []struct {
		name   string
		godog  func(ex *execution) int
		want   results.Status // of every scenario
		errors string         // in run.Errors
	}{
		{"fails and runs nothing", func(*execution) int { return 1 }, results.Failed, ""},
		{"passes and runs nothing", func(*execution) int { return 0 }, results.Failed, ""},
		{"fails after every scenario passed", func(ex *execution) int {
			for _, ref := range ex.order {
				ex.record(ref, &results.Attempt{Number: 1, Status: results.Passed})
			}
			return 1
		}, results.Passed, "godog ended with status 1 although every scenario kumite recorded passed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loadConfig(t, pathArg("testdata/walk"))
			features, lines, err := loadFeatures(cfg.Paths)
			if err != nil {
				t.Fatal(err)
			}
			selected := selectPickles(features, lines, nil, config.Shard{})
			var out bytes.Buffer
			o := Options{Config: cfg, Stdout: &out, Stderr: &out, Now: time.Now}
			run := newRun(o, features, selected)
			ex := newExecution(context.Background(), o, run, features, selected, nil, "")
			saved := runSuite
			runSuite = func(godog.TestSuite) int { return tt.godog(ex) }
			t.Cleanup(func() { runSuite = saved })
			ex.executeWithRetries()
			run.Finish(time.Now())
			if run.Status != results.Failed || runCode(run) == 0 {
				t.Errorf("run %q, exit %d: want failed, exit 1\n%s", run.Status, runCode(run), out.String())
			}
			for name, s := range scenarioStatuses(run) {
				if s != tt.want {
					t.Errorf("scenario %q: %q, want %q", name, s, tt.want)
				}
			}
			if tt.errors != "" && (len(run.Errors) != 1 || !strings.Contains(run.Errors[0], tt.errors)) {
				t.Errorf("run errors %q, want %q", run.Errors, tt.errors)
			}
			if tt.want == results.Failed && !strings.Contains(out.String(), "testdata/walk/a.feature:2: not run: godog ended") {
				t.Errorf("progress does not say which scenario was not run\n%s", out.String())
			}
		})
	}
}
