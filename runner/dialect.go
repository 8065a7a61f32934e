package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v21"

	"github.com/kumite/kumite/browser"
	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/karate"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/steps"
)

// dialects says which steps of the selected scenarios are Karate's: a
// step that no natural step matches and that reads as Karate. A file may
// mix both.
type dialects struct {
	karate   map[string]*karate.Step  // karateKey (text, doc string, table) -> parsed
	pattern  *regexp.Regexp           // matches exactly the Karate texts, for godog
	driver   *karate.DriverConfig     // the features' configure driver, if any
	driverAt string                   // file:line of that configure driver
	configs  map[string]featureConfig // feature uri -> its karate-config.js and karate-config-<env>.js
	shared   *karate.Shared           // what the scenarios share: called features, callonce, callSingle
}

// featureConfig is the configuration files of a feature: karate-config.js
// and, with --env, karate-config-<env>.js (either may be nil), and the
// variables they return as far as they are known before any scenario runs
// (karate.ConfigDriver).
type featureConfig struct {
	base, env *karate.ConfigFile
	known     map[string]any
}

// readsEnv says whether a karate-config.js (or karate-config-<env>.js)
// applies to a selected scenario: it reads --env as karate.env, so an env
// without an envs: section in kumite.yaml is not a mistake.
func (d *dialects) readsEnv() bool {
	for _, c := range d.configs {
		if c.base != nil || c.env != nil {
			return true
		}
	}
	return false
}

// karateKey tells a Karate step by its feature's folder (a call's literal
// path is read relative to it, so the same text in two folders calls two
// features), its text, doc string and data table.
func karateKey(dir, text, doc string, table [][]string) string {
	var b strings.Builder
	b.WriteString(dir + "\x00" + text + "\x00" + doc)
	for _, row := range table {
		b.WriteString("\x00" + strings.Join(row, "\x01"))
	}
	return b.String()
}

// pickleTable is a pickle step's data table as rows of cells, nil when none.
func pickleTable(ps *messages.PickleStep) [][]string {
	if ps.Argument == nil || ps.Argument.DataTable == nil {
		return nil
	}
	var rows [][]string
	for _, row := range ps.Argument.DataTable.Rows {
		cells := make([]string, len(row.Cells))
		for i, c := range row.Cells {
			cells[i] = c.Value
		}
		rows = append(rows, cells)
	}
	return rows
}

