package karate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// JSON paths, as Karate's set, remove, match and karate.jsonPath take
// them (Jayway JsonPath's syntax): $, .key, ['key'], [n] (negative from
// the end), [*] and .*, ..key (any depth), [a:b] slices, [0,1] and
// ['a','b'] unions, and [?(@.x == 1)] filters, whose expression is
// JavaScript with @ for the item. set also takes [] (append).

type segKind int

const (
	segKey segKind = iota
	segIndex
	segAppend
	segWild
	segDeep // ..: this node and every node below it
	segFilter
	segSlice
	segUnion
)

type pathSeg struct {
	kind   segKind
	key    string
	index  int
	keys   []string // union of keys or indices (as text)
	from   *int     // slice
	to     *int     // slice
	filter *goja.Program
	src    string // the filter's expression, for messages
}

// definite tells whether a path names at most one node (no wildcard, deep
// scan, filter, slice or union): Jayway returns that node, not a list.
func definite(segs []pathSeg) bool {
	for _, s := range segs {
		switch s.kind {
		case segWild, segDeep, segFilter, segSlice, segUnion:
			return false
		}
	}
	return true
}

var identRe = regexp.MustCompile(`^[A-Za-z_$][\w$-]*`)

// parsePath reads a path after $ (or after a variable's name).
func parsePath(p string) ([]pathSeg, error) {
	var segs []pathSeg
	p = strings.TrimSpace(p)
	for p != "" {
		switch {
		case strings.HasPrefix(p, ".."):
			segs = append(segs, pathSeg{kind: segDeep})
			p = p[2:]
			if strings.HasPrefix(p, "[") {
				continue
			}
			fallthrough
		case strings.HasPrefix(p, ".") || len(segs) > 0 && segs[len(segs)-1].kind == segDeep:
			p = strings.TrimPrefix(p, ".")
			if strings.HasPrefix(p, "*") {
				segs = append(segs, pathSeg{kind: segWild})
				p = p[1:]
				continue
			}
			m := identRe.FindString(p)
			if m == "" {
				return nil, fmt.Errorf("expected a key after '.' at %q", p)
			}
			segs = append(segs, pathSeg{kind: segKey, key: m})
			p = p[len(m):]
		case strings.HasPrefix(p, "["):
			end := closing(p)
			if end < 0 {
				return nil, fmt.Errorf("no ] for %q", p)
			}
			seg, err := parseBracket(strings.TrimSpace(p[1:end]))
			if err != nil {
				return nil, err
			}
			segs = append(segs, seg)
			p = p[end+1:]
		default:
			m := identRe.FindString(p)
			if m == "" || len(segs) > 0 {
				return nil, fmt.Errorf("unexpected %q", p)
			}
			segs = append(segs, pathSeg{kind: segKey, key: m})
			p = p[len(m):]
		}
	}
	return segs, nil
}

