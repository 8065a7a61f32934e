package karate

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// karateMemberList are the members of the karate object kumite provides;
// a step that uses any other fails to parse.
const karateMemberList = `log get set match fail properties env read readAsString
	abort call callSingle jsonPath configure eval remove
	filter map mapWithKey forEach keysOf valuesOf sizeOf append appendTo merge lowerCase
	pretty typeOf toJson range repeat distinct sort filterKeys extract extractAll
	embed os info scenario feature tags tagValues urlEncode urlDecode toString fromString
	toAbsolutePath wait stop write`

// bindLanguage adds the karate members that are about data and flow (not
// the driver) to the karate object bindGlobals made.
func (s *Scenario) bindLanguage() {
	rt := s.rt
	k := rt.Get("karate").ToObject(rt)
	set := func(name string, v any) { _ = k.Set(name, v) }
	set("get", func(name string, def goja.Value) goja.Value {
		if v := rt.Get(name); v != nil && !goja.IsUndefined(v) {
			return v
		}
		if def != nil && !goja.IsUndefined(def) {
			return def
		}
		return goja.Null()
	})
	set("set", s.karateSet)
	set("remove", func(name, path string) {
		st, err := Parse("remove "+name+" "+path, "")
		if err != nil {
			s.throw(fmt.Errorf("karate.remove('%s', '%s'): %v", name, path, err))
		}
		s.check(s.editPath(st))
	})
	set("readAsString", func(path string) string {
		full, err := s.shared().resolve(path, s.where)
		s.check(err)
		b, err := os.ReadFile(full)
		if err != nil {
			s.throw(fmt.Errorf("karate.readAsString('%s'): %w", path, err))
		}
		return string(b)
	})
	set("toAbsolutePath", func(path string) string {
		full, err := s.shared().resolve(path, s.where)
		s.check(err)
		return full
	})
	set("abort", func() {
		s.aborted = true
		s.rt.Interrupt(ErrAborted)
	})
	set("call", s.karateCall)
	set("callSingle", s.callSingle)
	set("jsonPath", func(v goja.Value, path string) goja.Value {
		if !strings.HasPrefix(strings.TrimSpace(path), "$") {
			s.throw(fmt.Errorf("karate.jsonPath(%s, '%s'): a JSON path starts with $", s.show(v), path))
		}
		segs, err := parsePath(strings.TrimPrefix(strings.TrimSpace(path), "$"))
		if err != nil {
			s.throw(fmt.Errorf("karate.jsonPath(…, '%s'): %v", path, err))
		}
		r := s.jsonPath(v, segs)
		if goja.IsUndefined(r) {
			return goja.Null()
		}
		return r
	})
	set("configure", func(key string, v goja.Value) {
		if err := configurable(key); err != nil {
			s.throw(err)
		}
		s.check(s.applyConfigure(key, v))
	})
	set("eval", func(src string) goja.Value {
		v, err := rt.RunString(src)
		if err != nil {
			s.throw(fmt.Errorf("karate.eval: %s", s.errText(err)))
		}
		return v
	})
	set("match", s.karateMatch)
	set("typeOf", typeOf)
	set("os", s.osInfo())
	set("info", map[string]any{
		"featureDir": filepath.Dir(s.env.FeaturePath), "featureFileName": filepath.Base(s.env.FeaturePath),
		"scenarioName": s.env.ScenarioName, "scenarioType": "Scenario", "scenarioDescription": "", "errorMessage": nil,
	})
	set("scenario", map[string]any{"name": s.env.ScenarioName, "description": "", "line": s.env.ScenarioLine})
	set("feature", map[string]any{
		"name": s.env.FeatureName, "description": "", "fileName": filepath.Base(s.env.FeaturePath),
		"parentDir": filepath.Dir(s.env.FeaturePath), "prefixedPath": s.env.FeaturePath,
	})
	tags, values := s.tagInfo()
	set("tags", tags)
	set("tagValues", values)
	set("urlEncode", url.QueryEscape)
	set("urlDecode", func(v string) string {
		out, err := url.QueryUnescape(v)
		if err != nil {
			s.throw(fmt.Errorf("karate.urlDecode('%s'): %v", v, err))
		}
		return out
	})
	set("toString", func(v goja.Value) string { return s.show(v) })
	set("fromString", func(v string) goja.Value {
		if out, err := s.parseJSON(v); err == nil {
			if _, isObj := out.(*goja.Object); isObj {
				return out
			}
		}
		return rt.ToValue(v)
	})
	set("extract", func(text, re string, group int) goja.Value {
		m := s.regexp(re).FindStringSubmatch(text)
		if m == nil || group >= len(m) {
			return goja.Null()
		}
		return rt.ToValue(m[group])
	})
	set("extractAll", func(text, re string, group int) []any {
		out := []any{}
		for _, m := range s.regexp(re).FindAllStringSubmatch(text, -1) {
			if group < len(m) {
				out = append(out, m[group])
			}
		}
		return out
	})
	set("embed", s.embed)
	set("wait", func(ms int64) {
		select {
		case <-time.After(time.Duration(ms) * time.Millisecond):
		case <-s.ctx.Done():
			s.throw(fmt.Errorf("karate.wait(%d): %w", ms, s.ctx.Err()))
		}
	})
	set("stop", func(...goja.Value) {
		s.log("karate.stop() does not pause kumite: a run never waits for someone to connect (in CI it would hang until the build times out); use --headless=false and delay() to watch a page")
	})
	set("write", s.write)
	set("lowerCase", func(v goja.Value) goja.Value {
		b, err := v.ToObject(rt).MarshalJSON()
		if _, isObj := v.(*goja.Object); !isObj || err != nil {
			return rt.ToValue(strings.ToLower(v.String()))
		}
		out, err := s.parseJSON(strings.ToLower(string(b)))
		s.check(err)
		return out
	})
	if _, err := rt.RunProgram(langProgram); err != nil {
		panic(fmt.Sprintf("kumite bug: karate members: %v", err))
	}
}

