package runner

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/results"
)

// loadConfig builds the Config of `kumite run` with these flags, in an
// empty folder, with --out in a temporary folder.
func loadConfig(t *testing.T, flags ...config.Setting) config.Config {
	t.Helper()
	flags = append([]config.Setting{{Name: "out", Value: t.TempDir()}, {Name: "workers", Value: "1"}}, flags...)
	cfg, err := config.Load(1, config.Sources{Dir: t.TempDir(), Flags: flags})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func pathArg(p string) config.Setting { return config.Setting{Name: "path", Value: p} }

// offline is what Run returned and printed.
type offline struct {
	run            *results.Run
	err            error
	stdout, stderr string
}

// runOffline runs cfg with a browser that does not exist, so any attempt
// to start one fails the run with exit code 2.
func runOffline(t *testing.T, cfg config.Config) offline {
	t.Helper()
	cfg.Browser = "/nonexistent/chromium"
	var stdout, stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	run, err := Run(ctx, Options{Config: cfg, Stdout: &stdout, Stderr: &stderr, Env: []string{"HOME=" + t.TempDir()}, Version: "test"})
	return offline{run, err, stdout.String(), stderr.String()}
}

func TestRunDryRunStartsNoBrowser(t *testing.T) {
	known := lineOf(t, "testdata/dryrun.feature", "Scenario: known steps")
	cfg := loadConfig(t, config.Setting{Name: "dry-run", Value: "true"}, pathArg("testdata/dryrun.feature:"+itoa(known)))
	o := runOffline(t, cfg)
	run, err, stdout := o.run, o.err, o.stdout
	if code := exitcode.Of(err); code != exitcode.OK {
		t.Fatalf("dry run of known steps: exit %d (%v), want 0\n%s", code, err, stdout)
	}
	if run.Status != results.Passed || run.Counts.Skipped != 1 || run.Env.Browser != "" {
		t.Errorf("run %q %+v browser %q, want passed, 1 skipped, no browser", run.Status, run.Counts, run.Env.Browser)
	}
	if !strings.Contains(stdout, "1 scenarios: 0 passed, 0 failed, 1 skipped") {
		t.Errorf("stdout %q has no summary", stdout)
	}
}

func TestRunDryRunUndefined(t *testing.T) {
	cfg := loadConfig(t, config.Setting{Name: "dry-run", Value: "true"}, pathArg("testdata/dryrun.feature"))
	o := runOffline(t, cfg)
	run, err, stdout := o.run, o.err, o.stdout
	if code := exitcode.Of(err); code != exitcode.Failed {
		t.Fatalf("dry run with an undefined step: exit %d (%v), want 1", code, err)
	}
	if !IsSilent(err) {
		t.Errorf("error %v: the output already explains it, want a silent error", err)
	}
	if run.Counts.Undefined != 1 {
		t.Errorf("counts %+v, want 1 undefined", run.Counts)
	}
	// The user must learn which step, where, and what to write instead.
	for _, w := range []string{"testdata/dryrun.feature:7 a typo", `testdata/dryrun.feature:9 When I clik "#a"`, `did you mean: I click "LOC"`} {
		if !strings.Contains(stdout, w) {
			t.Errorf("stdout does not say %q:\n%s", w, stdout)
		}
	}
	if strings.Contains(stdout, "known steps") {
		t.Errorf("stdout lists a scenario whose steps all match:\n%s", stdout)
	}
}

// TestRunThatCannotStart checks that a run that cannot start exits 2 with
// a message that says how to fix it, and that the run it returns (for the
// report) is finished and says why.
func TestRunThatCannotStart(t *testing.T) {
	tests := []struct {
		name  string
		flags []config.Setting
		want  string
	}{
		{"no browser", nil, "no Chrome or Chromium found: --browser /nonexistent/chromium"},
		{"--serve of a missing folder", []config.Setting{{Name: "serve", Value: "testdata/no-such-site"}}, "--serve testdata/no-such-site: no such folder"},
		{"--web-server that exits", []config.Setting{{Name: "web-server", Value: "exit 3"}, {Name: "web-server-url", Value: "http://127.0.0.1:9/"}},
			`--web-server "exit 3" exited before http://127.0.0.1:9/ answered: exit status 3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loadConfig(t, append(tt.flags, pathArg("testdata/walk/b.feature"))...)
			o := runOffline(t, cfg)
			run, err := o.run, o.err
			if code := exitcode.Of(err); code != exitcode.Usage {
				t.Fatalf("exit %d (%v), want 2", code, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			if run == nil {
				t.Fatal("no run to report")
			}
			if run.Status != results.Failed || run.End.IsZero() || len(run.Errors) != 1 || !strings.Contains(run.Errors[0], tt.want) {
				t.Errorf("run status %q, end %s, errors %q: want a finished, failed run that says why", run.Status, run.End, run.Errors)
			}
			if run.Counts != (results.Counts{Total: 1, Skipped: 1}) {
				t.Errorf("counts %+v, want the scenario skipped", run.Counts)
			}
		})
	}
}

func TestRunBadTags(t *testing.T) {
	cfg := loadConfig(t, config.Setting{Name: "tags", Value: "@a and"}, pathArg("testdata/walk"))
	o := runOffline(t, cfg)
	run, err := o.run, o.err
	if exitcode.Of(err) != exitcode.Usage || run != nil {
		t.Fatalf("Run = %v, %v; want no run and exit 2", run, err)
	}
	if want := `--tags "@a and": expected a tag after "and"`; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
}

// TestRunNothingSelected: a selection of no scenario is an error of the
// command line (exit 2, as Playwright's "No tests found"), unless
// --pass-with-no-tests; an empty shard of a non-empty selection is not.
func TestRunNothingSelected(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name   string
		flags  []config.Setting
		code   exitcode.Code
		stderr string
	}{
		{"tags", []config.Setting{{Name: "tags", Value: "@nothing"}, pathArg("testdata/walk")},
			exitcode.Usage, `no scenario found (paths testdata/walk, tags "@nothing"); --pass-with-no-tests to exit 0`},
		{"tags, allowed", []config.Setting{{Name: "tags", Value: "@nothing"}, {Name: "pass-with-no-tests", Value: "true"}, pathArg("testdata/walk")},
			exitcode.OK, `no scenario found (paths testdata/walk, tags "@nothing")`},
		{"empty folder", []config.Setting{pathArg(empty)},
			exitcode.Usage, "no scenario found (paths " + empty + "): no .feature files in " + empty},
		{"empty folder, allowed", []config.Setting{pathArg(empty), {Name: "pass-with-no-tests", Value: "true"}},
			exitcode.OK, "no .feature files in " + empty},
		{"features without scenarios", []config.Setting{pathArg("testdata/noscenario")},
			exitcode.Usage, "no scenario found (paths testdata/noscenario)"},
		{"dry run", []config.Setting{{Name: "tags", Value: "@nothing"}, {Name: "dry-run", Value: "true"}, pathArg("testdata/walk")},
			exitcode.Usage, "no scenario found"},
		// CodeBuild batch builds fix N; a shard past the last scenario has
		// nothing to do, and that is no mistake of the user.
		{"empty shard", []config.Setting{{Name: "shard", Value: "6/9"}, pathArg("testdata/walk")},
			exitcode.OK, "shard 6/9 has no scenario: the selection has 5, dealt round-robin to 9 shards"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := runOffline(t, loadConfig(t, tt.flags...))
			if code := exitcode.Of(o.err); code != tt.code {
				t.Fatalf("exit %d (%v), want %d\nstdout %s\nstderr %s", code, o.err, tt.code, o.stdout, o.stderr)
			}
			if msg := o.stderr + fmt.Sprint(o.err); !strings.Contains(msg, tt.stderr) {
				t.Errorf("stderr %q, error %v: does not say %q", o.stderr, o.err, tt.stderr)
			}
			if o.run == nil || o.run.Counts.Total != 0 || o.run.End.IsZero() {
				t.Fatalf("run %+v: want a finished run of no scenario, for the report", o.run)
			}
			if tt.code == exitcode.Usage && (o.run.Status != results.Failed || len(o.run.Errors) == 0) {
				t.Errorf("run %q, errors %q: the report must say why nothing ran", o.run.Status, o.run.Errors)
			}
		})
	}
}

// TestRunLineOfNoScenario: PATH:LINE that selects no scenario is a typo,
// never an empty run, also with --pass-with-no-tests.
func TestRunLineOfNoScenario(t *testing.T) {
	feature := "testdata/select.feature"
	bg := lineOf(t, feature, `Given I open "/index.html"`)
	first := lineOf(t, feature, "Scenario: first")
	for _, allow := range []string{"false", "true"} {
		cfg := loadConfig(t, config.Setting{Name: "pass-with-no-tests", Value: allow},
			pathArg(feature+":"+itoa(first)), pathArg(feature+":"+itoa(bg)), pathArg("testdata/walk/b.feature:2"))
		o := runOffline(t, cfg)
		if exitcode.Of(o.err) != exitcode.Usage {
			t.Fatalf("--pass-with-no-tests=%s: exit %d (%v), want 2", allow, exitcode.Of(o.err), o.err)
		}
		want := fmt.Sprintf("%s:%d: no scenario at this line (scenarios start at lines %d,", feature, bg, first)
		if !strings.Contains(o.err.Error(), want) {
			t.Errorf("error %q does not say %q", o.err, want)
		}
	}
}

// TestRunWarnsOfFeatureWithoutScenarios: a feature with nothing to run
// is worth a warning, not a failure, when other features run.
func TestRunWarnsOfFeatureWithoutScenarios(t *testing.T) {
	cfg := loadConfig(t, config.Setting{Name: "dry-run", Value: "true"}, pathArg("testdata/walk/b.feature"), pathArg("testdata/noscenario"))
	o := runOffline(t, cfg)
	if o.err != nil {
		t.Fatalf("Run: %v, want exit 0\n%s", o.err, o.stdout)
	}
	if want := `warning: testdata/noscenario/empty.feature:1: Feature "nothing here yet" has no scenario`; !strings.Contains(o.stderr, want) {
		t.Errorf("stderr %q does not say %q", o.stderr, want)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestCapWorkers(t *testing.T) {
	tests := []struct {
		asked, cpus, scenarios, want int
		warns                        bool
	}{
		{2, 2, 10, 2, false},
		{8, 2, 10, 8, false},
		{9, 2, 10, 8, true},
		{10000, 2, 60, 8, true},
		{10000, 2, 3, 3, true},
		{4, 2, 3, 3, false}, // never more workers than scenarios, and no need to say so
		{4, 0, 3, 3, false},
		{1, 2, 0, 1, false},
	}
	for _, tt := range tests {
		got, warning := capWorkers(tt.asked, tt.cpus, tt.scenarios)
		if got != tt.want || (warning != "") != tt.warns {
			t.Errorf("capWorkers(%d, %d CPUs, %d scenarios) = %d, %q; want %d, warning %v", tt.asked, tt.cpus, tt.scenarios, got, warning, tt.want, tt.warns)
		}
	}
}
