package karate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/kumite/kumite/browser"
)

// functionRe tells a function's source ("function(e){...}", "e => ...",
// "(a) => ...") from an expression of the element _ ("_.textContent",
// "!_.disabled").
var functionSourceRe = regexp.MustCompile(`^\s*(async\s+)?(function\b|\([^()]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)`)

// elementFn is Karate's element script as a function's source: a function
// as it is, an expression wrapped so that _ is the element.
func elementFn(js string) string {
	if functionSourceRe.MatchString(js) {
		return js
	}
	return "function(_) { return (" + js + "\n) }"
}

// scriptFn is script(js) or script(fn), run in the page (the current
// frame), and script(loc, js), run on loc's element once it exists: js is
// an expression of _ (the element) or a function's source.
func (s *Scenario) scriptFn(c goja.FunctionCall) goja.Value {
	if len(c.Arguments) > 1 {
		loc, js := c.Argument(0).String(), c.Argument(1).String()
		return s.evalOn(s.locate(loc), fmt.Sprintf("script('%s', '%s')", loc, js), elementFn(js))
	}
	js := c.Argument(0)
	if _, isFn := goja.AssertFunction(js); isFn {
		return s.script("(" + js.String() + "\n)()") // script(fn): Karate calls it in the page
	}
	return s.script(js.String())
}

// evalOn waits for l's element to exist and calls the page function fn
// (its source) with it; what names the Karate call in errors.
func (s *Scenario) evalOn(l *browser.Locator, what, fn string) goja.Value {
	s.check(wrap(what, l.WaitFor(s.ctx, browser.Attached)))
	out, err := l.Evaluate(s.ctx, fn)
	s.check(wrap(what, err))
	return s.fromJSON(out)
}

// waitUntilOn waits until the expression js of _ (or a function's source)
// is truthy for l's element.
func (s *Scenario) waitUntilOn(l *browser.Locator, what, js string) {
	fn := "function(e) { return !!(" + elementFn(js) + "\n)(e) }"
	err := browser.Poll(s.ctx, func(ctx context.Context) (bool, error) {
		n, err := l.Count(ctx)
		if err != nil {
			return false, err
		}
		if n == 0 {
			return false, fmt.Errorf("%w: no element matches %s", browser.ErrNotYet, l)
		}
		out, err := l.Evaluate(ctx, fn)
		return truthy(ctx, out, err)
	})
	s.check(wrap(what, err))
}

