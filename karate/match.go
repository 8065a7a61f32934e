package karate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/dop251/goja"
)

// match runs `match [each] ACTUAL OP EXPECTED` with Karate's fuzzy markers.
func (s *Scenario) match(st *Step) error {
	actV, err := s.eval(st.act)
	if err != nil {
		return s.explain(st, err)
	}
	if st.JSONPath != "" {
		actV = s.jsonPath(actV, st.Path)
	}
	var expected any
	if st.prog == nil {
		expected = strings.TrimSpace(st.Expr) // a fuzzy marker
	} else {
		v, err := s.eval(st.prog)
		if err != nil {
			return s.explain(st, err)
		}
		expected = export(v)
	}
	actual := export(actV)
	items := []any{actual}
	if st.Each {
		arr, ok := actual.([]any)
		if !ok {
			return fmt.Errorf("match each %s: the actual value is not an array but %s", st.Actual, describe(actual))
		}
		items = arr
	}
	for i, a := range items {
		if reason := s.matchOne(a, st.Op, expected); reason != "" {
			where := ""
			if st.Each {
				where = fmt.Sprintf(" (item %d)", i)
			}
			return fmt.Errorf("match failed: %s%s\n  actual: %s\n  expected: %s\n  %s", strings.TrimSpace(st.Actual+" "+st.JSONPath)+" "+st.Op+" "+st.Expr, where, describe(a), describe(expected), reason)
		}
	}
	return nil
}

// matchOne returns why actual OP expected does not hold, "" when it does.
func (s *Scenario) matchOne(actual any, op string, expected any) string {
	switch op {
	case "==":
		return s.equal("$", actual, expected)
	case "!=":
		if s.equal("$", actual, expected) == "" {
			return "they are equal"
		}
	case "contains":
		return s.contains(actual, expected, "all")
	case "!contains":
		if s.contains(actual, expected, "all") == "" {
			return "it contains it"
		}
	case "contains only":
		return s.contains(actual, expected, "only")
	case "contains any":
		return s.contains(actual, expected, "any")
	case "contains deep":
		return s.deep("$", actual, expected, "all")
	case "contains only deep":
		return s.deep("$", actual, expected, "only")
	case "contains any deep":
		return s.deep("$", actual, expected, "any")
	}
	return ""
}

// deep is Karate's contains deep (mode all), contains only deep (only)
// and contains any deep (any). All: every expected key is in the actual
// object and every expected item in the actual array (in any order),
// each compared again with contains deep. Only: the same as == except
// that no array's order matters, at any depth. Any: at least one of the
// expected keys or items holds, each compared with contains deep. Fuzzy
// markers work as in ==; a string contains deep a string when equal; an
// array contains deep an item that is not a list as a list of it.
func (s *Scenario) deep(path string, actual, expected any, mode string) string {
	if m, ok := expected.(string); ok && strings.HasPrefix(m, "#") {
		return s.marker(path, actual, m)
	}
	if _, isArr := actual.([]any); isArr {
		if _, isList := expected.([]any); !isList {
			// An array contains deep one item as a list of it, as Karate
			// wraps what is not a list.
			return s.deep(path, actual, []any{expected}, mode)
		}
	}
	inner := "all"
	if mode == "only" {
		inner = "only"
	}
	switch e := expected.(type) {
	case map[string]any:
		a, ok := actual.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: not an object: %s", path, describe(actual))
		}
		if mode == "only" {
			for k, av := range a {
				if _, in := e[k]; !in {
					return fmt.Sprintf("%s.%s: not expected: %s", path, k, describe(av))
				}
			}
		}
		held := 0
		var first string
		for _, k := range sortedKeys(e, nil) {
			av, in := a[k]
			r := ""
			if !in {
				if m, isMarker := e[k].(string); !isMarker || !(m == "#notpresent" || m == "#ignore" || strings.HasPrefix(m, "##")) {
					r = fmt.Sprintf("%s.%s: missing", path, k)
				}
			} else {
				r = s.deep(path+"."+k, av, e[k], inner)
			}
			if r == "" {
				held++
			} else if first == "" {
				first = r
			}
			if r != "" && mode != "any" {
				return r
			}
		}
		if mode == "any" && held == 0 && len(e) > 0 {
			return fmt.Sprintf("%s: no key of the expected holds (the first: %s)", path, first)
		}
		return ""
	case []any:
		a, ok := actual.([]any)
		if !ok {
			return fmt.Sprintf("%s: not an array: %s", path, describe(actual))
		}
		if mode == "only" && len(a) != len(e) {
			return fmt.Sprintf("%s: %d items, expected %d", path, len(a), len(e))
		}
		used := make([]bool, len(a))
		held := 0
		for j, w := range e {
			found := -1
			for i, item := range a {
				if !used[i] && s.deep(fmt.Sprintf("%s[%d]", path, i), item, w, inner) == "" {
					found = i
					break
				}
			}
			if found >= 0 {
				held++
				if mode == "only" {
					used[found] = true
				}
			} else if mode != "any" {
				return fmt.Sprintf("%s: no item matches the expected %s[%d] %s", path, path, j, describe(w))
			}
		}
		if mode == "any" && held == 0 && len(e) > 0 {
			return fmt.Sprintf("%s: no item of the expected is in the actual", path)
		}
		return ""
	}
	return s.equal(path, actual, expected)
}

