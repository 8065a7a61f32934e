package karate

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/kumite/kumite/browser"
)

// bindGlobals puts Karate's driver API, `driver`, `Key`, `karate` and
// `baseUrl` into the runtime.
func (s *Scenario) bindGlobals() {
	rt := s.rt
	api := s.api()
	drv := rt.NewObject()
	for name, fn := range api {
		fn = s.guard(name, fn)
		_ = rt.Set(name, fn)
		_ = drv.Set(name, fn)
	}
	s.accessor(drv, "url", func() any { return s.must(s.env.Session.URL(s.ctx)) }, func(v goja.Value) { s.check(s.navigate(v.String())) })
	s.accessor(drv, "title", func() any { return s.must(s.env.Session.Title(s.ctx)) }, nil)
	s.accessor(drv, "dimensions", s.dimensions, s.setDimensions)
	s.accessor(drv, "cookies", func() any { return s.toJS(s.cookies()) }, nil)
	s.accessor(drv, "dialogText", s.dialogText, nil)
	s.accessor(rt.GlobalObject(), "dialogText", s.dialogText, nil)
	_ = rt.Set("driver", drv)
	_ = rt.Set("Key", keyObject(rt))
	_ = rt.Set("baseUrl", strings.TrimSuffix(s.env.BaseURL, "/"))
	k := rt.NewObject()
	props := rt.NewObject()
	for n, v := range s.env.Vars {
		_ = props.Set(n, v)
		if isIdentifier(n) {
			_ = rt.Set(n, v)
		}
	}
	_ = k.Set("properties", props)
	_ = k.Set("env", s.env.EnvName)
	_ = k.Set("log", func(c goja.FunctionCall) goja.Value {
		var parts []string
		for _, a := range c.Arguments {
			parts = append(parts, s.show(a))
		}
		s.log(strings.Join(parts, " "))
		return goja.Undefined()
	})
	_ = k.Set("get", func(name string) goja.Value { return rt.Get(name) })
	_ = k.Set("set", func(name string, v goja.Value) { _ = rt.Set(name, v) })
	_ = k.Set("read", s.read)
	_ = rt.Set("read", s.read)
	_ = k.Set("match", func(actual, expected goja.Value) map[string]any {
		reason := s.equal("$", export(actual), export(expected))
		if reason == "" {
			return map[string]any{"pass": true, "message": nil}
		}
		return map[string]any{"pass": false, "message": reason}
	})
	_ = k.Set("fail", func(msg string) { s.throw(fmt.Errorf("karate.fail: %s", msg)) })
	_ = rt.Set("karate", k)
}

