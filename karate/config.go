package karate

import (
	"errors"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// DriverConfig is `configure driver = {...}` as far as kumite honours it.
// It decides how the run's browser starts, so runner reads it from the
// features before any scenario runs.
type DriverConfig struct {
	Start        bool     // false: attach to a Chrome already listening at Host:Port
	Host         string   // default localhost
	Port         int      // default 9222
	WebSocketURL string   // attach to this DevTools URL instead of Host:Port
	Headless     *bool    // nil: kumite's --headless decides
	AddOptions   []string // extra Chrome switches
	Executable   string   // the Chrome to start
	Timeout      time.Duration
	Width        int // from --window-size=W,H in AddOptions
	Height       int
}

// driverKeys are the keys of configure driver kumite honours; the rest of
// Karate's fail so nobody believes them applied.
var driverKeys = map[string]bool{
	"type": true, "start": true, "host": true, "port": true, "headless": true, "addOptions": true,
	"executable": true, "timeout": true, "webSocketUrl": true, "screenshotOnFailure": true,
	"showBrowserLog": true, "showDriverLog": true, "showProcessLog": true, "stop": true,
}

// DriverOf evaluates the value of a `configure driver` step (as Parse
// returned it) without a browser: an object literal, with --vars as
// karate.properties and the variables known of karate-config.js
// (ConfigDriver), such as Karate's usual driverConfig.
func DriverOf(st *Step, vars map[string]string, known map[string]any) (DriverConfig, error) {
	rt := goja.New()
	_ = rt.Set("karate", bareKarate(rt, "", vars, nil))
	for n, v := range known {
		_ = rt.Set(n, v)
	}
	v, err := rt.RunProgram(st.prog)
	var undefined *goja.Exception
	if errors.As(err, &undefined) && strings.HasPrefix(undefined.Value().String(), "ReferenceError") {
		return DriverConfig{}, fmt.Errorf("configure driver = %s: %v: kumite reads configure driver before any scenario runs (one browser serves the run), so its value may use literals, karate.properties (--var NAME=VALUE) and what a karate-config.js returns that only reads karate.env and karate.properties (no call, no read), not scenario variables; write the object here", st.Expr, err)
	}
	if err != nil {
		return DriverConfig{}, fmt.Errorf("configure driver = %s: %v", st.Expr, err)
	}
	return driverFrom(v.Export())
}

// bareKarate is the karate object of a runtime without a browser or a
// scenario: env, properties, log (which does nothing) and configure, which
// hands each key and value to configure (nil: ignored).
func bareKarate(rt *goja.Runtime, env string, vars map[string]string, configure func(key string, v any)) *goja.Object {
	k := rt.NewObject()
	props := rt.NewObject()
	for n, v := range vars {
		_ = props.Set(n, v)
	}
	_ = k.Set("properties", props)
	if env != "" {
		_ = k.Set("env", env)
	} else {
		_ = k.Set("env", goja.Null())
	}
	_ = k.Set("log", func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	_ = k.Set("configure", func(key string, v goja.Value) {
		if configure != nil {
			configure(key, v.Export())
		}
	})
	return k
}

// ConfigDriver runs configuration files (karate-config.js, then
// karate-config-<env>.js; nil ones skipped) without a browser, as kumite
// reads configure driver before any scenario runs. It gives what they pass
// to karate.configure('driver', …) (nil: nothing) and the variables they
// return, for a feature's configure driver = driverConfig. A file that
// does more than read karate.env and karate.properties, log and configure
// (a call, a read) is left to the scenarios: nothing is known of it.
func ConfigDriver(files []*ConfigFile, env string, vars map[string]string) (*DriverConfig, map[string]any, error) {
	var driver *DriverConfig
	var driverErr error
	known := map[string]any{}
	for _, c := range files {
		if c == nil {
			continue
		}
		rt := goja.New()
		_ = rt.Set("karate", bareKarate(rt, env, vars, func(key string, v any) {
			if key != "driver" {
				return
			}
			d, err := driverFrom(v)
			if err != nil {
				driverErr = fmt.Errorf("%s: karate.configure('driver', …): %v", c.Path, err)
				return
			}
			driver = &d
		}))
		// A file whose JavaScript never ends is stopped here; each
		// scenario's run of it ends with its step.
		stop := time.AfterFunc(5*time.Second, func() { rt.Interrupt("still running") })
		v, err := rt.RunProgram(c.prog)
		fn, isFn := goja.AssertFunction(v)
		if err != nil || !isFn {
			stop.Stop()
			return nil, nil, nil
		}
		out, err := fn(goja.Undefined())
		stop.Stop()
		if err != nil {
			return nil, nil, nil
		}
		if obj, ok := out.(*goja.Object); ok {
			for _, k := range obj.Keys() {
				known[k] = obj.Get(k).Export()
			}
		}
	}
	return driver, known, driverErr
}

var windowSizeRe = regexp.MustCompile(`^--window-size=(\d+)[,x](\d+)$`)

func driverFrom(v any) (DriverConfig, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return DriverConfig{}, fmt.Errorf("configure driver needs an object, e.g. { type: 'chrome' }, got %v", v)
	}
	d := DriverConfig{Start: true, Host: "localhost", Port: 9222}
	for k := range m {
		if !driverKeys[k] {
			return d, fmt.Errorf("configure driver: the key %q is not supported by kumite yet (supported: type, start, host, port, webSocketUrl, headless, addOptions, executable, timeout, screenshotOnFailure, showBrowserLog)", k)
		}
	}
	if t, ok := m["type"]; ok && t != "chrome" {
		return d, fmt.Errorf("configure driver: type %q is not supported by kumite: only 'chrome' (kumite drives Chrome or Chromium over the DevTools protocol)", fmt.Sprint(t))
	}
	if st, ok := m["start"].(bool); ok {
		d.Start = st
	}
	if h, ok := m["host"].(string); ok && h != "" {
		d.Host = h
	}
	if p, ok := number(m["port"]); ok {
		d.Port = int(p)
	} else if ps, ok := m["port"].(string); ok {
		p, err := strconv.Atoi(ps)
		if err != nil {
			return d, fmt.Errorf("configure driver: port %q is not a number", ps)
		}
		d.Port = p
	}
	if u, ok := m["webSocketUrl"].(string); ok {
		d.WebSocketURL, d.Start = u, false
	}
	if h, ok := m["headless"].(bool); ok {
		d.Headless = &h
	}
	if e, ok := m["executable"].(string); ok {
		d.Executable = e
	}
	if t, ok := number(m["timeout"]); ok {
		d.Timeout = time.Duration(t) * time.Millisecond
	}
	if opts, ok := m["addOptions"].([]any); ok {
		for _, o := range opts {
			s := fmt.Sprint(o)
			if ws := windowSizeRe.FindStringSubmatch(s); ws != nil {
				d.Width, _ = strconv.Atoi(ws[1])
				d.Height, _ = strconv.Atoi(ws[2])
				continue
			}
			d.AddOptions = append(d.AddOptions, s)
		}
	}
	return d, nil
}

// Remote is the address kumite attaches to for start: false, "" when it
// launches Chrome itself.
func (d DriverConfig) Remote() string {
	switch {
	case d.Start:
		return ""
	case d.WebSocketURL != "":
		return d.WebSocketURL
	}
	return "http://" + net.JoinHostPort(d.Host, strconv.Itoa(d.Port))
}

// CheckListening fails at once, with what to do, when nothing listens
// where start: false says Chrome is.
func (d DriverConfig) CheckListening() error {
	if d.Start || d.WebSocketURL != "" {
		return nil
	}
	addr := net.JoinHostPort(d.Host, strconv.Itoa(d.Port))
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return fmt.Errorf("configure driver start: false: no Chrome listens on %s (start Chrome with --remote-debugging-port=%d, or remove start: false to let kumite launch Chrome itself)", addr, d.Port)
	}
	c.Close()
	return nil
}

// Same tells whether two configurations start the same browser.
func (d DriverConfig) Same(o DriverConfig) bool { return d.key() == o.key() }

func (d DriverConfig) key() string {
	h := "default"
	if d.Headless != nil {
		h = strconv.FormatBool(*d.Headless)
	}
	return fmt.Sprintf("%v|%s|%d|%s|%s|%q|%s|%s|%dx%d", d.Start, d.Host, d.Port, d.WebSocketURL, h,
		strings.Join(d.AddOptions, "\x00"), d.Executable, d.Timeout, d.Width, d.Height)
}