// equal compares deeply; strings of expected that start with # are fuzzy
// markers. The reason names the path where they differ.
func (s *Scenario) equal(path string, actual, expected any) string {
	if m, ok := expected.(string); ok && strings.HasPrefix(m, "#") {
		return s.marker(path, actual, m)
	}
	switch e := expected.(type) {
	case map[string]any:
		a, ok := actual.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: not an object: %s", path, describe(actual))
		}
		keys := sortedKeys(e, a)
		for _, k := range keys {
			ev, inE := e[k]
			av, inA := a[k]
			switch {
			case !inE:
				return fmt.Sprintf("%s.%s: not expected: %s", path, k, describe(av))
			case !inA:
				if m, ok := ev.(string); ok && (m == "#notpresent" || m == "#ignore" || strings.HasPrefix(m, "##")) {
					continue
				}
				return fmt.Sprintf("%s.%s: missing", path, k)
			}
			if r := s.equal(path+"."+k, av, ev); r != "" {
				return r
			}
		}
		return ""
	case []any:
		a, ok := actual.([]any)
		if !ok {
			return fmt.Sprintf("%s: not an array: %s", path, describe(actual))
		}
		if len(a) != len(e) {
			return fmt.Sprintf("%s: %d items, expected %d", path, len(a), len(e))
		}
		for i := range e {
			if r := s.equal(fmt.Sprintf("%s[%d]", path, i), a[i], e[i]); r != "" {
				return r
			}
		}
		return ""
	}
	if fmt.Sprintf("%T%v", actual, actual) != fmt.Sprintf("%T%v", expected, expected) {
		return fmt.Sprintf("%s: %s is not %s", path, describe(actual), describe(expected))
	}
	return ""
}

var lengthMarker = regexp.MustCompile(`^#\[(\d*)\]\s*(.*)$`)
var uuidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// marker checks actual against one of Karate's fuzzy markers.
func (s *Scenario) marker(path string, actual any, m string) string {
	_, missing := actual.(absent)
	if opt, ok := strings.CutPrefix(m, "##"); ok {
		if actual == nil || missing {
			return ""
		}
		m = "#" + opt
	}
	switch {
	case m == "#ignore":
		return ""
	case m == "#notpresent" && missing:
		return ""
	case missing:
		return fmt.Sprintf("%s: not present, expected %s", path, m)
	}
	fail := func() string { return fmt.Sprintf("%s: %s does not match %s", path, describe(actual), m) }
	if lm := lengthMarker.FindStringSubmatch(m); lm != nil {
		arr, ok := actual.([]any)
		if !ok || lm[1] != "" && fmt.Sprint(len(arr)) != lm[1] {
			return fail()
		}
		if lm[2] != "" {
			for i, item := range arr {
				if r := s.equal(fmt.Sprintf("%s[%d]", path, i), item, lm[2]); r != "" {
					return r
				}
			}
		}
		return ""
	}
	if re, ok := strings.CutPrefix(m, "#regex "); ok {
		str, isStr := actual.(string)
		if !isStr {
			return fail()
		}
		r, err := regexp.Compile("^(?:" + re + ")$")
		if err != nil {
			return fmt.Sprintf("%s: %s is not a regular expression: %v", path, re, err)
		}
		if !r.MatchString(str) {
			return fail()
		}
		return ""
	}
	if em := embeddedRe.FindStringSubmatch(m); em != nil {
		// an embedded expression: its value, compared with ==
		v, err := s.evalEmbedded(m, em[2])
		if err != nil {
			return fmt.Sprintf("%s: %v", path, err)
		}
		return s.equal(path, actual, export(v))
	}
	if expr, ok := strings.CutPrefix(m, "#?"); ok {
		_ = s.rt.Set("_", actual)
		v, err := s.rt.RunString(expr)
		if err != nil || !v.ToBoolean() {
			return fail()
		}
		return ""
	}
	var ok bool
	switch m {
	case "#present":
		ok = true
	case "#null":
		ok = actual == nil
	case "#notnull":
		ok = actual != nil
	case "#notpresent":
		ok = false // present, since we got here
	case "#string":
		_, ok = actual.(string)
	case "#number":
		_, ok = actual.(float64)
	case "#boolean":
		_, ok = actual.(bool)
	case "#array":
		_, ok = actual.([]any)
	case "#object":
		_, ok = actual.(map[string]any)
	case "#uuid":
		str, isStr := actual.(string)
		ok = isStr && uuidRe.MatchString(str)
	default:
		return fmt.Sprintf("%s: unknown fuzzy marker %s", path, m)
	}
	if !ok {
		return fail()
	}
	return ""
}