// api is the driver API: each function is a global and a method of driver.
func (s *Scenario) api() map[string]any {
	return map[string]any{
		"click":     func(loc string) goja.Value { s.check(s.locate(loc).Click(s.ctx)); return s.element(loc) },
		"input":     func(loc string, v goja.Value) goja.Value { s.input(s.locate(loc), v); return s.element(loc) },
		"clear":     func(loc string) goja.Value { s.check(s.locate(loc).Clear(s.ctx)); return s.element(loc) },
		"value":     s.valueFn,
		"text":      func(loc string) string { return s.readElement(s.locate(loc), "text") },
		"attribute": func(loc, name string) string { return s.readElement(s.locate(loc), "attr:"+name) },
		"exists":    func(loc string) bool { return s.count(loc) > 0 },
		"optional":  s.optional,
		"locate": func(loc string) goja.Value {
			s.check(s.locate(loc).WaitFor(s.ctx, browser.Attached))
			return s.element(loc)
		},
		"locateAll":          s.locateAll,
		"waitFor":            func(loc string) goja.Value { return s.waitState(loc, browser.Visible) },
		"waitForEnabled":     func(loc string) goja.Value { return s.waitState(loc, browser.Enabled) },
		"waitForUrl":         s.waitForURL,
		"waitForText":        s.waitForText,
		"waitUntil":          s.waitUntil,
		"delay":              s.delay,
		"screenshot":         s.screenshot,
		"script":             s.scriptFn,
		"refresh":            func() { s.check(s.env.Session.Reload(s.ctx)) },
		"reload":             func() { s.check(s.env.Session.Reload(s.ctx)) },
		"back":               func() { s.check(s.env.Session.Back(s.ctx)) },
		"forward":            func() { s.check(s.env.Session.Forward(s.ctx)) },
		"retry":              s.retry,
		"select":             s.selectOption,
		"scroll":             func(loc string) goja.Value { s.check(s.locate(loc).ScrollIntoView(s.ctx)); return s.element(loc) },
		"enabled":            func(loc string) bool { return s.state(s.locate(loc)).Enabled },
		"switchFrame":        s.switchFrame,
		"switchPage":         s.switchPage,
		"waitForResultCount": s.waitForResultCount,
		"waitForAny":         s.waitForAny,
		"submit":             func() goja.Value { return s.rt.Get("driver") },
		"html":               func(loc string) goja.Value { return s.callOn(loc, "html", "e => e.outerHTML") },
		"property":           s.property,
		"focus":              s.focus,
		"position":           s.position,
		"scriptAll":          s.scriptAll,
		"cookie":             s.cookie,
		"deleteCookie":       func(name string) { s.check(s.env.Session.DeleteCookie(s.ctx, name)) },
		"clearCookies":       func() { s.check(s.env.Session.ClearCookies(s.ctx)) },
		"dialog":             s.dialog,
		"highlight":          func(loc string) goja.Value { s.callOn(loc, "highlight", highlightJS); return s.element(loc) },
		"highlightAll":       s.highlightAll,
		"getPages":           s.getPages,
		"mouse":              s.mouse,
		"maximize":           func(args ...goja.Value) { s.toScreen("maximize", "screen.availWidth", "screen.availHeight", args) },
		"fullscreen":         func(args ...goja.Value) { s.toScreen("fullscreen", "screen.width", "screen.height", args) },
		"keys":               s.keys,
		"rightOf":            s.finder(browser.RightOf),
		"leftOf":             s.finder(browser.LeftOf),
		"above":              s.finder(browser.Above),
		"below":              s.finder(browser.Below),
		"near":               s.finder(browser.Near),
		"onDialog":           s.onDialog,
		"timeout":            s.timeoutFn,
		"close":              s.closeTab,
		"quit":               s.quit,
		"pdf":                s.pdf,
		// The JavaBean forms Karate's docs mention beside driver.url and co.
		"getUrl":        func() string { return s.must(s.env.Session.URL(s.ctx)) },
		"setUrl":        func(url string) { s.check(s.navigate(url)) },
		"getTitle":      func() string { return s.must(s.env.Session.Title(s.ctx)) },
		"getCookies":    func() goja.Value { return s.toJS(s.cookies()) },
		"getDimensions": s.dimensions,
		"setDimensions": s.setDimensions,
		"getDialogText": s.dialogText,
	}
}

// state waits for the element to exist and reads its state.
func (s *Scenario) state(l *browser.Locator) browser.Probe {
	s.check(l.WaitFor(s.ctx, browser.Attached))
	p, err := l.Inspect(s.ctx, "state")
	s.check(err)
	return p
}

// selectOption is select(loc, value) or select(loc, '{}visible text').
func (s *Scenario) selectOption(loc string, v goja.Value) goja.Value {
	s.selectOn(s.locate(loc), "'"+loc+"'", v)
	return s.element(loc)
}

// selectOn selects v (a value or '{}visible text') in l's <select>;
// name is how errors show l.
func (s *Scenario) selectOn(l *browser.Locator, name string, v goja.Value) {
	option := v.String()
	if i, isNumber := v.Export().(int64); isNumber {
		s.selectBy(l, fmt.Sprintf("select(%s, %d)", name, i), fmt.Sprint(i), "")
		return
	}
	if part, ok := strings.CutPrefix(option, "{^}"); ok {
		s.selectBy(l, fmt.Sprintf("select(%s, '%s')", name, option), "-1", part)
		return
	}
	option = strings.TrimPrefix(option, "{}")
	s.check(l.Select(s.ctx, option))
}

