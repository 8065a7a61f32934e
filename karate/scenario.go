package karate

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/kumite/kumite/browser"
)

// Env is what a scenario's Karate steps work with: the browser session of
// the scenario and the run around it.
type Env struct {
	Session *browser.Session
	BaseURL string            // the run's base URL; the variable baseUrl, without a trailing slash
	Vars    map[string]string // --var NAME=VALUE: karate.properties, and variables
	EnvName string            // --env: karate.env
	// Attach adds a file (a screenshot) to the running step.
	Attach func(name string, data []byte, ext string) error
	// Log writes a line to the running step's log (print, karate.log).
	Log func(text string)
	// SetVar shares a def'd text variable with the natural steps' ${NAME}.
	SetVar func(name, value string)
	// AddSecret masks a value typed into a password field in the report.
	AddSecret func(value string)
	// Config is the karate-config.js that applies to the feature, or nil.
	Config *ConfigFile
	// EnvConfig is the karate-config-<env>.js that applies, or nil: it
	// runs after Config and its keys win.
	EnvConfig *ConfigFile
	// FeatureDir is the feature's folder: read() is relative to it.
	FeatureDir string
	// Shared is what the scenarios of the run share (called features,
	// callonce and callSingle results); nil: this scenario's own.
	Shared *Shared
	// The running scenario, for karate.info, karate.scenario,
	// karate.feature and karate.tags.
	FeaturePath  string   // the feature file
	FeatureName  string   // its Feature: title
	ScenarioName string   // the scenario's name
	ScenarioLine int      // its line
	Tags         []string // the scenario's tags and its feature's, with @
	// Embed attaches a file of any media type to the running step (karate.embed).
	Embed func(name string, data []byte, ext, mediaType string) error
	// OutDir is the report folder: karate.write writes under it.
	OutDir string
	// Scenario ends with the scenario (--scenario-timeout): timeout(ms)
	// waits within it, and so does a step that calls a feature.
	Scenario context.Context
	// StepTimeout is --timeout: each step of a called feature has it
	// (unless timeout(ms) changed it), as the caller's steps do.
	StepTimeout time.Duration
}

// Scenario is one scenario's Karate state: its JavaScript runtime, with
// the scenario's variables in it. It is used by one goroutine at a time.
type Scenario struct {
	env     Env
	rt      *goja.Runtime
	ctx     context.Context // the running step's: every wait ends with it
	failure error           // the Go error behind the JavaScript exception being thrown

	jsMu          sync.Mutex // held by a running step, or by a dialog handler (dialog.go)
	inStep        bool       // a step runs (only its goroutine reads it)
	inCall        bool       // the running step calls a feature: it has the scenario's time (callScope)
	dialogFailure error      // what a dialog handler failed with, for the running step

	runCtx      context.Context      // the running step's context from the runner
	stepTimeout time.Duration        // timeout(ms); 0 for --timeout
	cancels     []context.CancelFunc // of the contexts timeout(ms) made for the running step
	quitted     bool                 // quit() ran and no page opened since
	watchMu     sync.Mutex           // orders watch's interrupt and unwatch
	stopWatch   func() bool          // stops the running step's watch (lifecycle.go)

	configured    bool            // karate-config.js has run
	where         where           // what read()'s relative paths are relative to
	depth         int             // how deep calls nest
	defined       map[string]bool // what the running called feature defined (define), for its result
	accessors     map[string]bool // global names that are accessors, not variables (see variableNames)
	aborted       bool            // karate.abort(): the scenario's other Karate steps do nothing
	retryCount    int             // configure retry: the default of retry()
	retryInterval time.Duration   // configure retry
}

// NewScenario makes the runtime of one scenario.
func NewScenario(env Env) *Scenario {
	s := &Scenario{env: env, rt: goja.New(), ctx: context.Background(), retryCount: 3, retryInterval: 3 * time.Second, where: at(env.FeatureDir)}
	s.rt.SetFieldNameMapper(goja.UncapFieldNameMapper())
	s.bindGlobals()
	s.bindLanguage()
	if env.Session != nil {
		env.Session.OnCall(s.onCall)
		env.Session.HandleDialogs(leavePage)
	}
	return s
}

// ErrAborted is what Run returns once karate.abort() ran: the runner
// skips the rest of the scenario, which passes (as in Karate).
var ErrAborted = errors.New("karate.abort(): the rest of the scenario is skipped")

// Run runs one step; ctx bounds every wait in it (the step timeout).
func (s *Scenario) Run(ctx context.Context, st *Step) error {
	s.jsMu.Lock()
	s.inStep = true
	defer func() {
		s.inStep = false
		s.jsMu.Unlock()
	}()
	s.runCtx = ctx
	s.ctx = s.stepContext(ctx)
	s.watch()
	defer func() {
		s.unwatch()
		s.ctx, s.runCtx, s.inCall = context.Background(), nil, false
		for _, cancel := range s.cancels {
			cancel()
		}
		s.cancels = nil
	}()
	if s.aborted {
		return ErrAborted
	}
	if !s.configured {
		s.configured = true
		if err := s.applyConfig(); err != nil {
			return err
		}
		if s.aborted {
			return ErrAborted
		}
	}
	err := s.run(st)
	if f := s.dialogFailure; f != nil {
		s.dialogFailure = nil
		err = errors.Join(f, err)
	}
	if s.aborted {
		return ErrAborted
	}
	return err
}

