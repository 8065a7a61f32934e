package karate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
	"github.com/dop251/goja"
)

// Call is `call EXPR [arg]` or `callonce EXPR [arg]`: EXPR is a feature
// (read('other.feature'), or a variable holding one) or a JavaScript
// function. A feature's steps run in the caller's scenario, with its
// driver.
type Call struct {
	Callee     string // the callee expression as written, e.g. read('x.feature') or fn
	Arg        string // the argument expression, "" when none
	Once       bool   // callonce
	calleeProg *goja.Program
	argProg    *goja.Program
	// Feature is the called feature when Callee is read() of a literal
	// path: read and checked with the features (LoadCalls); otherwise
	// the callee is evaluated when the step runs.
	Feature *Called
	literal string // the literal path of read('...'), "" when computed
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

// featureValue is what read('x.feature') returns: a callable feature.
type featureValue struct{ called *Called }

var literalReadRe = regexp.MustCompile(`^read\(\s*(?:'([^']+)'|"([^"]+)")\s*\)$`)

// parseCall reads the text after call or callonce: the callee, then an
// optional argument after the first space outside brackets and strings
// (Karate splits it the same way: `call read ('x.json')` calls read with
// the argument ('x.json')).
func parseCall(src string, once bool) (*Call, error) {
	src = strings.TrimSpace(src)
	keyword := "call"
	if once {
		keyword = "callonce"
	}
	if src == "" {
		return nil, fmt.Errorf("%s needs a feature or a function, e.g. %s read('login.feature')", keyword, keyword)
	}
	c := &Call{Once: once, Callee: src}
	blank := stripSameLength(src)
	depth := 0
	for i, r := range blank {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ' ', '\t':
			if depth == 0 {
				c.Callee, c.Arg = src[:i], strings.TrimSpace(src[i:])
			}
		}
		if c.Arg != "" {
			break
		}
	}
	if m := literalReadRe.FindStringSubmatch(c.Callee); m != nil {
		c.literal = m[1] + m[2]
		if err := noTagSelector(c.literal); err != nil {
			return nil, err
		}
	}
	var err error
	if c.calleeProg, err = compileExpr(c.Callee); err != nil {
		return nil, fmt.Errorf("%s %s: %w", keyword, c.Callee, err)
	}
	if c.Arg != "" {
		if c.argProg, err = compileExpr(c.Arg); err != nil {
			return nil, fmt.Errorf("%s %s %s: %w", keyword, c.Callee, c.Arg, err)
		}
	}
	if err := checkFunctions(c.Callee + "\n" + c.Arg); err != nil {
		return nil, err
	}
	return c, nil
}

// Shared is what the scenarios of one run share, safely across workers:
// the called features, read and checked once, and the results of
// callonce (per calling feature file) and karate.callSingle (per run).
type Shared struct {
	mu     sync.Mutex
	loaded map[string]*Called // absolute path -> feature
	once   map[string]*onceEntry
	// ClassRoots returns the folders classpath: paths are relative to,
	// for a feature or file in dir.
	ClassRoots func(dir string) []string
}

type onceEntry struct {
	lock  chan struct{} // held by the scenario running the call
	done  bool
	value any // portable: see portable
}

// NewShared makes the shared state of one run.
func NewShared() *Shared {
	return &Shared{loaded: map[string]*Called{}, once: map[string]*onceEntry{}}
}

// do runs fn once for key: the first caller runs it while later ones
// wait (as long as ctx lets them) and get its result. A failed run is not
// kept, so the next caller tries again (as Karate does).
func (sh *Shared) do(ctx context.Context, key string, fn func() (any, error)) (any, error) {
	sh.mu.Lock()
	e := sh.once[key]
	if e == nil {
		e = &onceEntry{lock: make(chan struct{}, 1)}
		sh.once[key] = e
	}
	sh.mu.Unlock()
	select {
	case e.lock <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for another scenario to finish it: %w", ctx.Err())
	}
	defer func() { <-e.lock }()
	if e.done {
		return e.value, nil
	}
	v, err := fn()
	if err != nil {
		return nil, err
	}
	e.done, e.value = true, v
	return v, nil
}

