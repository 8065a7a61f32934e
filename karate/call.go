package karate

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
	"github.com/dop251/goja"
)

// Call is `call read('other.feature') [arg]`: the other feature's steps run
// in the caller's scenario, with its driver.
type Call struct {
	Path    string // as written, relative to the calling feature
	Arg     string // the argument expression, "" when none
	argProg *goja.Program
	Feature *Called // set by LoadCalls
}

// Called is a feature that a step calls, read and parsed.
type Called struct {
	Path  string // absolute
	Steps []CalledStep
}

// CalledStep is one step of a called feature and its line.
type CalledStep struct {
	Step *Step
	Line int64
}

var callRe = regexp.MustCompile(`^call\s+read\(\s*(?:'([^']+)'|"([^"]+)")\s*\)\s*(.*)$`)

// parseCall reads "call read('x.feature') arg".
func parseCall(src string) (*Call, error) {
	m := callRe.FindStringSubmatch(strings.TrimSpace(src))
	if m == nil {
		return nil, fmt.Errorf("kumite calls features by a literal path only, e.g. call read('login.feature'), got %q", src)
	}
	c := &Call{Path: m[1] + m[2], Arg: strings.TrimSpace(m[3])}
	if !strings.HasSuffix(c.Path, ".feature") {
		return nil, fmt.Errorf("call read('%s'): kumite calls features only", c.Path)
	}
	if strings.HasPrefix(c.Path, "classpath:") {
		return nil, fmt.Errorf("call read('%s'): kumite reads files relative to the feature, not from a classpath", c.Path)
	}
	c.Path = strings.TrimPrefix(c.Path, "this:")
	if c.Arg != "" {
		p, err := compileExpr(c.Arg)
		if err != nil {
			return nil, fmt.Errorf("call read('%s') %s: %w", c.Path, c.Arg, err)
		}
		c.argProg = p
	}
	return c, nil
}

// LoadCalls reads the feature st calls (if any), relative to dir, and the
// features those call, so every step is checked before anything runs.
// loaded caches what was read by absolute path.
func LoadCalls(st *Step, dir string, loaded map[string]*Called) error {
	return loadCalls(st, dir, loaded, 0)
}

func loadCalls(st *Step, dir string, loaded map[string]*Called, depth int) error {
	if st.Call == nil {
		return nil
	}
	path := filepath.Join(dir, st.Call.Path)
	if c, ok := loaded[path]; ok {
		if c == nil {
			return fmt.Errorf("call read('%s'): it calls itself", st.Call.Path)
		}
		st.Call.Feature = c
		return nil
	}
	if depth > 10 {
		return fmt.Errorf("call read('%s'): calls nest more than 10 deep", st.Call.Path)
	}
	loaded[path] = nil // being read: a call back to it is a cycle
	content, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("call read('%s'): %w", st.Call.Path, err)
	}
	n := 0
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(content), func() string { n++; return fmt.Sprint(n) })
	if err != nil {
		return fmt.Errorf("call read('%s'): %s: %v", st.Call.Path, path, err)
	}
	c := &Called{Path: path}
	if doc.Feature == nil {
		return fmt.Errorf("call read('%s'): %s holds no feature", st.Call.Path, path)
	}
	for _, child := range doc.Feature.Children {
		var steps []*messages.Step
		switch {
		case child.Background != nil:
			steps = child.Background.Steps
		case child.Scenario != nil && len(child.Scenario.Examples) > 0:
			return fmt.Errorf("%s:%d: kumite does not call a Scenario Outline yet", path, child.Scenario.Location.Line)
		case child.Scenario != nil:
			steps = child.Scenario.Steps
		case child.Rule != nil:
			return fmt.Errorf("%s:%d: kumite does not call a feature with rules yet", path, child.Rule.Location.Line)
		}
		for _, s := range steps {
			docString := ""
			if s.DocString != nil {
				docString = s.DocString.Content
			}
			if !Is(s.Text) {
				return fmt.Errorf("%s:%d: a called feature may hold only Karate steps, not %q", path, s.Location.Line, s.Text)
			}
			cs, err := Parse(s.Text, docString)
			if err != nil {
				return fmt.Errorf("%s:%d: %v", path, s.Location.Line, err)
			}
			if err := loadCalls(cs, filepath.Dir(path), loaded, depth+1); err != nil {
				return fmt.Errorf("%s:%d: %v", path, s.Location.Line, err)
			}
			c.Steps = append(c.Steps, CalledStep{Step: cs, Line: s.Location.Line})
		}
	}
	loaded[path] = c
	st.Call.Feature = c
	return nil
}

// call runs a called feature's steps. Shared (no def): what they define
// stays. Isolated (def x = call ...): the caller's variables come back as
// they were, and what the feature defined or changed is the result.
func (s *Scenario) call(c *Call, shared bool) (goja.Value, error) {
	if c.Feature == nil {
		return nil, fmt.Errorf("kumite bug: call read('%s') was not loaded", c.Path)
	}
	global := s.rt.GlobalObject()
	before := map[string]goja.Value{}
	for _, k := range global.Keys() {
		before[k] = global.Get(k)
	}
	if c.argProg != nil {
		arg, err := s.eval(c.argProg)
		if err != nil {
			return nil, fmt.Errorf("call read('%s') %s: %v", c.Path, c.Arg, err)
		}
		_ = s.rt.Set("__arg", arg)
		if obj, ok := arg.(*goja.Object); ok {
			for _, k := range obj.Keys() {
				_ = s.rt.Set(k, obj.Get(k))
			}
		}
	}
	for _, cs := range c.Feature.Steps {
		if err := s.run(cs.Step); err != nil {
			return nil, fmt.Errorf("call read('%s'): %s:%d: %w", c.Path, c.Feature.Path, cs.Line, err)
		}
	}
	result := s.rt.NewObject()
	for _, k := range global.Keys() {
		v := global.Get(k)
		if old, ok := before[k]; !ok || !old.SameAs(v) {
			_ = result.Set(k, v)
			if !shared {
				if ok {
					_ = global.Set(k, old)
				} else {
					_ = global.Delete(k)
				}
			}
		}
	}
	return result, nil
}