// switchFrame enters the frame loc finds, or the frame of that index;
// switchFrame(null) leaves every frame.
func (s *Scenario) switchFrame(v goja.Value) {
	if v == nil || goja.IsNull(v) || goja.IsUndefined(v) {
		s.env.Session.SwitchToMainFrame()
		return
	}
	if n, isNumber := v.Export().(int64); isNumber {
		// Karate's index counts the frames of the page from 0, in document
		// order (its CDP driver takes the frame tree's children).
		if n < 0 {
			s.throw(fmt.Errorf("switchFrame(%d): a frame's index counts from 0; switchFrame(null) leaves every frame", n))
		}
		if err := s.env.Session.SwitchToFrame(s.ctx, fmt.Sprintf("(//iframe | //frame)[%d]", n+1)); err != nil {
			s.throw(fmt.Errorf("switchFrame(%d), the page's frame %d counting from 0: %w", n, n, err))
		}
		return
	}
	s.check(s.env.Session.SwitchToFrame(s.ctx, v.String()))
}

// waitForResultCount waits until loc matches exactly n elements.
func (s *Scenario) waitForResultCount(loc string, n int) goja.Value {
	l := s.locate(loc)
	err := s.env.Session.Poll(s.ctx, func(ctx context.Context) (bool, error) {
		c, err := l.Count(ctx)
		if err != nil {
			return false, err
		}
		if c != n {
			return false, fmt.Errorf("%w: %d match", browser.ErrNotYet, c)
		}
		return true, nil
	})
	s.check(wrap(fmt.Sprintf("waitForResultCount('%s', %d)", loc, n), err))
	return s.locateAll(loc, nil)
}

// waitForAny waits until one of the locators finds a visible element and
// returns it.
func (s *Scenario) waitForAny(c goja.FunctionCall) goja.Value {
	var locs []string
	for _, a := range c.Arguments {
		if arr, ok := a.Export().([]any); ok {
			for _, x := range arr {
				locs = append(locs, fmt.Sprint(x))
			}
		} else {
			locs = append(locs, a.String())
		}
	}
	var found string
	err := s.env.Session.Poll(s.ctx, func(ctx context.Context) (bool, error) {
		for _, loc := range locs {
			p, err := s.locate(loc).Inspect(ctx, "state")
			if err != nil {
				return false, err
			}
			if p.Count > 0 && p.Visible {
				found = loc
				return true, nil
			}
		}
		return false, fmt.Errorf("%w: none of them is visible", browser.ErrNotYet)
	})
	s.check(wrap(fmt.Sprintf("waitForAny(%s)", strings.Join(locs, ", ")), err))
	return s.element(found)
}

