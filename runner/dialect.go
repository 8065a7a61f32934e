package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/kumite/kumite/browser"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/karate"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/steps"
)

// dialects says which steps of the selected scenarios are Karate's: a
// step that no natural step matches and that reads as Karate. A file may
// mix both.
type dialects struct {
	karate   map[string]*karate.Step       // text + "\x00" + doc string -> parsed
	pattern  *regexp.Regexp                // matches exactly the Karate texts, for godog
	driver   *karate.DriverConfig          // the features' configure driver, if any
	driverAt string                        // file:line of that configure driver
	configs  map[string]*karate.ConfigFile // feature uri -> its karate-config.js
}

func karateKey(text, doc string) string { return text + "\x00" + doc }

// readDialects parses the Karate steps of the selected scenarios. A step
// kumite cannot run (an unsupported keyword or function, a syntax error)
// is a usage error naming the file and line, also in a dry run.
func readDialects(features []*feature, selected map[string]bool, vars map[string]string) (*dialects, error) {
	d := &dialects{karate: map[string]*karate.Step{}, configs: map[string]*karate.ConfigFile{}}
	loaded := map[string]*karate.ConfigFile{}
	called := map[string]*karate.Called{}
	var problems []string
	seen := map[string]bool{}
	var texts []string
	for _, f := range features {
		for _, p := range f.pickles {
			if !selected[p.Id] {
				continue
			}
			for _, ps := range p.Steps {
				doc := ""
				if ps.Argument != nil && ps.Argument.DocString != nil {
					doc = ps.Argument.DocString.Content
				}
				key := karateKey(ps.Text, doc)
				if _, done := d.karate[key]; done || seen[key] || steps.Matches(ps.Text) > 0 || !karate.Is(ps.Text) {
					continue
				}
				at := fmt.Sprintf("%s:%d", f.uri, f.steps[ps.AstNodeIds[0]].line)
				st, err := karate.Parse(ps.Text, doc)
				if err != nil {
					seen[key] = true
					problems = append(problems, fmt.Sprintf("%s: %v\n  %s", at, err, ps.Text))
					continue
				}
				if err := karate.LoadCalls(st, f.dir, called); err != nil {
					seen[key] = true
					problems = append(problems, fmt.Sprintf("%s: %v\n  %s", at, err, ps.Text))
					continue
				}
				if err := d.noteDriver(st, at, vars); err != nil {
					problems = append(problems, err.Error())
				}
				d.karate[key] = st
				texts = append(texts, regexp.QuoteMeta(ps.Text))
				if _, ok := d.configs[f.uri]; !ok {
					c, err := findConfig(f.dir, loaded)
					if err != nil {
						problems = append(problems, err.Error())
					}
					d.configs[f.uri] = c
				}
			}
		}
	}
	if len(problems) > 0 {
		return nil, exitcode.Usagef("%s", strings.Join(dedupe(problems), "\n"))
	}
	if len(texts) > 0 {
		sort.Strings(texts)
		d.pattern = regexp.MustCompile(`^(` + strings.Join(dedupe(texts), "|") + `)$`)
	}
	return d, nil
}

// findConfig finds the karate-config.js that applies to a feature in dir:
// the nearest in dir or a folder above it, up to the working directory.
func findConfig(dir string, loaded map[string]*karate.ConfigFile) (*karate.ConfigFile, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil
	}
	for {
		path := filepath.Join(abs, karate.ConfigName)
		if c, ok := loaded[path]; ok {
			return c, nil
		}
		if _, err := os.Stat(path); err == nil {
			c, err := karate.LoadConfig(path)
			loaded[path] = c
			return c, err
		}
		parent := filepath.Dir(abs)
		if rel, err := filepath.Rel(wd, abs); err != nil || rel == "." || strings.HasPrefix(rel, "..") || parent == abs {
			return nil, nil
		}
		abs = parent
	}
}