// elementMore adds to an element object what elementOf does not have:
// Karate's Element methods on the element l finds, named name.
func (s *Scenario) elementMore(obj *goja.Object, l *browser.Locator, name string) {
	self := func() goja.Value { return obj }
	name = expression(name)
	call := func(method, args string) string { return fmt.Sprintf("%s.%s(%s)", name, method, args) }
	_ = obj.Set("script", func(js string) goja.Value {
		return s.evalOn(l, call("script", quote(js)), elementFn(js))
	})
	_ = obj.Set("scriptAll", func(loc, js string) goja.Value {
		return s.scriptAllOn(l.Within(loc, call("locateAll", quote(loc))), call("scriptAll", quote(loc)+", "+quote(js)), js, nil)
	})
	_ = obj.Set("locate", func(loc string) goja.Value {
		child := l.Within(loc, call("locate", quote(loc)))
		s.check(child.WaitFor(s.ctx, browser.Attached))
		return s.elementOf(child, call("locate", quote(loc)))
	})
	_ = obj.Set("locateAll", func(loc string, filter goja.Value) goja.Value {
		all := l.Within(loc, call("locateAll", quote(loc)))
		return s.elementsOf(all, indexed(all), filter)
	})
	_ = obj.Set("optional", func(loc string) goja.Value {
		child := l.Within(loc, call("optional", quote(loc)))
		n, err := child.Count(s.ctx)
		s.check(err)
		if n == 0 {
			return s.absent()
		}
		return s.elementOf(child, call("optional", quote(loc)))
	})
	_ = obj.Set("exists", func(loc goja.Value) bool {
		// exists() is v2's: is this element there; exists(loc) v1's: is
		// there one inside it.
		on := l
		if loc != nil && !goja.IsUndefined(loc) {
			on = l.Within(loc.String(), call("exists", quote(loc.String())))
		}
		n, err := on.Count(s.ctx)
		s.check(err)
		return n > 0
	})
	_ = obj.Set("closest", func(css string) goja.Value {
		up := l.Closest(css, call("closest", quote(css)))
		s.check(up.WaitFor(s.ctx, browser.Attached))
		return s.elementOf(up, call("closest", quote(css)))
	})
	_ = obj.Set("matches", func(css string) bool {
		v := s.evalOn(l, call("matches", quote(css)), "e => e.matches("+jsString(css)+")")
		return v.ToBoolean()
	})
	for _, rel := range []string{"parent", "firstChild", "lastChild", "previousSibling", "nextSibling"} {
		s.lazy(obj, rel, func() any {
			to := l.Walk(rel, name+"."+rel)
			s.check(to.WaitFor(s.ctx, browser.Attached))
			return s.elementOf(to, name+"."+rel)
		})
	}
	s.lazy(obj, "children", func() any {
		children := l.Walk("children", name+".children")
		return s.elementsOf(children, indexed(children), nil)
	})
	s.lazy(obj, "html", func() any { return s.evalOn(l, name+".html", "e => e.outerHTML") })
	s.lazy(obj, "enabled", func() any { return s.state(l).Enabled })
	s.lazy(obj, "position", func() any { return s.evalOn(l, name+".position", positionJS(false)) })
	_ = obj.Set("property", func(prop string) goja.Value {
		return s.evalOn(l, call("property", quote(prop)), "e => e["+jsString(prop)+"]")
	})
	_ = obj.Set("highlight", func() goja.Value { s.evalOn(l, call("highlight", ""), highlightJS); return self() })
	_ = obj.Set("focus", func() goja.Value { s.evalOn(l, call("focus", ""), "e => { e.focus() }"); return self() })
	_ = obj.Set("scroll", func() goja.Value { s.check(l.ScrollIntoView(s.ctx)); return self() })
	_ = obj.Set("submit", func() goja.Value { return self() })
	_ = obj.Set("mouse", func() goja.Value { return s.mouseOf(l, name) })
	_ = obj.Set("delay", func(ms int64) goja.Value { s.delay(ms); return self() })
	_ = obj.Set("select", func(v goja.Value) goja.Value { s.selectOn(l, name, v); return self() })
	_ = obj.Set("waitUntil", func(js string) goja.Value {
		s.waitUntilOn(l, call("waitUntil", quote(js)), js)
		return self()
	})
	_ = obj.Set("waitForText", func(text string) goja.Value {
		s.waitForTextOn(l, call("waitForText", quote(text)), text)
		return self()
	})
	_ = obj.Set("screenshot", func(embed goja.Value) goja.Value {
		data, err := l.Screenshot(s.ctx)
		s.check(wrap(name+".screenshot()", err))
		return s.shot("screenshot of "+name, data, embed)
	})
	for _, dir := range []string{browser.RightOf, browser.LeftOf, browser.Above, browser.Below, browser.Near} {
		_ = obj.Set(dir, func() *goja.Object { return s.finderOf(l, name+"."+dir+"()", dir) })
	}
}

// lazy defines a read-only property that is not enumerable: its getter
// reads the page (waiting, maybe failing), which copying the object, as
// def and match do, must not set off.
func (s *Scenario) lazy(obj *goja.Object, name string, get func() any) {
	getter := s.rt.ToValue(func(goja.FunctionCall) goja.Value { return s.rt.ToValue(get()) })
	_ = obj.DefineAccessorProperty(name, getter, nil, goja.FLAG_FALSE, goja.FLAG_FALSE)
}