// langProgram defines the members that are plain JavaScript over values.
var langProgram = goja.MustCompile("karate-members.js", `(function (k) {
  function each(o, fn) {
    if (Array.isArray(o)) { for (var i = 0; i < o.length; i++) fn(o[i], i); }
    else if (o) { var ks = Object.keys(o); for (var j = 0; j < ks.length; j++) fn(ks[j], o[ks[j]], j); }
  }
  k.filter = function (list, fn) { var out = []; each(list, function (x, i) { if (fn(x, i)) out.push(x); }); return out; };
  k.map = function (list, fn) { var out = []; each(list, function (x, i) { out.push(fn(x, i)); }); return out; };
  k.mapWithKey = function (list, key) { return k.map(list, function (x) { var o = {}; o[key] = x; return o; }); };
  k.forEach = function (o, fn) { each(o, fn); };
  k.keysOf = function (o) { return Object.keys(o || {}); };
  k.valuesOf = function (o) { return Array.isArray(o) ? o : Object.keys(o || {}).map(function (x) { return o[x]; }); };
  k.sizeOf = function (o) { return Array.isArray(o) ? o.length : typeof o === 'string' ? o.length : Object.keys(o || {}).length; };
  k.append = function () {
    var out = [];
    for (var i = 0; i < arguments.length; i++) { var a = arguments[i]; if (Array.isArray(a)) out = out.concat(a); else out.push(a); }
    return out;
  };
  k.appendTo = function (target) {
    var list = typeof target === 'string' ? k.get(target) : target;
    if (!Array.isArray(list)) throw new Error('karate.appendTo: ' + (typeof target === 'string' ? target + ' is' : 'the first argument is') + ' not an array');
    for (var i = 1; i < arguments.length; i++) { var a = arguments[i]; if (Array.isArray(a)) Array.prototype.push.apply(list, a); else list.push(a); }
    return list;
  };
  k.merge = function () { var out = {}; for (var i = 0; i < arguments.length; i++) Object.assign(out, arguments[i]); return out; };
  k.pretty = function (v) { return typeof v === 'string' ? v : JSON.stringify(v, null, 2); };
  k.toJson = function (v, removeNulls) {
    var out = JSON.parse(JSON.stringify(v));
    if (removeNulls) {
      var strip = function (o) {
        if (Array.isArray(o)) { o.forEach(strip); return; }
        if (o && typeof o === 'object') Object.keys(o).forEach(function (x) { if (o[x] === null) delete o[x]; else strip(o[x]); });
      };
      strip(out);
    }
    return out;
  };
  k.range = function (start, end, step) {
    step = step || 1;
    if (step <= 0) throw new Error('karate.range: the interval must be a positive integer, got ' + step);
    var out = [];
    if (start <= end) { for (var i = start; i <= end; i += step) out.push(i); }
    else { for (var j = start; j >= end; j -= step) out.push(j); }
    return out;
  };
  k.repeat = function (n, fn) { var out = []; for (var i = 0; i < n; i++) out.push(fn(i)); return out; };
  k.distinct = function (list) { var out = []; list.forEach(function (x) { if (out.indexOf(x) < 0) out.push(x); }); return out; };
  k.sort = function (list, fn) {
    fn = fn || function (x) { return x; };
    return list.slice().sort(function (a, b) { var x = fn(a), y = fn(b); return x < y ? -1 : x > y ? 1 : 0; });
  };
  k.filterKeys = function (o) {
    var keys = [];
    for (var i = 1; i < arguments.length; i++) {
      var a = arguments[i];
      if (Array.isArray(a)) keys = keys.concat(a); else if (a && typeof a === 'object') keys = keys.concat(Object.keys(a)); else keys.push(a);
    }
    var out = {};
    keys.forEach(function (x) { if (o && Object.prototype.hasOwnProperty.call(o, x)) out[x] = o[x]; });
    return out;
  };
})(karate)`, false)

