package karate

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
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

// applyConfig calls karate-config.js's function and makes each key of the
// object it returns a variable.
func (s *Scenario) applyConfig() error {
	c := s.env.Config
	if c == nil {
		return nil
	}
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
		if err := s.rt.Set(k, obj.Get(k)); err != nil {
			return err
		}
	}
	return nil
}

// read is Karate's read(path): a file relative to the feature, JSON
// parsed, JavaScript evaluated, anything else as text.
func (s *Scenario) read(path string) goja.Value {
	if strings.HasPrefix(path, "classpath:") {
		s.throw(fmt.Errorf("read('%s'): kumite reads files relative to the feature, not from a classpath (write the path relative to the feature file)", path))
	}
	path = strings.TrimPrefix(path, "this:")
	full := path
	if !filepath.IsAbs(full) {
		full = filepath.Join(s.env.FeatureDir, path)
	}
	data, err := os.ReadFile(full)
	if err != nil {
		s.throw(fmt.Errorf("read('%s'): %w", path, err))
	}
	switch strings.ToLower(filepath.Ext(full)) {
	case ".json":
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			s.throw(fmt.Errorf("read('%s'): not valid JSON: %w", path, err))
		}
		return s.rt.ToValue(v)
	case ".js":
		v, err := s.rt.RunScript(full, "("+string(data)+"\n)")
		if err != nil {
			s.throw(fmt.Errorf("read('%s'): %v", path, err))
		}
		return v
	case ".feature":
		s.throw(fmt.Errorf("read('%s'): kumite does not call features yet", path))
	}
	return s.rt.ToValue(string(data))
}