// contains: a string contains a string; an array contains items (all,
// containsKeys is contains on objects: every expected key holds (mode
// all), and the actual has no other key (only), or one of them holds (any).
func (s *Scenario) containsKeys(a, e map[string]any, mode string) string {
	if mode == "only" {
		for _, k := range sortedKeys(a, nil) {
			if _, in := e[k]; !in {
				return fmt.Sprintf("$.%s: not expected: %s", k, describe(a[k]))
			}
		}
	}
	first := ""
	for _, k := range sortedKeys(e, nil) {
		r := s.equal("$."+k, a[k], e[k])
		if _, has := a[k]; r != "" && !has {
			r = fmt.Sprintf("$.%s: missing", k)
		}
		switch {
		case r == "" && mode == "any":
			return ""
		case r != "" && mode != "any":
			return r
		case first == "":
			first = r
		}
	}
	if mode == "any" && len(e) > 0 {
		return fmt.Sprintf("$: no key of the expected holds (the first: %s)", first)
	}
	return ""
}

// only, or any of them); an object contains keys with matching values.
func (s *Scenario) contains(actual, expected any, mode string) string {
	switch a := actual.(type) {
	case string:
		e, ok := expected.(string)
		if !ok || mode != "all" {
			return fmt.Sprintf("cannot match a string with contains %s %s", mode, describe(expected))
		}
		if !strings.Contains(a, e) {
			return fmt.Sprintf("%q does not contain %q", a, e)
		}
		return ""
	case map[string]any:
		e, ok := expected.(map[string]any)
		if !ok {
			return "an object can only contain an object"
		}
		return s.containsKeys(a, e, mode)
	case []any:
		want, ok := expected.([]any)
		if !ok {
			want = []any{expected}
		}
		found := 0
		for _, w := range want {
			if s.indexOf(a, w) >= 0 {
				found++
			} else if mode == "all" || mode == "only" {
				return fmt.Sprintf("no item matches %s", describe(w))
			}
		}
		if mode == "any" && found == 0 {
			return "no item of the expected is in the actual"
		}
		if mode == "only" {
			for _, item := range a {
				if s.indexOfExpected(want, item) < 0 {
					return fmt.Sprintf("%s is not expected", describe(item))
				}
			}
		}
		return ""
	}
	return fmt.Sprintf("cannot match %s with contains", describe(actual))
}

func (s *Scenario) indexOf(items []any, want any) int {
	for i, it := range items {
		if s.equal("$", it, want) == "" {
			return i
		}
	}
	return -1
}

func (s *Scenario) indexOfExpected(want []any, item any) int {
	for i, w := range want {
		if s.equal("$", item, w) == "" {
			return i
		}
	}
	return -1
}

// absent is the value of what does not exist (undefined), which
// #notpresent matches and #present does not.
type absent struct{}

// export turns a JavaScript value into plain Go values with every number
// a float64, so 1 and 1.0 compare equal.
func export(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) {
		return absent{}
	}
	if goja.IsNull(v) {
		return nil
	}
	return normalize(v.Export())
}

func normalize(v any) any {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case int:
		return float64(x)
	case int32:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = normalize(x[i])
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	}
	return v
}

// describe shows a value as JSON, as Karate's messages do.
func describe(v any) string {
	if v == (absent{}) {
		return "undefined (not present)"
	}
	// HTML stays as written (json.Marshal would show < as \u003c).
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func sortedKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}