// karateSet is karate.set(name, value), karate.set(object) (every key)
// and karate.set(name, path, value) (as the set keyword).
func (s *Scenario) karateSet(c goja.FunctionCall) goja.Value {
	args := c.Arguments
	switch len(args) {
	case 1:
		s.setAll(args[0])
	case 2:
		_ = s.define(args[0].String(), args[1])
	case 3:
		name, path := args[0].String(), args[1].String()
		_, segs, err := parseTarget(name + " " + path)
		if !strings.HasPrefix(path, "$") {
			_, segs, err = parseTarget(name + "." + path)
		}
		if err != nil {
			s.throw(fmt.Errorf("karate.set('%s', '%s'): %v", name, path, err))
		}
		root, err := s.setPath(s.rt.Get(name), segs, args[2])
		s.check(err)
		_ = s.define(name, root)
	default:
		s.throw(fmt.Errorf("karate.set takes (name, value), (object) or (name, path, value)"))
	}
	return goja.Undefined()
}

// applyConfigure is configure KEY = VALUE (and karate.configure).
func (s *Scenario) applyConfigure(key string, v goja.Value) error {
	switch key {
	case "driver":
		_, err := driverFrom(v.Export())
		return err
	case "retry":
		m, _ := v.Export().(map[string]any)
		if c, ok := number(m["count"]); ok && c > 0 {
			s.retryCount = int(c)
		}
		if i, ok := number(m["interval"]); ok && i > 0 {
			s.retryInterval = time.Duration(i) * time.Millisecond
		}
	}
	return nil
}

func (s *Scenario) regexp(re string) *regexp.Regexp {
	r, err := regexp.Compile(re)
	if err != nil {
		s.throw(fmt.Errorf("not a regular expression %q: %v", re, err))
	}
	return r
}