// noteDriver records a configure driver; every feature of a run must
// configure the same browser, as they share it.
func (d *dialects) noteDriver(st *karate.Step, at string, vars map[string]string) error {
	if st.Kind != karate.Configure || st.Name != "driver" {
		return nil
	}
	cfg, err := karate.DriverOf(st, vars)
	if err != nil {
		return fmt.Errorf("%s: %v", at, err)
	}
	if d.driver != nil && !d.driver.Same(cfg) {
		return fmt.Errorf("%s: configure driver differs from the one at %s: the scenarios of a run share one browser, so configure it the same way everywhere (or run the features in separate runs)", at, d.driverAt)
	}
	if d.driver == nil {
		d.driver, d.driverAt = &cfg, at
	}
	return nil
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// isKarate tells whether a step of a selected scenario is Karate's.
func (d *dialects) isKarate(text, doc string) bool {
	if d == nil {
		return false
	}
	_, ok := d.karate[karateKey(text, doc)]
	return ok
}

// registerKarate gives godog the Karate steps of this run.
func (ex *execution) registerKarate(sc *godog.ScenarioContext) {
	if ex.dialects == nil || ex.dialects.pattern == nil {
		return
	}
	sc.Step(ex.dialects.pattern, ex.karateStep)
}

// karateStep runs one Karate step in the scenario's runtime, made by its
// first Karate step.
func (ex *execution) karateStep(ctx context.Context, text string) error {
	st := stateOf(ctx)
	if st == nil {
		return fmt.Errorf("kumite bug: Karate step %q outside a scenario", text)
	}
	st.mu.Lock()
	doc := st.cur.DocString
	st.mu.Unlock()
	step := ex.dialects.karate[karateKey(text, doc)]
	if step == nil {
		return fmt.Errorf("kumite bug: Karate step %q was not read with the features", text)
	}
	if st.karate == nil {
		attach := st.attach(ex)
		st.karate = karate.NewScenario(karate.Env{
			Session: st.worker.session, BaseURL: ex.baseURL, Vars: ex.cfg.Vars, EnvName: ex.cfg.Env,
			Attach: func(name string, data []byte, ext string) error {
				return attach(name, data, ext, steps.MediaType(ext))
			},
			Log:    func(text string) { st.log("karate", text) },
			SetVar: st.world.SetVar, AddSecret: st.world.AddSecret,
			Config: ex.dialects.configs[st.ref.f.uri], FeatureDir: st.world.FeatureDir,
			Scenario: st.world.Scenario,
		})
	}
	return st.karate.Run(ctx, step)
}

// log adds a line from source to the running step's log.
func (st *attemptState) log(source, text string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.cur != nil {
		st.cur.Logs = append(st.cur.Logs, results.Log{Time: time.Now(), Level: results.LogInfo, Source: source, Text: text})
	}
}

// browserOptions applies the features' configure driver to the browser
// kumite starts: a flag or setting the user gave explicitly wins.
func (d *dialects) browserOptions(o browser.Options, cfg setOrigins) (browser.Options, error) {
	if d == nil || d.driver == nil {
		return o, nil
	}
	k := d.driver
	if o.Remote == "" && !k.Start {
		if err := k.CheckListening(); err != nil {
			return o, exitcode.Usagef("%s: %v", d.driverAt, err)
		}
		o.Remote, o.ExecPath = k.Remote(), ""
	}
	if k.Headless != nil && !cfg.set("headless") {
		o.Headless = *k.Headless
	}
	if k.Width > 0 && !cfg.set("window-size") {
		o.Width, o.Height = k.Width, k.Height
	}
	o.Flags = append(append([]string(nil), k.AddOptions...), o.Flags...)
	return o, nil
}

// setOrigins tells whether the user set a setting (flag, env or file).
type setOrigins map[string]string

func (s setOrigins) set(name string) bool { _, ok := s[name]; return ok }

// executable is the Chrome to start: --browser, else configure driver's
// executable.
func (d *dialects) executable(flag string) string {
	if flag != "" || d == nil || d.driver == nil {
		return flag
	}
	return d.driver.Executable
}

// startTimeout is how long the browser gets to start: configure driver's
// timeout when it says one.
func (d *dialects) startTimeout(def time.Duration) time.Duration {
	if d == nil || d.driver == nil || d.driver.Timeout <= 0 {
		return def
	}
	return d.driver.Timeout
}
