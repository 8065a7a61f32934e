package karate

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
	"gopkg.in/yaml.v3"
)

// ConfigFile is a karate-config.js: a JavaScript function whose returned
// object's keys become every scenario's variables.
type ConfigFile struct {
	Path string
	prog *goja.Program
}

// ConfigName is the file Karate reads its configuration from.
const ConfigName = "karate-config.js"

// LoadConfig reads and compiles a karate-config.js, so a syntax error is
// found before anything runs.
func LoadConfig(path string) (*ConfigFile, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	prog, err := goja.Compile(path, "("+string(src)+"\n)", false)
	if err != nil {
		return nil, fmt.Errorf("%s: not valid JavaScript: %v", path, err)
	}
	return &ConfigFile{Path: path, prog: prog}, nil
}

// applyConfig runs karate-config.js, then karate-config-<env>.js.
func (s *Scenario) applyConfig() error {
	for _, c := range []*ConfigFile{s.env.Config, s.env.EnvConfig} {
		if c == nil {
			continue
		}
		if err := s.applyConfigFile(c); err != nil {
			return err
		}
	}
	return nil
}

// applyConfigFile calls a configuration file's function and makes each key
// of the object it returns a variable.
func (s *Scenario) applyConfigFile(c *ConfigFile) error {
	v, err := s.rt.RunProgram(c.prog)
	if err != nil {
		return fmt.Errorf("%s: %v", c.Path, err)
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		return fmt.Errorf("%s: it must be a function that returns an object, e.g. function fn() { return { baseUrl: '…' } }", c.Path)
	}
	s.failure = nil
	out, err := fn(goja.Undefined())
	if s.aborted {
		s.rt.ClearInterrupt()
		return nil // karate.abort() in the configuration: Run skips the scenario
	}
	if err != nil {
		if s.failure != nil {
			return fmt.Errorf("%s: %w", c.Path, s.failure)
		}
		return fmt.Errorf("%s: %v", c.Path, err)
	}
	obj, ok := out.(*goja.Object)
	if !ok || goja.IsNull(out) {
		return fmt.Errorf("%s: its function returned %s, not an object", c.Path, s.show(out))
	}
	for _, k := range obj.Keys() {
		if err := s.define(k, obj.Get(k)); err != nil {
			return err
		}
	}
	return nil
}

// read is Karate's read(path): a file relative to the feature whose step
// runs (this: too), classpath: against the class roots, file: as it is;
// JSON parsed, JavaScript evaluated, a feature callable, anything else as
// text.
func (s *Scenario) read(path string) goja.Value {
	if base := strings.ToLower(strings.SplitN(path, "?", 2)[0]); strings.HasSuffix(base, ".feature") || strings.Contains(base, ".feature@") || strings.HasPrefix(base, "@") {
		return s.readFeature(path)
	}
	full, err := s.shared().resolve(path, s.where)
	if err != nil {
		s.throw(fmt.Errorf("read('%s'): %v", path, err))
	}
	data, err := os.ReadFile(full)
	if err != nil {
		s.throw(fmt.Errorf("read('%s'): %w", path, err))
	}
	switch strings.ToLower(filepath.Ext(full)) {
	case ".json":
		v, err := s.parseJSON(string(data))
		if err != nil {
			s.throw(fmt.Errorf("read('%s'): not valid JSON: %s", path, s.errText(err)))
		}
		v, err = s.embedded(v)
		if err != nil {
			s.throw(fmt.Errorf("read('%s'): %v", path, err))
		}
		return v
	case ".yaml", ".yml":
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			s.throw(fmt.Errorf("read('%s'): not valid YAML: %v", path, err))
		}
		return s.toJS(v)
	case ".csv":
		records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			s.throw(fmt.Errorf("read('%s'): not valid CSV: %v", path, err))
		}
		rows := []any{}
		for i, rec := range records {
			if i == 0 {
				continue
			}
			row := map[string]any{}
			for j, h := range records[0] {
				if j < len(rec) {
					row[h] = rec[j]
				}
			}
			rows = append(rows, row)
		}
		return s.toJS(rows)
	case ".js":
		v, err := s.rt.RunScript(full, "("+string(data)+"\n)")
		if err != nil {
			s.throw(fmt.Errorf("read('%s'): %v", path, err))
		}
		return v
	}
	return s.rt.ToValue(string(data))
}

// parseJSON is JSON.parse: real JavaScript objects, in the text's key order.
func (s *Scenario) parseJSON(text string) (goja.Value, error) {
	parse, _ := goja.AssertFunction(s.rt.Get("JSON").ToObject(s.rt).Get("parse"))
	return parse(goja.Undefined(), s.rt.ToValue(text))
}

// ClassRoots are the folders classpath: paths are relative to, for a
// feature (or file) in dir. In a Maven or Gradle layout (an ancestor
// src/test/java or src/test/resources), both of those, as Karate's
// classpath holds both; otherwise the folder of the run's arguments
// (runRoots) that holds dir (the deepest); otherwise dir.
func ClassRoots(dir string, runRoots []string) []string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return []string{dir}
	}
	for d := abs; ; d = filepath.Dir(d) {
		base, parent := filepath.Base(d), filepath.Dir(d)
		if (base == "java" || base == "resources") && filepath.Base(parent) == "test" && filepath.Base(filepath.Dir(parent)) == "src" {
			var out []string
			for _, r := range []string{"java", "resources"} {
				if fi, err := os.Stat(filepath.Join(parent, r)); err == nil && fi.IsDir() {
					out = append(out, filepath.Join(parent, r))
				}
			}
			return out
		}
		if parent == d {
			break
		}
	}
	var best string
	for _, r := range runRoots {
		rel, err := filepath.Rel(r, abs)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, "../") && len(r) > len(best) {
			best = r
		}
	}
	if best != "" {
		return []string{best}
	}
	return []string{abs}
}
