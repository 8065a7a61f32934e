package karate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dop251/goja"
)

// A portable value is a JavaScript value taken out of its runtime, so that
// another scenario's runtime can get a deep copy of it (callonce,
// karate.callSingle): JSON-like data as Go values, objects with their key
// order, functions as their source (made again in the other runtime, so
// they see that runtime's variables, not the ones they closed over).
type (
	portableObject struct {
		keys []string
		vals []any
	}
	portableFunction  struct{ src string }
	portableUndefined struct{}
)

// portable takes v out of the runtime.
func (s *Scenario) portable(v goja.Value) any {
	return s.portableDepth(v, 0)
}

func (s *Scenario) portableDepth(v goja.Value, depth int) any {
	if v == nil || goja.IsUndefined(v) || depth > 64 {
		return portableUndefined{}
	}
	if goja.IsNull(v) {
		return nil
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		return v.Export()
	}
	if _, isFn := goja.AssertFunction(v); isFn {
		return portableFunction{src: v.String()}
	}
	switch x := obj.Export().(type) {
	case *featureValue:
		return x
	}
	if obj.ClassName() == "Array" {
		keys := obj.Keys()
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = s.portableDepth(obj.Get(k), depth+1)
		}
		return out
	}
	p := portableObject{}
	for _, k := range obj.Keys() {
		p.keys = append(p.keys, k)
		p.vals = append(p.vals, s.portableDepth(obj.Get(k), depth+1))
	}
	return p
}

// fromPortable makes a fresh copy of p in this runtime.
func (s *Scenario) fromPortable(p any) goja.Value {
	switch x := p.(type) {
	case portableUndefined:
		return goja.Undefined()
	case nil:
		return goja.Null()
	case portableFunction:
		v, err := s.rt.RunString("(" + x.src + "\n)")
		if err != nil {
			return goja.Undefined() // native code: it does not cross runtimes
		}
		return v
	case *featureValue:
		return s.rt.ToValue(x)
	case []any:
		items := make([]any, len(x))
		for i, e := range x {
			items[i] = s.fromPortable(e)
		}
		return s.rt.NewArray(items...)
	case portableObject:
		obj := s.rt.NewObject()
		for i, k := range x.keys {
			_ = obj.Set(k, s.fromPortable(x.vals[i]))
		}
		return obj
	}
	return s.rt.ToValue(p)
}

// typeOf is karate.typeOf: Karate's name for a value's type.
func typeOf(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return "undefined"
	}
	if goja.IsNull(v) {
		return "null"
	}
	if _, ok := goja.AssertFunction(v); ok {
		return "function"
	}
	if obj, ok := v.(*goja.Object); ok {
		if _, isFeature := obj.Export().(*featureValue); isFeature {
			return "feature"
		}
		if obj.ClassName() == "Array" {
			return "list"
		}
		return "map"
	}
	switch v.Export().(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case int64, float64:
		return "number"
	}
	return "unknown"
}

var embeddedRe = regexp.MustCompile(`^(##?)\((.*)\)$`)

// isLiteral tells whether an expression is a JSON literal, whose strings
// may be Karate's embedded expressions.
func isLiteral(expr string) bool {
	t := strings.TrimSpace(expr)
	return strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")
}

// embedded evaluates Karate's embedded expressions in a value just made
// from a JSON literal or file: a string '#(expr)' becomes expr's value,
// '##(expr)' too, except that a key whose value is null is removed.
func (s *Scenario) embedded(v goja.Value) (goja.Value, error) {
	switch x := v.(type) {
	case *goja.Object:
		if _, fn := goja.AssertFunction(v); fn {
			return v, nil
		}
		isArr := x.ClassName() == "Array"
		for _, k := range x.Keys() {
			item := x.Get(k)
			str, ok := item.Export().(string)
			if !ok {
				if _, isObj := item.(*goja.Object); isObj {
					if _, err := s.embedded(item); err != nil {
						return nil, err
					}
				}
				continue
			}
			m := embeddedRe.FindStringSubmatch(str)
			if m == nil {
				continue
			}
			val, err := s.evalEmbedded(str, m[2])
			if err != nil {
				return nil, err
			}
			if m[1] == "##" && !isArr && (goja.IsNull(val) || goja.IsUndefined(val)) {
				_ = x.Delete(k)
				continue
			}
			_ = x.Set(k, val)
		}
		return v, nil
	}
	if str, ok := v.Export().(string); ok {
		if m := embeddedRe.FindStringSubmatch(str); m != nil {
			return s.evalEmbedded(str, m[2])
		}
	}
	return v, nil
}

func (s *Scenario) evalEmbedded(whole, expr string) (goja.Value, error) {
	s.failure = nil
	v, err := s.rt.RunString("(" + expr + "\n)")
	if err != nil {
		if s.failure != nil {
			return nil, s.failure
		}
		return nil, fmt.Errorf("the embedded expression '%s': %s", whole, s.errText(err))
	}
	return v, nil
}