// where is what relative paths of a step are relative to, as in Karate:
// a plain path to the feature that called the step's feature (to the
// feature itself when it is not called), this: to the step's feature.
type where struct {
	root string // the calling feature's folder
	this string // the step's feature's folder
}

func at(dir string) where { return where{root: dir, this: dir} }

// resolve makes a path of read() or call absolute: classpath: against the
// class roots of the step's feature (the first that holds it), file:
// against the working directory, this: against the step's feature, a
// plain path against the calling feature and, when nothing is there,
// against the step's feature.
func (sh *Shared) resolve(path string, w where) (string, error) {
	switch {
	case strings.HasPrefix(path, "classpath:"):
		rel := strings.TrimPrefix(strings.TrimPrefix(path, "classpath:"), "/")
		var roots []string
		if sh != nil && sh.ClassRoots != nil {
			roots = sh.ClassRoots(w.this)
		}
		if len(roots) == 0 {
			roots = []string{w.this}
		}
		for _, r := range roots {
			full := filepath.Join(r, rel)
			if _, err := os.Stat(full); err == nil {
				return full, nil
			}
		}
		return "", fmt.Errorf("no %s in the classpath folders %s", rel, strings.Join(roots, ", "))
	case strings.HasPrefix(path, "file:"):
		return filepath.Abs(strings.TrimPrefix(path, "file:"))
	case strings.HasPrefix(path, "this:"):
		return filepath.Abs(filepath.Join(w.this, strings.TrimPrefix(path, "this:")))
	case filepath.IsAbs(path):
		return path, nil
	}
	full, err := filepath.Abs(filepath.Join(w.root, path))
	if err != nil {
		return "", err
	}
	if _, statErr := os.Stat(full); statErr != nil && w.this != w.root {
		if alt, err := filepath.Abs(filepath.Join(w.this, path)); err == nil {
			if _, err := os.Stat(alt); err == nil {
				return alt, nil
			}
		}
	}
	return full, nil
}

// LoadCalls reads the feature st calls by a literal path (if any),
// relative to dir, and the features those call, so every step is
// checked before anything runs. A computed callee is checked when it runs.
func (sh *Shared) LoadCalls(st *Step, dir string) error {
	if st.Call == nil || st.Call.literal == "" || !strings.HasSuffix(strings.SplitN(st.Call.literal, "@", 2)[0], ".feature") {
		return nil
	}
	c, err := sh.load(st.Call.literal, at(dir), nil)
	if err != nil {
		return err
	}
	st.Call.Feature = c
	return nil
}