// define makes a variable. A text one is also shared with the natural
// steps' ${NAME} (and masked when its name says it is secret), whichever
// way it came: def, a call, a cached callonce, karate.set or
// karate-config.js.
func (s *Scenario) define(name string, v goja.Value) error {
	if err := s.rt.Set(name, v); err != nil {
		return err
	}
	if s.defined != nil {
		s.defined[name] = true
	}
	if s.env.SetVar != nil && v != nil {
		if str, ok := v.Export().(string); ok {
			s.env.SetVar(name, str)
		}
	}
	return nil
}

// run runs one step in the running step's context (a called feature's
// steps run inside their caller's step).
func (s *Scenario) run(st *Step) error {
	switch st.Kind {
	case CallKind:
		_, err := s.runCall(st.Call, true)
		return err
	case Table:
		return s.table(st)
	case SetTable:
		return s.setTable(st)
	case SetPath, RemovePath:
		return s.editPath(st)
	case Def:
		var v goja.Value
		var err error
		switch {
		case st.Call != nil:
			v, err = s.runCall(st.Call, false)
		case st.JSONPath != "":
			v, err = s.get(st)
		default:
			v, err = s.eval(st.prog)
			if err == nil && isLiteral(st.Expr) {
				v, err = s.embedded(v)
			}
		}
		if err != nil {
			return s.explain(st, err)
		}
		if err := s.define(st.Name, v); err != nil {
			return err
		}
	case Assert:
		v, err := s.eval(st.prog)
		if err != nil {
			return s.explain(st, err)
		}
		if !v.ToBoolean() {
			return fmt.Errorf("assert evaluated to false: %s", st.Expr)
		}
	case Print:
		v, err := s.eval(st.prog)
		if err != nil {
			return s.explain(st, err)
		}
		s.log(s.printable(v))
	case Match:
		return s.match(st)
	case Configure:
		return s.configure(st)
	case Driver:
		v, err := s.eval(st.prog)
		if err != nil {
			return s.explain(st, err)
		}
		return s.navigate(v.String())
	default:
		if _, err := s.eval(st.prog); err != nil {
			return s.explain(st, err)
		}
	}
	return nil
}

// eval runs a compiled expression; a Go error thrown by a driver function
// comes back as itself.
func (s *Scenario) eval(p *goja.Program) (goja.Value, error) {
	s.failure = nil
	v, err := s.rt.RunProgram(p)
	if err != nil && s.failure != nil {
		return nil, s.failure
	}
	if err != nil && s.aborted {
		s.rt.ClearInterrupt()
		return goja.Undefined(), nil // karate.abort() stopped the expression
	}
	return v, err
}

// explain says which step's expression failed: a driver error as it is
// (it names what it did), a JavaScript error with the expression.
func (s *Scenario) explain(st *Step, err error) error {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return fmt.Errorf("%s: %s", strings.TrimSpace(string(st.Kind)+" "+st.Expr), ex.Value().String())
	}
	return err
}

// throw stops the running JavaScript with err, which Run then returns.
func (s *Scenario) throw(err error) {
	s.failure = err
	panic(s.rt.NewGoError(err))
}

func (s *Scenario) log(text string) {
	if s.env.Log != nil {
		s.env.Log(text)
	}
}

// printable is a value as Karate prints it: text as is, the rest as JSON.
func (s *Scenario) printable(v goja.Value) string {
	var parts []string
	if obj, ok := v.(*goja.Object); ok && obj.ClassName() == "Array" {
		for _, k := range obj.Keys() {
			parts = append(parts, s.show(obj.Get(k)))
		}
	}
	return strings.Join(parts, " ")
}

// show renders a value for a message: strings unquoted, the rest as JSON.
func (s *Scenario) show(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return "undefined"
	}
	if goja.IsNull(v) {
		return "null"
	}
	if _, ok := v.Export().(string); ok {
		return v.String()
	}
	if obj, ok := v.(*goja.Object); ok {
		if b, err := obj.MarshalJSON(); err == nil {
			return string(b)
		}
	}
	return v.String()
}

// configure applies configure KEY = VALUE during the scenario. The driver
// is configured once for the run before any scenario starts (see
// DriverOf), so here its value is only checked to evaluate.
func (s *Scenario) configure(st *Step) error {
	v, err := s.eval(st.prog)
	if err != nil {
		return s.explain(st, err)
	}
	return s.applyConfigure(st.Name, v)
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}