func (s *Scenario) osInfo() map[string]any {
	switch runtime.GOOS {
	case "darwin":
		return map[string]any{"type": "macosx", "name": "Mac OS X"}
	case "windows":
		return map[string]any{"type": "windows", "name": "Windows"}
	case "linux":
		return map[string]any{"type": "linux", "name": "Linux"}
	}
	return map[string]any{"type": "unknown", "name": runtime.GOOS}
}

// tagInfo is karate.tags (the tags without @) and karate.tagValues
// (@name=a,b is name: ['a', 'b']; a tag without = has no values).
func (s *Scenario) tagInfo() ([]any, map[string]any) {
	tags := []any{}
	values := map[string]any{}
	for _, t := range s.env.Tags {
		t = strings.TrimPrefix(t, "@")
		tags = append(tags, t)
		name, vals, ok := strings.Cut(t, "=")
		list := []any{}
		if ok {
			for _, v := range strings.Split(vals, ",") {
				list = append(list, v)
			}
		}
		values[name] = list
	}
	return tags, values
}

// mediaTypes are the types karate.embed knows, with the file extension
// the attachment gets.
var mediaTypes = map[string]string{
	"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg", "image/webp": "webp",
	"text/html": "html", "text/plain": "txt", "application/json": "json", "application/pdf": "pdf",
	"text/csv": "csv", "application/xml": "xml", "text/xml": "xml",
}

// embed is karate.embed(value, mimeType): the value (text, bytes, or an
// object as JSON) is attached to the running step.
func (s *Scenario) embed(v goja.Value, mime string) {
	ext, ok := mediaTypes[mime]
	if !ok {
		s.throw(fmt.Errorf("karate.embed: kumite does not know the type %q (it knows %s)", mime, strings.Join(sortedTypes(), ", ")))
	}
	var data []byte
	switch x := v.Export().(type) {
	case string:
		data = []byte(x)
		if strings.HasPrefix(mime, "image/") && mime != "image/svg+xml" {
			if b, err := base64.StdEncoding.DecodeString(x); err == nil {
				data = b // an image as base64 text
			}
		}
	case []byte:
		data = x
	case goja.ArrayBuffer:
		data = x.Bytes()
	default:
		data = []byte(s.show(v))
	}
	if s.env.Embed == nil {
		return
	}
	s.check(s.env.Embed("embed", data, ext, mime))
}

func sortedTypes() []string {
	var out []string
	for t := range mediaTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// write is karate.write(value, path): the file goes to the report
// folder's karate/ folder (Karate writes to target/), and the call returns
// its absolute path.
func (s *Scenario) write(v goja.Value, path string) string {
	if s.env.OutDir == "" {
		s.throw(fmt.Errorf("karate.write('%s'): no report folder to write to", path))
	}
	clean := filepath.Clean("/" + path)[1:]
	full, err := filepath.Abs(filepath.Join(s.env.OutDir, "karate", clean))
	s.check(err)
	var data []byte
	switch x := v.Export().(type) {
	case string:
		data = []byte(x)
	case []byte:
		data = x
	case goja.ArrayBuffer:
		data = x.Bytes()
	default:
		data = []byte(s.show(v))
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		s.throw(fmt.Errorf("karate.write('%s'): %w", path, err))
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		s.throw(fmt.Errorf("karate.write('%s'): %w", path, err))
	}
	return full
}

// karateMatch is karate.match(actual, expected) (==) and
// karate.match('each foo contains { a: 1 }') (a whole match step): it
// returns { pass, message } and never fails the step itself.
func (s *Scenario) karateMatch(c goja.FunctionCall) goja.Value {
	var reason string
	if len(c.Arguments) == 1 {
		st, err := Parse("match "+c.Argument(0).String(), "")
		if err == nil {
			err = s.match(st)
		}
		if err != nil {
			reason = err.Error()
		}
	} else {
		reason = s.equal("$", export(c.Argument(0)), export(c.Argument(1)))
	}
	if reason == "" {
		return s.rt.ToValue(map[string]any{"pass": true, "message": nil})
	}
	return s.rt.ToValue(map[string]any{"pass": false, "message": reason})
}