var matchNameRe = regexp.MustCompile(`^(.*) \(match (\d+)\)$`)

// expression is an element's name as the Karate expression that gives it:
// a locator is locate('loc'), match 2 of locateAll is locateAll('loc')[1].
func expression(name string) string {
	if m := matchNameRe.FindStringSubmatch(name); m != nil {
		n, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("locateAll('%s')[%d]", m[1], n-1)
	}
	if strings.Contains(name, "(") {
		return name
	}
	return "locate('" + name + "')"
}

func quote(s string) string { return "'" + s + "'" }

// jsString is s as a JavaScript string literal.
func jsString(s string) string { return fmt.Sprintf("%q", s) }

// elementsOf is a handle on each element l matches now (no waiting), as
// locateAll gives them, each named by name(i), kept when the optional
// filter function is true.
func (s *Scenario) elementsOf(l *browser.Locator, name func(i int) string, filter goja.Value) goja.Value {
	all, err := l.All(s.ctx)
	s.check(err)
	keep, filtered := goja.AssertFunction(filter)
	var out []any
	for i, m := range all {
		e := s.elementOf(m, name(i))
		if filtered {
			ok, err := keep(goja.Undefined(), e)
			s.check(err)
			if !ok.ToBoolean() {
				continue
			}
		}
		out = append(out, e)
	}
	return s.rt.NewArray(out...)
}

// indexed names the i-th element of l as l[i].
func indexed(l *browser.Locator) func(i int) string {
	return func(i int) string { return fmt.Sprintf("%s[%d]", l, i) }
}

// absent is what optional() gives for an element that is not there:
// .present is false and its actions do nothing.
func (s *Scenario) absent() *goja.Object {
	obj := s.rt.NewObject()
	_ = obj.Set("present", false)
	_ = obj.Set("exists", func(goja.FunctionCall) goja.Value { return s.rt.ToValue(false) })
	_ = obj.Set("isPresent", func(goja.FunctionCall) goja.Value { return s.rt.ToValue(false) })
	for _, m := range []string{"click", "input", "clear", "waitFor"} {
		_ = obj.Set(m, func(goja.FunctionCall) goja.Value { return obj })
	}
	return obj
}

// positionJS is position()'s page function: the box from the page's top
// left, or from the viewport's when relative.
func positionJS(relative bool) string {
	scroll := "window.scrollX, window.scrollY"
	if relative {
		scroll = "0, 0"
	}
	return `e => ((r, sx, sy) => ({ x: r.left + sx, y: r.top + sy, width: r.width, height: r.height }))(e.getBoundingClientRect(), ` + scroll + `)`
}

// waitForTextOn waits until l's element's text contains want.
func (s *Scenario) waitForTextOn(l *browser.Locator, what, want string) {
	err := browser.Poll(s.ctx, func(ctx context.Context) (bool, error) {
		p, err := l.Inspect(ctx, "text")
		if err != nil {
			return false, err
		}
		if p.Count == 0 || !strings.Contains(p.Text, want) {
			return false, fmt.Errorf("%w: %s", browser.ErrNotYet, p.Observed())
		}
		return true, nil
	})
	s.check(wrap(what, err))
}

// scriptAllOn is scriptAll on the elements l matches now.
func (s *Scenario) scriptAllOn(l *browser.Locator, what, js string, predicate goja.Value) goja.Value {
	outs, err := l.EvaluateAll(s.ctx, elementFn(js))
	s.check(wrap(what, err))
	keep, filter := goja.AssertFunction(predicate)
	var vals []any
	for _, out := range outs {
		v := s.fromJSON(out)
		if filter {
			ok, err := keep(goja.Undefined(), v)
			s.check(err)
			if !ok.ToBoolean() {
				continue
			}
		}
		vals = append(vals, v)
	}
	return s.rt.NewArray(vals...)
}

