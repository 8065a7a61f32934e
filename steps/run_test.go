// The step-vocabulary suite: testdata/pass.feature uses every step on the
// right page and must pass; testdata/fail.feature ends each scenario with
// one step on the wrong page, which must fail with the message failCases
// (fail_test.go) asks for. Both run in-process through runner.Run, in real
// Chromium, against the pages of testdata/site. TestEveryStepIsTested
// (coverage_test.go) breaks the build when a step of the vocabulary has no
// such tests.

package steps_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/runner"
)

// The variables and environment every run of a testdata feature gets. The
// secret-named ones must never appear in the results.
var (
	testVars = map[string]string{"greeting": "from-var", "apiToken": "tok-from-var-42"}
	testEnv  = []string{"greeting=from-env", "place=from-env", "DB_PASSWORD=pw-from-env-17"}
	// secrets are values the features type into password fields or keep in
	// secret-named variables.
	secrets = []string{"hunter2", "tok-from-var-42", "pw-from-env-17", "s3cr3t-late", "s3ss-tok-9", "tok-store-5"}
)

// featureRun is the outcome of one in-process `kumite run` of a testdata
// feature.
type featureRun struct {
	run *results.Run
	out string // the progress output
	dir string // the report folder (screenshots)
}

// runFeature runs testdata/<name> against testdata/site in real Chromium,
// with timeout as the step timeout.
func runFeature(t *testing.T, name string, timeout time.Duration, workers int) featureRun {
	t.Helper()
	return runFeatureOn(t, "testdata/"+name, "testdata/site", timeout, workers)
}

// runFeatureOn runs the feature at path against the site folder.
func runFeatureOn(t *testing.T, path, site string, timeout time.Duration, workers int) featureRun {
	t.Helper()
	name := path
	cfg := config.Defaults(workers)
	cfg.Paths = []string{path}
	cfg.Serve = site
	cfg.Out = t.TempDir()
	cfg.Timeout = timeout
	cfg.ScenarioTimeout = time.Minute
	cfg.WindowWidth, cfg.WindowHeight = 800, 600
	cfg.Screenshots = config.ScreenshotsOff
	cfg.Vars = map[string]string{"deadUrl": deadURL(t)}
	for k, v := range testVars {
		cfg.Vars[k] = v
	}
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run, err := runner.Run(ctx, runner.Options{Config: cfg, Stdout: &out, Stderr: &out, Env: testEnv, Version: "test"})
	if run == nil {
		t.Fatalf("kumite run %s did not run: %v\n%s", name, err, out.String())
	}
	if err != nil && !runner.IsSilent(err) {
		t.Fatalf("kumite run %s: %v (exit code %d)\n%s", name, err, exitcode.Of(err), out.String())
	}
	return featureRun{run: run, out: out.String(), dir: cfg.Out}
}

// deadURL is the address of a port that was just closed: a server that
// refuses the connection.
func deadURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/"
}

// scenarios returns every scenario of the run by name; a name used twice is
// a mistake in the feature.
func scenarios(t *testing.T, run *results.Run) map[string]*results.Scenario {
	t.Helper()
	m := map[string]*results.Scenario{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			if m[s.Name] != nil {
				t.Errorf("two scenarios are named %q", s.Name)
			}
			m[s.Name] = s
		}
	}
	return m
}

// describe prints a scenario's steps with their status and error, for a
// failure message.
func describe(s *results.Scenario) string {
	a := s.Final()
	if a == nil {
		return "  (no attempt)"
	}
	var b strings.Builder
	for _, st := range a.Steps {
		fmt.Fprintf(&b, "  %-9s line %d: %s %s\n", st.Status, st.Line, st.Keyword, st.Text)
		if st.Error != "" {
			fmt.Fprintf(&b, "            %s\n", strings.ReplaceAll(st.Error, "\n", "\n            "))
		}
	}
	return b.String()
}

// noSecrets fails when a secret appears anywhere in the results or the
// progress output.
func noSecrets(t *testing.T, fr featureRun) {
	t.Helper()
	data, err := json.Marshal(fr.run)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if i := bytes.Index(data, []byte(s)); i >= 0 {
			t.Errorf("secret %q is in the results: …%s…", s, data[max(0, i-200):min(len(data), i+100)])
		}
		if strings.Contains(fr.out, s) {
			t.Errorf("secret %q is in the progress output:\n%s", s, fr.out)
		}
	}
}