// load reads, parses and checks a called feature, once per run (two
// scenarios that read it at the same time may both parse it; the first to
// finish is kept). chain is the features being read that lead to this
// one: a call back to one of them is a cycle.
func (sh *Shared) load(path string, w where, chain []string) (*Called, error) {
	path = strings.SplitN(path, "?", 2)[0] // callSingle's ?name de-duplicates the cache key only
	full, err := sh.resolve(path, w)
	if err != nil {
		return nil, fmt.Errorf("read('%s'): %v", path, err)
	}
	sh.mu.Lock()
	c := sh.loaded[full]
	sh.mu.Unlock()
	if c != nil {
		return c, nil
	}
	for _, p := range chain {
		if p == full {
			return nil, fmt.Errorf("read('%s'): it calls itself", path)
		}
	}
	if len(chain) > 10 {
		return nil, fmt.Errorf("read('%s'): calls nest more than 10 deep", path)
	}
	c, err = sh.parseFeature(path, full, w.this, append(chain, full))
	if err != nil {
		return nil, err
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if done := sh.loaded[full]; done != nil {
		return done, nil
	}
	sh.loaded[full] = c
	return c, nil
}

// parseFeature reads a called feature; callerDir is the folder of the
// feature that calls it, which its own calls' paths are relative to.
func (sh *Shared) parseFeature(path, full, callerDir string, chain []string) (*Called, error) {
	content, err := os.ReadFile(full)
	if err != nil {
		return nil, fmt.Errorf("read('%s'): %w", path, err)
	}
	n := 0
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(content), func() string { n++; return fmt.Sprint(n) })
	if err != nil {
		return nil, fmt.Errorf("read('%s'): %s: %v", path, full, err)
	}
	if doc.Feature == nil {
		return nil, fmt.Errorf("read('%s'): %s holds no feature", path, full)
	}
	c := &Called{Path: full}
	for _, child := range doc.Feature.Children {
		var steps []*messages.Step
		switch {
		case child.Background != nil:
			steps = child.Background.Steps
		case child.Scenario != nil && len(child.Scenario.Examples) > 0:
			return nil, fmt.Errorf("%s:%d: kumite does not call a Scenario Outline yet", full, child.Scenario.Location.Line)
		case child.Scenario != nil:
			steps = child.Scenario.Steps
		case child.Rule != nil:
			return nil, fmt.Errorf("%s:%d: kumite does not call a feature with rules yet", full, child.Rule.Location.Line)
		}
		for _, s := range steps {
			docString := ""
			if s.DocString != nil {
				docString = s.DocString.Content
			}
			var table [][]string
			if s.DataTable != nil {
				for _, row := range s.DataTable.Rows {
					var cells []string
					for _, cell := range row.Cells {
						cells = append(cells, cell.Value)
					}
					table = append(table, cells)
				}
			}
			if !Is(s.Text) {
				return nil, fmt.Errorf("%s:%d: a called feature may hold only Karate steps, not %q", full, s.Location.Line, s.Text)
			}
			cs, err := ParseStep(s.Text, docString, table)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", full, s.Location.Line, err)
			}
			if cs.Call != nil && cs.Call.literal != "" && strings.HasSuffix(cs.Call.literal, ".feature") {
				called, err := sh.load(cs.Call.literal, where{root: callerDir, this: filepath.Dir(full)}, chain)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %v", full, s.Location.Line, err)
				}
				cs.Call.Feature = called
			}
			c.Steps = append(c.Steps, CalledStep{Step: cs, Line: s.Location.Line})
		}
	}
	return c, nil
}