// finderOf is Karate's Finder: the element beside ref in direction dir,
// an <input> unless find(...) names another tag, a text ('{}Go') or CSS.
// Its actions wait and check the element as click and input do.
func (s *Scenario) finderOf(ref *browser.Locator, refName, dir string) *goja.Object {
	f := s.rt.NewObject()
	at := func(find string) (*browser.Locator, string) {
		name := fmt.Sprintf("%s.find('%s')", refName, find)
		return ref.Beside(dir, find, name), name
	}
	found := func(find string) *goja.Object {
		l, name := at(find)
		s.check(l.WaitFor(s.ctx, browser.Attached))
		return s.elementOf(l, name)
	}
	_ = f.Set("find", func(find goja.Value) *goja.Object {
		tag := "input"
		if find != nil && !goja.IsUndefined(find) {
			tag = find.String()
		}
		return found(tag)
	})
	_ = f.Set("exists", func(find string) bool {
		l, _ := at(find)
		n, err := l.Count(s.ctx)
		s.check(err)
		return n > 0
	})
	_ = f.Set("input", func(v goja.Value) goja.Value {
		l, name := at("input")
		s.input(l, v)
		return s.elementOf(l, name)
	})
	_ = f.Set("click", func() goja.Value {
		l, name := at("input")
		s.check(l.Click(s.ctx))
		return s.elementOf(l, name)
	})
	_ = f.Set("clear", func() goja.Value {
		l, name := at("input")
		s.check(l.Clear(s.ctx))
		return s.elementOf(l, name)
	})
	_ = f.Set("highlight", func() goja.Value {
		l, name := at("input")
		s.evalOn(l, name+".highlight()", highlightJS)
		return s.elementOf(l, name)
	})
	_ = f.Set("select", func(v goja.Value) goja.Value {
		l, name := at("select")
		s.selectOn(l, name, v)
		return s.elementOf(l, name)
	})
	s.lazy(f, "value", func() any { l, _ := at("input"); return s.readElement(l, "value") })
	return f
}

// finder is rightOf(loc) and the other friendly locators of the page.
func (s *Scenario) finder(dir string) func(string) *goja.Object {
	return func(loc string) *goja.Object {
		return s.finderOf(s.locate(loc), fmt.Sprintf("%s('%s')", dir, loc), dir)
	}
}

// selectBy selects the option of l's <select> at index (from 0), or, with
// index -1, the first whose visible text contains part, once the element
// is enabled, and fires input and change as a user's choice does.
func (s *Scenario) selectBy(l *browser.Locator, what, index, part string) {
	fn := `e => {
		if (e.tagName !== "SELECT") return { error: "it is not a <select>" };
		const text = (o) => o.text.replace(/\s+/g, " ").trim();
		const opts = Array.from(e.options);
		const o = ` + index + ` >= 0 ? opts[` + index + `] : opts.find((x) => text(x).includes(` + jsString(part) + `));
		if (!o) return { options: opts.map(text) };
		e.focus();
		o.selected = true;
		e.dispatchEvent(new Event("input", { bubbles: true }));
		e.dispatchEvent(new Event("change", { bubbles: true }));
		return { selected: text(o) };
	}`
	err := browser.Poll(s.ctx, func(ctx context.Context) (bool, error) {
		if err := l.WaitFor(ctx, browser.Enabled); err != nil {
			return false, err
		}
		out, err := l.Evaluate(ctx, fn)
		if err != nil {
			return false, err
		}
		var got struct {
			Error    string
			Options  []string
			Selected *string
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			return false, err
		}
		switch {
		case got.Error != "":
			return false, errors.New(got.Error)
		case got.Selected == nil:
			return false, fmt.Errorf("%w: no such option; the options are %q", browser.ErrNotYet, got.Options)
		}
		return true, nil
	})
	s.check(wrap(what, err))
}