// readDialects parses the Karate steps of the selected scenarios. A step
// kumite cannot run (an unsupported keyword or function, a syntax error)
// is a usage error naming the file and line, also in a dry run.
func readDialects(features []*feature, selected map[string]bool, cfg config.Config) (*dialects, error) {
	vars := cfg.Vars
	d := &dialects{karate: map[string]*karate.Step{}, configs: map[string]featureConfig{}, shared: karate.NewShared()}
	roots := runRoots(cfg.Paths)
	d.shared.ClassRoots = func(dir string) []string { return karate.ClassRoots(dir, roots) }
	loaded := map[string]*karate.ConfigFile{}
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
				table := pickleTable(ps)
				key := karateKey(f.dir, ps.Text, doc, table)
				if _, done := d.karate[key]; done || seen[key] || steps.Matches(ps.Text) > 0 || !karate.Is(ps.Text) {
					continue
				}
				at := fmt.Sprintf("%s:%d", f.uri, f.steps[ps.AstNodeIds[0]].line)
				st, err := karate.ParseStep(ps.Text, doc, table)
				if err != nil {
					seen[key] = true
					problems = append(problems, fmt.Sprintf("%s: %v\n  %s", at, err, ps.Text))
					continue
				}
				if err := d.shared.LoadCalls(st, f.dir); err != nil {
					seen[key] = true
					problems = append(problems, fmt.Sprintf("%s: %v\n  %s", at, err, ps.Text))
					continue
				}
				if _, ok := d.configs[f.uri]; !ok {
					c, err := configsOf(f.dir, cfg, loaded)
					if err != nil {
						problems = append(problems, err.Error())
					}
					if err := d.noteConfigDriver(&c, cfg); err != nil {
						problems = append(problems, err.Error())
					}
					d.configs[f.uri] = c
				}
				if err := d.noteDriver(st, at, vars, d.configs[f.uri].known); err != nil {
					problems = append(problems, err.Error())
				}
				d.karate[key] = st
				texts = append(texts, regexp.QuoteMeta(ps.Text))
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

// runRoots are the folders the run was given (a file's folder), absolute:
// classpath: falls back to the one that holds the feature.
func runRoots(paths []string) []string {
	var out []string
	for _, p := range paths {
		if i := strings.LastIndex(p, ":"); i > 0 {
			if _, err := strconv.Atoi(p[i+1:]); err == nil {
				p = p[:i]
			}
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
			abs = filepath.Dir(abs)
		}
		out = append(out, abs)
	}
	return out
}

// configsOf finds the configuration files of a feature in dir, as Karate
// does: karate-config.js, then with --env NAME karate-config-NAME.js,
// whose keys win. --karate-config FILE replaces the search for the first;
// the second is then beside FILE.
func configsOf(dir string, cfg config.Config, loaded map[string]*karate.ConfigFile) (featureConfig, error) {
	var fc featureConfig
	var err error
	if cfg.KarateConfig != "" {
		if _, statErr := os.Stat(cfg.KarateConfig); statErr != nil {
			return fc, exitcode.Usagef("%s: cannot read it: %v", cfg.Where("karate-config"), statErr)
		}
		if fc.base, err = loadKarateConfig(cfg.KarateConfig, loaded); err != nil {
			return fc, err
		}
		if cfg.Env != "" {
			envPath := filepath.Join(filepath.Dir(cfg.KarateConfig), "karate-config-"+cfg.Env+".js")
			if _, statErr := os.Stat(envPath); statErr == nil {
				fc.env, err = loadKarateConfig(envPath, loaded)
			}
		}
		return fc, err
	}
	if fc.base, err = findConfig(dir, karate.ConfigName, loaded); err != nil || cfg.Env == "" {
		return fc, err
	}
	fc.env, err = findConfig(dir, "karate-config-"+cfg.Env+".js", loaded)
	return fc, err
}

func loadKarateConfig(path string, loaded map[string]*karate.ConfigFile) (*karate.ConfigFile, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if c, ok := loaded[abs]; ok {
		return c, nil
	}
	c, err := karate.LoadConfig(path)
	loaded[abs] = c
	return c, err
}

// findConfig finds the file name that applies to a feature in dir: the
// nearest in dir or a folder above it, up to the working directory.
func findConfig(dir, name string, loaded map[string]*karate.ConfigFile) (*karate.ConfigFile, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil
	}
	for {
		path := filepath.Join(abs, name)
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
func (d *dialects) noteDriver(st *karate.Step, at string, vars map[string]string, known map[string]any) error {
	if st.Kind != karate.Configure || st.Name != "driver" {
		return nil
	}
	cfg, err := karate.DriverOf(st, vars, known)
	if err != nil {
		return fmt.Errorf("%s: %v", at, err)
	}
	return d.useDriver(cfg, at)
}

// noteConfigDriver records what a feature's configuration files pass to
// karate.configure('driver', …), and keeps the variables they return
// for its configure driver steps.
func (d *dialects) noteConfigDriver(c *featureConfig, cfg config.Config) error {
	files := []*karate.ConfigFile{c.base, c.env}
	driver, known, err := karate.ConfigDriver(files, cfg.Env, cfg.Vars)
	c.known = known
	if err != nil || driver == nil {
		return err
	}
	at := karate.ConfigName
	for _, f := range files {
		if f != nil {
			at = f.Path
			break
		}
	}
	return d.useDriver(*driver, at)
}

// useDriver records the run's browser configuration, from at.
func (d *dialects) useDriver(cfg karate.DriverConfig, at string) error {
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

// isKarate tells whether a step of a selected scenario of a feature in
// dir is Karate's.
func (d *dialects) isKarate(dir, text, doc string, table [][]string) bool {
	if d == nil {
		return false
	}
	_, ok := d.karate[karateKey(dir, text, doc, table)]
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
	doc, table := st.cur.DocString, st.cur.Table
	st.mu.Unlock()
	step := ex.dialects.karate[karateKey(st.ref.f.dir, text, doc, table)]
	if step == nil {
		return fmt.Errorf("kumite bug: Karate step %q was not read with the features", text)
	}
	if st.karate == nil {
		attach := st.attach(ex)
		var tags []string
		for _, t := range st.ref.p.Tags {
			tags = append(tags, t.Name)
		}
		featureName := ""
		if st.ref.f.doc.Feature != nil {
			featureName = st.ref.f.doc.Feature.Name
		}
		st.karate = karate.NewScenario(karate.Env{
			Session: st.worker.session, BaseURL: ex.baseURL, Vars: ex.cfg.Vars, EnvName: ex.cfg.Env,
			Attach: func(name string, data []byte, ext string) error {
				return attach(name, data, ext, steps.MediaType(ext))
			},
			Log:    func(text string) { st.log("karate", text) },
			SetVar: st.world.SetVar, AddSecret: st.world.AddSecret,
			Config: ex.dialects.configs[st.ref.f.uri].base, EnvConfig: ex.dialects.configs[st.ref.f.uri].env,
			FeatureDir: st.world.FeatureDir,
			Shared:     ex.dialects.shared, Embed: attach, OutDir: ex.cfg.Out,
			FeaturePath: st.ref.f.uri, FeatureName: featureName, ScenarioName: st.ref.p.Name,
			ScenarioLine: st.ref.result.Line, Tags: tags,
			Scenario: st.world.Scenario, StepTimeout: st.world.Timeout,
		})
	}
	err := st.karate.Run(ctx, step)
	if errors.Is(err, karate.ErrAborted) {
		st.log("karate", err.Error())
		return godog.ErrSkip // this step and the rest are skipped; the scenario passes
	}
	return err
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