// accessor defines a property backed by Go functions (set may be nil).
func (s *Scenario) accessor(obj *goja.Object, name string, get func() any, set func(goja.Value)) {
	var setter goja.Value
	if set != nil {
		setter = s.rt.ToValue(func(c goja.FunctionCall) goja.Value { set(c.Argument(0)); return goja.Undefined() })
	}
	getter := s.rt.ToValue(func(goja.FunctionCall) goja.Value { return s.rt.ToValue(get()) })
	_ = obj.DefineAccessorProperty(name, getter, setter, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// check throws err into the running JavaScript.
func (s *Scenario) check(err error) {
	if err != nil {
		s.throw(err)
	}
}

func (s *Scenario) must(v string, err error) string {
	s.check(err)
	return v
}

func (s *Scenario) navigate(url string) error {
	if url == "" {
		return fmt.Errorf("driver: the URL is empty")
	}
	s.quitted = false
	return s.env.Session.Navigate(s.ctx, url)
}

func (s *Scenario) locate(loc string) *browser.Locator {
	l, err := s.env.Session.Locate(loc)
	s.check(err)
	return l
}

func (s *Scenario) count(loc string) int {
	n, err := s.locate(loc).Count(s.ctx)
	s.check(err)
	return n
}

// readElement waits for the element to exist and reads "text", "value" or
// "attr:NAME" of it.
func (s *Scenario) readElement(l *browser.Locator, what string) string {
	s.check(l.WaitFor(s.ctx, browser.Attached))
	p, err := l.Inspect(s.ctx, what)
	s.check(err)
	return p.Text
}

// valueFn is value(loc) to read, value(loc, text) to set.
func (s *Scenario) valueFn(c goja.FunctionCall) goja.Value {
	loc := c.Argument(0).String()
	if len(c.Arguments) > 1 {
		l, text := s.locate(loc), c.Argument(1).String()
		s.typed(l, text, func(l *browser.Locator) { s.check(l.Fill(s.ctx, text)) })
		return s.element(loc)
	}
	return s.rt.ToValue(s.readElement(s.locate(loc), "value"))
}

func (s *Scenario) waitState(loc string, st browser.State) goja.Value {
	s.check(s.locate(loc).WaitFor(s.ctx, st))
	return s.element(loc)
}

// optional is an element that may be absent: .present says whether it
// exists, and actions on an absent one do nothing.
func (s *Scenario) optional(loc string) goja.Value {
	if s.count(loc) > 0 {
		return s.element(loc)
	}
	return s.absent()
}

// locateAll(loc[, filter]) is every element loc matches now; filter, a
// function of the element, keeps those it is true for.
func (s *Scenario) locateAll(loc string, filter goja.Value) goja.Value {
	return s.elementsOf(s.locate(loc), func(i int) string { return fmt.Sprintf("%s (match %d)", loc, i+1) }, filter)
}

func (s *Scenario) element(loc string) goja.Value { return s.elementOf(s.locate(loc), loc) }

// elementOf is Karate's Element: the actions and reads of one locator,
// chainable (waitForEnabled(x).input(y)).
func (s *Scenario) elementOf(l *browser.Locator, name string) *goja.Object {
	obj := s.rt.NewObject()
	self := func() goja.Value { return obj }
	_ = obj.Set("locator", name)
	_ = obj.Set("click", func() goja.Value { s.check(l.Click(s.ctx)); return self() })
	_ = obj.Set("input", func(v goja.Value) goja.Value { s.input(l, v); return self() })
	_ = obj.Set("clear", func() goja.Value { s.check(l.Clear(s.ctx)); return self() })
	_ = obj.Set("waitFor", func() goja.Value { s.check(l.WaitFor(s.ctx, browser.Visible)); return self() })
	_ = obj.Set("waitForEnabled", func() goja.Value { s.check(l.WaitFor(s.ctx, browser.Enabled)); return self() })
	_ = obj.Set("attribute", func(name string) string { return s.readElement(l, "attr:"+name) })
	s.accessor(obj, "text", func() any { return s.readElement(l, "text") }, nil)
	s.accessor(obj, "value", func() any { return s.readElement(l, "value") }, nil)
	s.accessor(obj, "present", func() any { n, err := l.Count(s.ctx); s.check(err); return n > 0 }, nil)
	s.elementMore(obj, l, name)
	s.javaBeans(obj)
	return obj
}

// javaBeans adds Karate 2's Java forms of an element's properties
// (getText(), getValue(), getLocator(), isPresent(), isEnabled()…):
// each reads the property when called.
func (s *Scenario) javaBeans(obj *goja.Object) {
	for method, prop := range map[string]string{
		"getLocator": "locator", "getText": "text", "getValue": "value", "getHtml": "html",
		"getPosition": "position", "isPresent": "present", "isEnabled": "enabled",
	} {
		_ = obj.DefineDataProperty(method, s.rt.ToValue(func() goja.Value { return obj.Get(prop) }),
			goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	}
}

// input types text into the element: a string, or an array of strings,
// where Key.X characters are pressed as keys (Key.CONTROL + 'a' is Control+A).
func (s *Scenario) input(l *browser.Locator, v goja.Value) {
	s.typed(l, v.String(), func(l *browser.Locator) { s.typeInto(l, v) })
}

// typed masks text when it goes into a password field: the action finds
// the field, and before the text goes out, as the natural steps do.
func (s *Scenario) typed(l *browser.Locator, text string, action func(l *browser.Locator)) {
	if s.env.AddSecret == nil {
		action(l)
		return
	}
	action(l.OnPassword(func() { s.env.AddSecret(text) }))
}

// typeInto types v (a string, or an array of strings and keys).
func (s *Scenario) typeInto(l *browser.Locator, v goja.Value) {
	var parts []string
	if arr, ok := v.Export().([]any); ok {
		for _, p := range arr {
			parts = append(parts, fmt.Sprint(p))
		}
	} else {
		parts = []string{v.String()}
	}
	// The first text goes after the element's text (Type focuses it and puts
	// the caret at the end); after that, keys and text go to the focused
	// element where the caret is, so Key.CONTROL + 'a' then 'x' replaces
	// the text as it would for a user.
	typed := false
	for _, p := range parts {
		for _, chunk := range splitKeys(p) {
			switch {
			case !typed && chunk.key != "":
				s.check(l.Press(s.ctx, chunk.key))
			case !typed:
				s.check(l.Type(s.ctx, chunk.text))
			case chunk.key != "":
				s.check(s.env.Session.Press(s.ctx, chunk.key))
			default:
				s.check(s.env.Session.TypeText(s.ctx, chunk.text))
			}
			typed = true
		}
	}
}

func (s *Scenario) waitForURL(want string) string {
	var got string
	err := s.env.Session.Poll(s.ctx, func(ctx context.Context) (bool, error) {
		u, err := s.env.Session.URL(ctx)
		if err != nil {
			return false, err
		}
		got = u
		if !strings.Contains(u, want) {
			return false, fmt.Errorf("%w: the URL is %s", browser.ErrNotYet, u)
		}
		return true, nil
	})
	if err != nil {
		s.throw(fmt.Errorf("waitForUrl('%s'): %w", want, err))
	}
	return got
}

// waitForText waits until the element's text contains want.
func (s *Scenario) waitForText(loc, want string) goja.Value {
	l := s.locate(loc)
	err := s.env.Session.Poll(s.ctx, func(ctx context.Context) (bool, error) {
		p, err := l.Inspect(ctx, "text")
		if err != nil {
			return false, err
		}
		if p.Count == 0 || !strings.Contains(p.Text, want) {
			return false, fmt.Errorf("%w: %s", browser.ErrNotYet, p.Observed())
		}
		return true, nil
	})
	if err != nil {
		s.throw(fmt.Errorf("waitForText('%s', '%s'): %w", loc, want, err))
	}
	return s.elementOf(l, loc)
}

// waitUntil waits until a page expression is truthy: waitUntil('js'), or
// waitUntil(loc, '_.prop == x') with _ the element.
func (s *Scenario) waitUntil(c goja.FunctionCall) goja.Value {
	if fn, ok := goja.AssertFunction(c.Argument(0)); ok {
		// Between checks a dialog handler may run (dialog.go).
		ctx := s.ctx
		pause, resume := s.pausable()
		pause()
		defer resume()
		var got goja.Value
		err := browser.Poll(ctx, func(context.Context) (bool, error) {
			resume()
			defer pause()
			v, err := fn(goja.Undefined())
			if err != nil {
				return false, err
			}
			if !v.ToBoolean() {
				return false, fmt.Errorf("%w: the function returned %s", browser.ErrNotYet, s.show(v))
			}
			got = v
			return true, nil
		})
		resume()
		s.check(wrap("waitUntil(function)", err))
		return got
	}
	js, what := c.Argument(0).String(), fmt.Sprintf("waitUntil('%s')", c.Argument(0).String())
	if len(c.Arguments) > 1 {
		return s.waitUntilElement(c.Argument(0).String(), c.Argument(1).String())
	}
	err := s.env.Session.Poll(s.ctx, func(ctx context.Context) (bool, error) {
		out, err := s.env.Session.Evaluate(ctx, "!!("+js+")")
		return truthy(ctx, out, err)
	})
	s.check(wrap(what, err))
	return s.rt.ToValue(true)
}

// truthy is one check of a waitUntil: the page's answer out is true. An
// error once ctx ended is no answer (Poll reports what the last check
// saw); any other error or answer is "not yet".
func truthy(ctx context.Context, out string, err error) (bool, error) {
	switch {
	case err != nil && ctx.Err() != nil:
		return false, nil
	case err != nil:
		return false, fmt.Errorf("%w: %v", browser.ErrNotYet, err)
	case out != "true":
		return false, fmt.Errorf("%w: it is false", browser.ErrNotYet)
	}
	return true, nil
}

// waitUntilElement is waitUntil(loc, js): js, an expression of the
// element _ ('!_.disabled') or a function's source, is truthy for loc's
// element.
func (s *Scenario) waitUntilElement(loc, js string) goja.Value {
	s.waitUntilOn(s.locate(loc), fmt.Sprintf("waitUntil('%s', '%s')", loc, js), js)
	return s.element(loc)
}

func wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (s *Scenario) delay(ms int64) {
	ctx := s.ctx
	pause, resume := s.pausable()
	pause()
	select {
	case <-time.After(time.Duration(ms) * time.Millisecond):
		resume()
	case <-ctx.Done():
		resume()
		s.throw(fmt.Errorf("delay(%d): %w", ms, ctx.Err()))
	}
}

// screenshot([loc], [embed]) takes the page, or loc's element, attaches
// it to the step unless embed is false, and returns the image (an
// ArrayBuffer, as pdf()): Karate returns its bytes.
func (s *Scenario) screenshot(c goja.FunctionCall) goja.Value {
	var data []byte
	var err error
	name := "screenshot"
	args := c.Arguments
	if len(args) > 0 && args[0].ExportType() != nil && args[0].ExportType().Kind().String() == "string" {
		name = "screenshot of " + args[0].String()
		data, err = s.locate(args[0].String()).Screenshot(s.ctx)
		args = args[1:]
	} else {
		data, err = s.env.Session.Screenshot(s.ctx, false)
	}
	s.check(wrap("screenshot()", err))
	var embed goja.Value
	if len(args) > 0 {
		embed = args[0]
	}
	return s.shot(name, data, embed)
}

// shot attaches a screenshot to the step unless embed is false, and
// returns it (an ArrayBuffer): Karate's screenshot returns its bytes.
func (s *Scenario) shot(name string, data []byte, embed goja.Value) goja.Value {
	if (embed == nil || goja.IsUndefined(embed) || embed.ToBoolean()) && s.env.Attach != nil {
		s.check(s.env.Attach(name, data, s.env.Session.ScreenshotExt()))
	}
	return s.rt.ToValue(s.rt.NewArrayBuffer(data))
}

// script runs JavaScript in the page and returns its result.
func (s *Scenario) script(js string) goja.Value {
	out, err := s.env.Session.Evaluate(s.ctx, js)
	s.check(wrap(fmt.Sprintf("script('%s')", js), err))
	return s.fromJSON(out)
}

// retry(count, interval) gives the next call up to count × interval to
// succeed (capped by the step timeout, --timeout).
func (s *Scenario) retry(c goja.FunctionCall) goja.Value {
	count, interval := int64(s.retryCount), s.retryInterval.Milliseconds()
	if a := c.Argument(0); !goja.IsUndefined(a) {
		count = a.ToInteger()
	}
	if a := c.Argument(1); !goja.IsUndefined(a) {
		interval = a.ToInteger()
	}
	budget := time.Duration(count*interval) * time.Millisecond
	obj := s.rt.NewObject()
	for name, fn := range s.api() {
		f := s.rt.ToValue(fn)
		call, _ := goja.AssertFunction(f)
		_ = obj.Set(name, func(c goja.FunctionCall) goja.Value {
			parent := s.ctx
			ctx, cancel := context.WithTimeout(parent, budget)
			defer cancel()
			s.ctx = ctx
			defer func() { s.ctx = parent }()
			v, err := call(goja.Undefined(), c.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		})
	}
	return obj
}

// callOn waits for loc's element and calls the page function fn (its
// source) with it; what names the Karate call in errors.
func (s *Scenario) callOn(loc, what, fn string) goja.Value {
	l := s.locate(loc)
	s.check(wrap(fmt.Sprintf("%s('%s')", what, loc), l.WaitFor(s.ctx, browser.Attached)))
	out, err := l.Evaluate(s.ctx, fn)
	s.check(wrap(fmt.Sprintf("%s('%s')", what, loc), err))
	return s.fromJSON(out)
}

// fromJSON is the page's JSON answer as a JavaScript value.
func (s *Scenario) fromJSON(out string) goja.Value {
	if out == "" {
		return goja.Null() // undefined in the page: Karate (Java) gives null
	}
	v, err := s.rt.RunString("(" + out + ")")
	s.check(err)
	return v
}

// property(loc, name) is the element's DOM property name (e.g. 'checked',
// 'tagName'), not its attribute.
func (s *Scenario) property(loc, name string) goja.Value {
	q, _ := json.Marshal(name)
	return s.callOn(loc, "property", "e => e["+string(q)+"]")
}

// focus(loc) gives the element the focus, as element.focus() does.
func (s *Scenario) focus(loc string) goja.Value {
	s.callOn(loc, "focus", "e => { e.focus() }")
	return s.element(loc)
}

// position(loc) is the element's box {x, y, width, height} in CSS pixels
// from the page's top left, as Karate's is; position(loc, true) is from
// the viewport's.
func (s *Scenario) position(loc string, relative bool) goja.Value {
	scroll := "window.scrollX, window.scrollY"
	if relative {
		scroll = "0, 0"
	}
	return s.callOn(loc, "position", `e => ((r, sx, sy) => ({ x: r.left + sx, y: r.top + sy, width: r.width, height: r.height }))(e.getBoundingClientRect(), `+scroll+`)`)
}

// scriptAll(loc, js[, predicate]) evaluates js on each match, now (no
// waiting): an expression of the element _ ('_.textContent') or a
// function's source. The optional predicate (a function) keeps only the
// results it is true for, as Karate's does.
func (s *Scenario) scriptAll(loc, js string, predicate goja.Value) goja.Value {
	return s.scriptAllOn(s.locate(loc), fmt.Sprintf("scriptAll('%s', '%s')", loc, js), js, predicate)
}

// dimensions is driver.dimensions: {x, y, width, height} of the window,
// where width and height are the viewport's (kumite sizes the viewport,
// the window of a headless browser has no frame).
func (s *Scenario) dimensions() any {
	out, err := s.env.Session.Evaluate(s.ctx, "({ x: window.screenX, y: window.screenY, width: window.innerWidth, height: window.innerHeight })")
	s.check(wrap("driver.dimensions", err))
	return s.fromJSON(out)
}

// setDimensions is driver.dimensions = {width, height}: it sizes the
// viewport (x and y are ignored: a headless window does not move).
func (s *Scenario) setDimensions(v goja.Value) {
	o := v.ToObject(s.rt)
	w, h := o.Get("width"), o.Get("height")
	if w == nil || h == nil {
		s.throw(fmt.Errorf("driver.dimensions = %s: it needs width and height", s.show(v)))
	}
	s.check(wrap("driver.dimensions", s.env.Session.SetViewport(s.ctx, int(w.ToInteger()), int(h.ToInteger()))))
}

func (s *Scenario) cookies() []browser.Cookie {
	cs, err := s.env.Session.Cookies(s.ctx)
	s.check(err)
	if cs == nil {
		cs = []browser.Cookie{}
	}
	return cs
}

// toJS is a Go value as the JavaScript value its JSON reads as.
func (s *Scenario) toJS(v any) goja.Value {
	b, err := json.Marshal(v)
	s.check(err)
	return s.fromJSON(string(b))
}

// cookie(name) is the cookie the page would send ({name, value, domain,
// path, expires, httpOnly, secure}), or null; cookie({name, value, ...})
// sets one, for the current page's URL when it has no domain.
func (s *Scenario) cookie(v goja.Value) goja.Value {
	if obj, ok := v.Export().(map[string]any); ok {
		b, err := json.Marshal(obj)
		s.check(err)
		var c browser.Cookie
		if err := json.Unmarshal(b, &c); err != nil {
			s.throw(fmt.Errorf("cookie(%s): %v", s.show(v), err))
		}
		s.check(wrap(fmt.Sprintf("cookie(%s)", s.show(v)), s.env.Session.SetCookie(s.ctx, c)))
		return goja.Undefined()
	}
	name := v.String()
	for _, c := range s.cookies() {
		if c.Name == name {
			return s.toJS(c)
		}
	}
	return goja.Null()
}

// dialog(accept[, text]) sets how the next dialog is answered: accepted or
// dismissed, with text typed into a prompt. Karate answers a dialog that is
// already open; kumite answers every dialog as it opens, so the answer is
// armed before the step that opens it.
func (s *Scenario) dialog(accept goja.Value, text goja.Value) {
	a, ok := accept.Export().(bool)
	if !ok {
		s.throw(fmt.Errorf("dialog(%s): accept must be true or false, got %s", s.show(accept), accept.ExportType()))
	}
	ans := browser.DialogAnswer{Accept: a}
	if text != nil && !goja.IsUndefined(text) && !goja.IsNull(text) {
		ans.Text = text.String()
	}
	s.env.Session.ForgetDialog()
	s.env.Session.ArmDialog(ans)
}

// keys() is Karate 2's keyboard (its Keys interface): keys().press('Enter')
// presses a key of the keyboard (a name, or Key.ENTER and the others),
// keys().type('abc') types text into whatever has the focus, ctrl(key),
// alt(key), shift(key), meta(key) and combo([modifiers], key) press key
// with modifiers; each returns the keyboard so calls chain. down and up
// (a key held across calls) fail saying what to write instead.
func (s *Scenario) keys() *goja.Object {
	kb := s.rt.NewObject()
	press := func(what, key string) *goja.Object {
		s.check(wrap(fmt.Sprintf("keys().%s(%q)", what, key), s.env.Session.Press(s.ctx, key)))
		return kb
	}
	_ = kb.Set("press", func(key string) *goja.Object { return press("press", keyName(key)) })
	_ = kb.Set("type", func(text string) *goja.Object {
		s.check(wrap(fmt.Sprintf("keys().type(%q)", text), s.env.Session.TypeText(s.ctx, text)))
		return kb
	})
	for method, modifier := range map[string]string{"ctrl": "Control", "alt": "Alt", "shift": "Shift", "meta": "Meta"} {
		_ = kb.Set(method, func(key string) *goja.Object { return press(method, modifier+"+"+keyName(key)) })
	}
	_ = kb.Set("combo", func(modifiers []string, key string) *goja.Object {
		var names []string
		for _, m := range modifiers {
			names = append(names, keyName(m))
		}
		return press("combo", strings.Join(append(names, keyName(key)), "+"))
	})
	for _, method := range []string{"down", "up"} {
		_ = kb.Set(method, func(key string) {
			s.throw(fmt.Errorf("keys().%s(%q): kumite does not hold a key down yet; press the combination at once, e.g. keys().shift('a'), keys().combo([Key.CONTROL], 'a') or keys().press('Shift+a')", method, keyName(key)))
		})
	}
	return kb
}

// keyName is the name of a key Karate's Key constants give as a character
// (Key.ENTER is Enter); any other key stays as it is.
func keyName(key string) string {
	for _, k := range webDriverKeys {
		if key == k.char && k.press != "" {
			return k.press
		}
	}
	return key
}

// highlightJS outlines an element for 3 seconds (Karate's default
// highlightDuration), then puts its outline back. An outline takes no
// space, so nothing moves; kumite does not wait for the 3 seconds.
const highlightJS = `e => { const was = e.style.outline; e.style.outline = '3px solid #e53935'; setTimeout(() => { e.style.outline = was }, 3000) }`

// highlightAll(loc) waits for loc to match and outlines every match, as
// highlight does one.
func (s *Scenario) highlightAll(loc string) goja.Value {
	l := s.locate(loc)
	what := fmt.Sprintf("highlightAll('%s')", loc)
	s.check(wrap(what, l.WaitFor(s.ctx, browser.Attached)))
	_, err := l.EvaluateAll(s.ctx, highlightJS)
	s.check(wrap(what, err))
	return s.locateAll(loc, nil)
}

// getPages() lists the scenario's open tabs as [{url, title}], in the order
// Chromium lists them.
func (s *Scenario) getPages() goja.Value {
	tabs, err := s.env.Session.Tabs(s.ctx)
	s.check(wrap("getPages()", err))
	return s.toJS(tabs)
}

// toScreen is maximize() and fullscreen(): a headless browser has no
// window to resize, so the viewport takes the screen's size (its available
// size for maximize), which is --window-size's or Chromium's default.
func (s *Scenario) toScreen(what, width, height string, args []goja.Value) {
	if len(args) > 0 {
		s.throw(fmt.Errorf("%s(%s): it takes no arguments", what, s.show(args[0])))
	}
	out, err := s.env.Session.Evaluate(s.ctx, "["+width+", "+height+"]")
	s.check(wrap(what+"()", err))
	var wh [2]int
	if err := json.Unmarshal([]byte(out), &wh); err != nil {
		s.throw(fmt.Errorf("%s(): read the screen's size %s: %v", what, out, err))
	}
	s.check(wrap(what+"()", s.env.Session.SetViewport(s.ctx, wh[0], wh[1])))
}