// closing is the index of the ] that closes the [ at p[0], skipping
// strings and nested brackets.
func closing(p string) int {
	blank := stripSameLength(p)
	depth := 0
	for i, r := range blank {
		switch r {
		case '[', '(':
			depth++
		case ']', ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

var (
	quotedRe = regexp.MustCompile(`^'([^']*)'$|^"([^"]*)"$`)
	sliceRe  = regexp.MustCompile(`^(-?\d*)\s*:\s*(-?\d*)$`)
)

func parseBracket(in string) (pathSeg, error) {
	switch {
	case in == "":
		return pathSeg{kind: segAppend}, nil
	case in == "*":
		return pathSeg{kind: segWild}, nil
	case strings.HasPrefix(in, "?"):
		expr := strings.TrimSpace(strings.TrimPrefix(in, "?"))
		// @ is the item: JavaScript's _ (strings keep their @).
		blank := stripSameLength(expr)
		var b strings.Builder
		for i := range expr {
			if blank[i] == '@' {
				b.WriteString("_")
			} else {
				b.WriteByte(expr[i])
			}
		}
		prog, err := compileExpr("(function (_) { return " + b.String() + " })")
		if err != nil {
			return pathSeg{}, fmt.Errorf("the filter [%s] %v", in, err)
		}
		return pathSeg{kind: segFilter, filter: prog, src: in}, nil
	}
	if m := quotedRe.FindStringSubmatch(in); m != nil {
		return pathSeg{kind: segKey, key: m[1] + m[2]}, nil
	}
	if n, err := strconv.Atoi(in); err == nil {
		return pathSeg{kind: segIndex, index: n}, nil
	}
	if m := sliceRe.FindStringSubmatch(in); m != nil {
		seg := pathSeg{kind: segSlice}
		if m[1] != "" {
			n, _ := strconv.Atoi(m[1])
			seg.from = &n
		}
		if m[2] != "" {
			n, _ := strconv.Atoi(m[2])
			seg.to = &n
		}
		return seg, nil
	}
	if strings.Contains(in, ",") {
		seg := pathSeg{kind: segUnion}
		for _, part := range strings.Split(in, ",") {
			part = strings.TrimSpace(part)
			if m := quotedRe.FindStringSubmatch(part); m != nil {
				part = m[1] + m[2]
			} else if _, err := strconv.Atoi(part); err != nil {
				return pathSeg{}, fmt.Errorf("[%s]: %q is neither a quoted key nor an index", in, part)
			}
			seg.keys = append(seg.keys, part)
		}
		return seg, nil
	}
	return pathSeg{}, fmt.Errorf("[%s] is not a key ('name'), an index, *, a slice or a filter ?(...)", in)
}

var targetRe = regexp.MustCompile(`^([A-Za-z_$][\w$]*)\s*(.*)$`)

// parseTarget reads set's and remove's NAME.path, NAME[0] or NAME $.path.
func parseTarget(t string) (string, []pathSeg, error) {
	m := targetRe.FindStringSubmatch(strings.TrimSpace(t))
	if m == nil {
		return "", nil, fmt.Errorf("expected a variable name, got %q", t)
	}
	rest := strings.TrimSpace(m[2])
	if r, ok := strings.CutPrefix(rest, "$"); ok {
		rest = r
	} else if rest != "" && !strings.HasPrefix(rest, ".") && !strings.HasPrefix(rest, "[") {
		return "", nil, fmt.Errorf("expected .key, [index] or $.path after %s, got %q", m[1], rest)
	}
	segs, err := parsePath(rest)
	if err != nil {
		return "", nil, err
	}
	for _, s := range segs {
		if s.kind != segKey && s.kind != segIndex && s.kind != segAppend {
			return "", nil, fmt.Errorf("set and remove take a path to one place (keys and indexes), not wildcards, filters or slices")
		}
	}
	return m[1], segs, nil
}

var (
	matchPathRe  = regexp.MustCompile(`^([A-Za-z_$][\w$]*)\s+(\$.*)$`)
	namedPathRe  = regexp.MustCompile(`^([A-Za-z_$][\w$]*)((?:\.|\[).*)$`)
	indefiniteRe = regexp.MustCompile(`\[\*\]|\.\.|\[\?|\.\*`)
)

// parseMatchPath reads a JSON path on match's left side: `foo $.a` (a
// variable and a path) or a named path Karate reads as one
// (`foo[*].name`, `cat..name`, `foo[?(@.id == 1)]`).
func (st *Step) parseMatchPath() error {
	if m := matchPathRe.FindStringSubmatch(st.Actual); m != nil {
		st.Actual, st.JSONPath = m[1], m[2]
	} else if m := namedPathRe.FindStringSubmatch(st.Actual); m != nil && indefiniteRe.MatchString(stripSameLength(m[2])) {
		// JavaScript such as String.fromCharCode(...xs) is not a path
		if segs, err := parsePath(m[2]); err == nil {
			st.Actual, st.JSONPath, st.Path = m[1], "$"+m[2], segs
			return nil
		}
	}
	if st.JSONPath == "" {
		return nil
	}
	segs, err := parsePath(strings.TrimPrefix(st.JSONPath, "$"))
	if err != nil {
		return fmt.Errorf("match %s: the JSON path %s: %v", st.Actual, st.JSONPath, err)
	}
	st.Path = segs
	return nil
}

// jsonPath evaluates a path on v: the node for a definite path (undefined
// when missing), else the list of matches.
func (s *Scenario) jsonPath(v goja.Value, segs []pathSeg) goja.Value {
	nodes := []goja.Value{v}
	for _, seg := range segs {
		var next []goja.Value
		for _, n := range nodes {
			next = append(next, s.step(n, seg)...)
		}
		nodes = next
	}
	if definite(segs) {
		if len(nodes) == 0 {
			return goja.Undefined()
		}
		return nodes[0]
	}
	items := make([]any, len(nodes))
	for i, n := range nodes {
		items[i] = n
	}
	return s.rt.NewArray(items...)
}

func isArray(v goja.Value) (*goja.Object, bool) {
	obj, ok := v.(*goja.Object)
	return obj, ok && obj.ClassName() == "Array"
}

func isObject(v goja.Value) (*goja.Object, bool) {
	obj, ok := v.(*goja.Object)
	if !ok || obj.ClassName() == "Array" {
		return nil, false
	}
	if _, fn := goja.AssertFunction(v); fn {
		return nil, false
	}
	return obj, true
}

func length(arr *goja.Object) int { return int(arr.Get("length").ToInteger()) }

// children are a node's values: an array's items, an object's values.
func children(v goja.Value) []goja.Value {
	var out []goja.Value
	if arr, ok := isArray(v); ok {
		for i := 0; i < length(arr); i++ {
			out = append(out, arr.Get(strconv.Itoa(i)))
		}
	} else if obj, ok := isObject(v); ok {
		for _, k := range obj.Keys() {
			out = append(out, obj.Get(k))
		}
	}
	return out
}

// step applies one path segment to a node.
func (s *Scenario) step(n goja.Value, seg pathSeg) []goja.Value {
	get := func(key string) []goja.Value {
		if obj, ok := isObject(n); ok {
			if v := obj.Get(key); v != nil && !goja.IsUndefined(v) || hasKey(obj, key) {
				return []goja.Value{obj.Get(key)}
			}
		}
		return nil
	}
	at := func(i int) []goja.Value {
		arr, ok := isArray(n)
		if !ok {
			return nil
		}
		if i < 0 {
			i += length(arr)
		}
		if i < 0 || i >= length(arr) {
			return nil
		}
		return []goja.Value{arr.Get(strconv.Itoa(i))}
	}
	switch seg.kind {
	case segKey:
		return get(seg.key)
	case segIndex:
		return at(seg.index)
	case segWild:
		return children(n)
	case segDeep:
		var out []goja.Value
		var walk func(v goja.Value)
		walk = func(v goja.Value) {
			out = append(out, v)
			for _, c := range children(v) {
				walk(c)
			}
		}
		walk(n)
		return out
	case segUnion:
		var out []goja.Value
		for _, k := range seg.keys {
			if i, err := strconv.Atoi(k); err == nil {
				out = append(out, at(i)...)
			} else {
				out = append(out, get(k)...)
			}
		}
		return out
	case segSlice:
		arr, ok := isArray(n)
		if !ok {
			return nil
		}
		l := length(arr)
		from, to := 0, l
		if seg.from != nil {
			from = *seg.from
		}
		if seg.to != nil {
			to = *seg.to
		}
		if from < 0 {
			from += l
		}
		if to < 0 {
			to += l
		}
		from, to = max(0, min(from, l)), max(0, min(to, l))
		var out []goja.Value
		for i := from; i < to; i++ {
			out = append(out, arr.Get(strconv.Itoa(i)))
		}
		return out
	case segFilter:
		fnV, err := s.rt.RunProgram(seg.filter)
		if err != nil {
			s.throw(fmt.Errorf("the filter [%s]: %s", seg.src, s.errText(err)))
		}
		fn, _ := goja.AssertFunction(fnV)
		var out []goja.Value
		for _, c := range children(n) {
			ok, err := fn(goja.Undefined(), c)
			if err == nil && ok.ToBoolean() {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

func hasKey(obj *goja.Object, key string) bool {
	for _, k := range obj.Keys() {
		if k == key {
			return true
		}
	}
	return false
}

// setPath sets the place segs names in root to v, making the objects and
// arrays on the way; it returns the root (made when root is nil).
func (s *Scenario) setPath(root goja.Value, segs []pathSeg, v goja.Value) (goja.Value, error) {
	if len(segs) == 0 {
		return v, nil
	}
	if root == nil || goja.IsUndefined(root) || goja.IsNull(root) {
		root = s.container(segs[0])
	}
	cur := root
	for i, seg := range segs {
		last := i == len(segs)-1
		var child goja.Value
		if !last {
			child = goja.Undefined()
			if got := s.step(cur, seg); len(got) == 1 {
				child = got[0]
			}
			if goja.IsUndefined(child) || goja.IsNull(child) {
				child = s.container(segs[i+1]) // a primitive stays: the next segment says it is not an object
			}
		} else {
			child = v
		}
		switch seg.kind {
		case segKey:
			obj, ok := isObject(cur)
			if !ok {
				return nil, fmt.Errorf("cannot set .%s: %s is not an object", seg.key, s.show(cur))
			}
			if err := obj.Set(seg.key, child); err != nil {
				return nil, err
			}
		case segIndex, segAppend:
			arr, ok := isArray(cur)
			if !ok {
				return nil, fmt.Errorf("cannot set an item: %s is not an array", s.show(cur))
			}
			idx := seg.index
			if seg.kind == segAppend {
				idx = length(arr)
			} else if idx < 0 {
				idx += length(arr)
			}
			if err := arr.Set(strconv.Itoa(idx), child); err != nil {
				return nil, err
			}
		}
		cur = child
	}
	return root, nil
}

// container is the empty value a segment goes into: an array for an index.
func (s *Scenario) container(seg pathSeg) goja.Value {
	if seg.kind == segIndex || seg.kind == segAppend {
		return s.rt.NewArray()
	}
	return s.rt.NewObject()
}

// removePath removes the place segs names: a key, or an array's item
// (the items after it move up, as Karate does).
func (s *Scenario) removePath(root goja.Value, segs []pathSeg) error {
	parent := root
	if len(segs) > 1 {
		parent = s.jsonPath(root, segs[:len(segs)-1])
	}
	last := segs[len(segs)-1]
	switch last.kind {
	case segKey:
		if obj, ok := isObject(parent); ok {
			return obj.Delete(last.key)
		}
	case segIndex:
		if arr, ok := isArray(parent); ok {
			i := last.index
			if i < 0 {
				i += length(arr)
			}
			splice, _ := goja.AssertFunction(arr.Get("splice"))
			_, err := splice(arr, s.rt.ToValue(i), s.rt.ToValue(1))
			return err
		}
	}
	return nil // nothing there: nothing to remove
}

// editPath runs set NAME PATH = VALUE and remove NAME PATH.
func (s *Scenario) editPath(st *Step) error {
	root := s.rt.Get(st.Name)
	if st.Kind == RemovePath {
		if root == nil {
			return fmt.Errorf("remove %s: %s is not defined", st.Name, st.Name)
		}
		if err := s.removePath(root, st.Path); err != nil {
			return fmt.Errorf("remove %s: %s", st.Name, s.errText(err))
		}
		return nil
	}
	v, err := s.eval(st.prog)
	if err == nil && isLiteral(st.Expr) {
		v, err = s.embedded(v)
	}
	if err != nil {
		return s.explain(st, err)
	}
	root, err = s.setPath(root, st.Path, v)
	if err != nil {
		return fmt.Errorf("set %s: %v", st.Name, err)
	}
	return s.define(st.Name, root)
}

var (
	getRe       = regexp.MustCompile(`^get(?:\[(\d+)\])?\s+([A-Za-z_$][\w$]*)\s*(.*)$`)
	dollarVarRe = regexp.MustCompile(`^\$([A-Za-z_$][\w$]*)([.\[].*)$`)
)

// parseGet reads Karate's get: `def x = get foo.path`, `get foo $.path`,
// `get[0] foo[*].a` (the first match) and the short-cut `def x =
// $foo.path`. It tells whether the expression is one.
func (st *Step) parseGet() (bool, error) {
	st.getIndex = -1
	var name, path string
	if m := getRe.FindStringSubmatch(st.Expr); m != nil {
		name, path = m[2], strings.TrimSpace(m[3])
		if m[1] != "" {
			st.getIndex, _ = strconv.Atoi(m[1])
		}
	} else if m := dollarVarRe.FindStringSubmatch(st.Expr); m != nil {
		name, path = m[1], m[2]
	} else {
		return false, nil
	}
	path = strings.TrimPrefix(path, "$")
	segs, err := parsePath(path)
	if err != nil {
		return true, fmt.Errorf("def %s = %s: the JSON path %s: %v", st.Name, st.Expr, path, err)
	}
	st.Actual, st.JSONPath, st.Path = name, "$"+path, segs
	st.act, err = compileExpr(name)
	return true, err
}

// get runs def x = get ...: the path's value, or its item getIndex.
func (s *Scenario) get(st *Step) (goja.Value, error) {
	root, err := s.eval(st.act)
	if err != nil {
		return nil, err
	}
	v := s.jsonPath(root, st.Path)
	if st.getIndex >= 0 {
		arr, ok := isArray(v)
		if !ok || st.getIndex >= length(arr) {
			return nil, fmt.Errorf("def %s = %s: the path found %s, which has no item %d", st.Name, st.Expr, s.show(v), st.getIndex)
		}
		v = arr.Get(strconv.Itoa(st.getIndex))
	}
	return v, nil
}