// runCall runs a call step. Shared (no def): what a feature defines
// stays, the keys of the object a function returns become variables.
// Isolated (def x = call ...): the caller's variables come back as they
// were, and the result is what the feature defined or changed, or what
// the function returned.
func (s *Scenario) runCall(c *Call, shared bool) (goja.Value, error) {
	what := "call " + c.Callee
	if c.Once {
		what = "callonce " + c.Callee
	}
	s.callScope()
	if !c.Once {
		v, err := s.callNow(c, shared)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		return v, nil
	}
	key := "callonce\x00" + s.where.this + "\x00" + s.env.FeaturePath + "\x00" + c.Callee + " " + c.Arg
	p, err := s.shared().do(s.ctx, key, func() (any, error) {
		v, err := s.callNow(c, false)
		if err != nil {
			return nil, err
		}
		return s.portable(v), nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	v := s.fromPortable(p)
	if shared {
		s.setAll(v)
	}
	return v, nil
}

// callNow evaluates the callee and argument and calls it (once per item
// when the argument is an array and the callee a feature).
func (s *Scenario) callNow(c *Call, shared bool) (goja.Value, error) {
	var callee goja.Value
	if c.Feature != nil {
		callee = s.rt.ToValue(&featureValue{c.Feature})
	} else {
		v, err := s.eval(c.calleeProg)
		if err != nil {
			return nil, err
		}
		callee = v
	}
	var arg goja.Value
	if c.argProg != nil {
		v, err := s.eval(c.argProg)
		if err == nil && isLiteral(c.Arg) {
			v, err = s.embedded(v)
		}
		if err != nil {
			return nil, fmt.Errorf("the argument %s: %v", c.Arg, s.errText(err))
		}
		arg = v
	}
	return s.invoke(callee, arg, shared)
}

// invoke calls a feature or a function with an argument (nil: none).
func (s *Scenario) invoke(callee, arg goja.Value, shared bool) (goja.Value, error) {
	if callee != nil {
		if f, ok := callee.Export().(*featureValue); ok {
			if obj, isObj := arg.(*goja.Object); isObj && obj.ClassName() == "Array" {
				results := make([]any, 0)
				for i, k := range obj.Keys() {
					r, err := s.runFeature(f.called, obj.Get(k), i, false)
					if err != nil {
						return nil, err
					}
					results = append(results, r)
				}
				return s.rt.ToValue(results), nil
			}
			return s.runFeature(f.called, arg, -1, shared)
		}
	}
	fn, ok := goja.AssertFunction(callee)
	if !ok {
		return nil, fmt.Errorf("not a feature or a function but %s (call takes read('x.feature'), read('x.js') or a function)", s.describeValue(callee))
	}
	var args []goja.Value
	if arg != nil {
		args = []goja.Value{arg}
	}
	s.failure = nil
	v, err := fn(goja.Undefined(), args...)
	if s.aborted {
		s.rt.ClearInterrupt()
		return goja.Undefined(), nil // karate.abort(): Run says so
	}
	if err != nil {
		if s.failure != nil {
			return nil, s.failure
		}
		var stopped *goja.InterruptedError
		if errors.As(err, &stopped) {
			return nil, err // watch stopped it: the runner says why
		}
		return nil, fmt.Errorf("%s", s.errText(err))
	}
	if shared {
		s.setAll(v)
	}
	return v, nil
}

// runFeature runs a called feature's steps in this scenario.
func (s *Scenario) runFeature(c *Called, arg goja.Value, loop int, shared bool) (goja.Value, error) {
	if s.depth > 10 {
		return nil, fmt.Errorf("calls nest more than 10 deep")
	}
	s.depth++
	w := s.where
	s.where = where{root: w.this, this: filepath.Dir(c.Path)}
	defer func() { s.depth--; s.where = w }()
	global := s.rt.GlobalObject()
	before := map[string]goja.Value{}
	for _, k := range s.variableNames() {
		before[k] = global.Get(k)
	}
	if arg == nil {
		_ = s.rt.Set("__arg", goja.Null())
	} else {
		_ = s.rt.Set("__arg", arg)
		if obj, ok := arg.(*goja.Object); ok {
			for _, k := range obj.Keys() {
				_ = s.rt.Set(k, obj.Get(k))
			}
		}
	}
	_ = s.rt.Set("__loop", loop)
	outer := s.defined
	s.defined = map[string]bool{}
	defer func() { s.defined = outer }()
	var failed error
	call := s.ctx
	for _, cs := range c.Steps {
		s.ctx = s.calledStepContext(call)
		s.watch()
		err := s.run(cs.Step)
		s.ctx = call
		s.watch()
		if s.aborted {
			break
		}
		if err != nil {
			failed = fmt.Errorf("%s:%d: %w", c.Path, cs.Line, err)
			break
		}
	}
	s.aborted = false // karate.abort() in a called feature ends that feature only
	result := s.rt.NewObject()
	for _, k := range s.variableNames() {
		v := global.Get(k)
		old, ok := before[k]
		if k == "__arg" || k == "__loop" {
			if ok {
				_ = global.Set(k, old)
			} else {
				_ = global.Delete(k)
			}
			continue
		}
		if !ok || !old.SameAs(v) || s.defined[k] {
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
	if failed != nil {
		return nil, failed
	}
	return result, nil
}

// setAll makes each key of an object a variable (a shared-scope call).
func (s *Scenario) setAll(v goja.Value) {
	obj, ok := v.(*goja.Object)
	if !ok || obj.ClassName() == "Array" || obj.ClassName() == "Function" {
		return
	}
	if _, isFeature := obj.Export().(*featureValue); isFeature {
		return
	}
	for _, k := range obj.Keys() {
		_ = s.define(k, obj.Get(k))
	}
}

func (s *Scenario) shared() *Shared {
	if s.env.Shared == nil {
		s.env.Shared = NewShared()
	}
	return s.env.Shared
}

// noTagSelector fails for Karate's call tag selector (x.feature@name,
// @name), which kumite does not run yet.
func noTagSelector(path string) error {
	if strings.HasPrefix(path, "@") || strings.Contains(path, ".feature@") {
		return fmt.Errorf("unsupported Karate call tag selector read('%s'): kumite calls a whole feature (its Background and every scenario), not the scenarios of a tag, yet", path)
	}
	return nil
}

// readFeature is read('x.feature'): the feature, read and checked now.
func (s *Scenario) readFeature(path string) goja.Value {
	if err := noTagSelector(path); err != nil {
		s.throw(err)
	}
	c, err := s.shared().load(path, s.where, nil)
	if err != nil {
		s.throw(err)
	}
	return s.rt.ToValue(&featureValue{c})
}

// karateCall is karate.call([shared,] path or function[, arg]).
func (s *Scenario) karateCall(c goja.FunctionCall) goja.Value {
	args := c.Arguments
	shared := false
	if len(args) > 0 {
		if b, ok := args[0].Export().(bool); ok {
			shared, args = b, args[1:]
		}
	}
	if len(args) == 0 {
		s.throw(fmt.Errorf("karate.call needs a feature path or a function"))
	}
	s.callScope()
	callee := args[0]
	if p, ok := callee.Export().(string); ok {
		callee = s.read(p)
	}
	var arg goja.Value
	if len(args) > 1 {
		arg = args[1]
	}
	v, err := s.invoke(callee, arg, shared)
	if err != nil {
		s.throw(fmt.Errorf("karate.call(%s): %w", s.show(args[0]), err))
	}
	return v
}

// callSingle is karate.callSingle(path[, arg]): the call runs once per
// run, the first scenario that reaches it runs it and the others wait;
// each gets a deep copy of its result.
func (s *Scenario) callSingle(path string, arg goja.Value) goja.Value {
	if arg != nil && goja.IsUndefined(arg) {
		arg = nil
	}
	s.callScope()
	p, err := s.shared().do(s.ctx, "callSingle\x00"+path, func() (any, error) {
		callee := s.read(path)
		v, err := s.invoke(callee, arg, false)
		if err != nil {
			return nil, err
		}
		return s.portable(v), nil
	})
	if err != nil {
		s.throw(fmt.Errorf("karate.callSingle('%s'): %w", path, err))
	}
	return s.fromPortable(p)
}

// describeValue names a value's type for a message.
func (s *Scenario) describeValue(v goja.Value) string {
	if t := typeOf(v); t != "undefined" && t != "null" {
		return t + " " + s.show(v)
	} else {
		return t
	}
}

// errText is a JavaScript error's message.
func (s *Scenario) errText(err error) string {
	if ex, ok := err.(*goja.Exception); ok {
		return ex.Value().String()
	}
	return err.Error()
}

// variableNames are the global names that hold values: not the
// accessors of the driver API (dialogText, ...), which reading would run.
func (s *Scenario) variableNames() []string {
	if s.accessors == nil {
		s.accessors = map[string]bool{}
		v, err := s.rt.RunString(`Object.keys(globalThis).filter(function (k) {
			var d = Object.getOwnPropertyDescriptor(globalThis, k); return d && (d.get || d.set) })`)
		if err == nil {
			for _, k := range v.ToObject(s.rt).Keys() {
				s.accessors[v.ToObject(s.rt).Get(k).String()] = true
			}
		}
	}
	var out []string
	for _, k := range s.rt.GlobalObject().Keys() {
		if !s.accessors[k] {
			out = append(out, k)
		}
	}
	return out
}
