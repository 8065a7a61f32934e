package karate

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dop251/goja"
)

// Kind is what a Karate step does.
type Kind string

// The kinds of step kumite runs.
const (
	Def        Kind = "def"       // def NAME = EXPR
	Assert     Kind = "assert"    // assert EXPR
	Print      Kind = "print"     // print EXPR, EXPR...
	Match      Kind = "match"     // match ACTUAL OP EXPECTED
	Configure  Kind = "configure" // configure KEY = EXPR
	Driver     Kind = "driver"    // driver URL-EXPR
	Eval       Kind = "eval"      // eval EXPR, or a bare expression
	CallKind   Kind = "call"      // call read('other.feature') [arg], callonce ...
	Table      Kind = "table"     // table NAME with a data table
	SetTable   Kind = "set table" // set NAME[.path] with a data table
	SetPath    Kind = "set"       // set NAME[ $]PATH = EXPR
	RemovePath Kind = "remove"    // remove NAME[ $]PATH
)

// Step is one parsed Karate step.
type Step struct {
	Kind Kind
	Name string // def's variable, configure's key
	Expr string // the JavaScript expression (def, assert, print, driver, eval; match's expected)

	Call *Call // call, or def NAME = call ...

	Rows [][]string // the data table of table and set
	Path []pathSeg  // set and remove: the path in the variable Name

	// match on a JSON path: Actual is the variable, JSONPath the path
	// (match foo $.a, match foo[*].name)
	JSONPath string
	getIndex int // def x = get[N] ...: the item N of the path's result; -1: the result

	// match only
	Actual string // the left-hand side
	Op     string // "==", "!=", "contains", "!contains", "contains only", "contains any"
	Each   bool   // match each

	cells     [][]*goja.Program // table and set: the compiled cells (nil: empty)
	rowPaths  [][]pathSeg       // set with a table: each row's path
	transform string            // a format with one %s the expression goes in (copy, json)
	prog      *goja.Program     // Expr compiled
	act       *goja.Program     // Actual compiled
}

// unsupportedKeywords are Karate keywords kumite does not run yet.
var unsupportedKeywords = []string{
	"url", "path", "method", "status", "request", "param", "params", "header", "headers",
	"cookie", "cookies", "form field", "form fields", "multipart", "soap action", "retry until",
	"xml", "xmlstring", "yaml", "csv", "string", "bytes", "replace", "listen", "doc",
}

var (
	keywordRe  = regexp.MustCompile(`^(def|assert|print|match|configure|driver|eval|copy|json|text|set|remove|call|callonce|table)(?:\s+(.*))?$`)
	dataRe     = regexp.MustCompile(`^(copy|json|text|set|remove|table)(?:\s+(.*))?$`)
	defRe      = regexp.MustCompile(`^([A-Za-z_$][\w$]*)\s*=\s*(.*)$`)
	functionRe = regexp.MustCompile(`(^|[^\w$.]|\bdriver\.|[\w$)\]]\.)([A-Za-z_$][\w$]*)\s*\(`)
	exprStart  = regexp.MustCompile(`^[A-Za-z_$][\w$]*\s*(\(|\.|\[|=[^=])`)
	matchOps   = []string{"!contains", "contains only deep", "contains only", "contains any deep", "contains any", "contains deep", "contains", "==", "!="}
)

// Is tells whether text reads as a Karate step: one of its keywords, or an
// expression (a call, a property, an assignment). It says nothing of
// whether kumite supports it: Parse does.
func Is(text string) bool {
	text = strings.TrimSpace(text)
	if keywordRe.MatchString(text) || exprStart.MatchString(text) {
		return true
	}
	for _, k := range unsupportedKeywords {
		if strings.HasPrefix(text, k+" ") || text == k {
			return true
		}
	}
	return false
}

// Parse reads a Karate step without a data table (doc is its doc string,
// "" when none).
func Parse(text, doc string) (*Step, error) { return ParseStep(text, doc, nil) }

// ParseStep reads a Karate step with its doc string ("" when none) and
// data table (nil when none). The error names what kumite does not
// support or what does not parse; the caller adds the file and line.
func ParseStep(text, doc string, table [][]string) (*Step, error) {
	text = strings.TrimSpace(text)
	for _, k := range unsupportedKeywords {
		if strings.HasPrefix(text, k+" ") || text == k {
			return nil, fmt.Errorf("unsupported Karate keyword %q: kumite does not run it yet", k)
		}
	}
	for _, k := range []string{"call", "callonce"} {
		if rest, ok := strings.CutPrefix(text, k+" "); ok || text == k {
			c, err := parseCall(rest, k == "callonce")
			if err != nil {
				return nil, err
			}
			return &Step{Kind: CallKind, Expr: strings.TrimSpace(rest), Call: c}, nil
		}
	}
	if m := dataRe.FindStringSubmatch(text); m != nil {
		return parseData(m[1], strings.TrimSpace(m[2]), doc, table)
	}
	st := &Step{Kind: Eval, Expr: text}
	if m := keywordRe.FindStringSubmatch(text); m != nil {
		st.Kind, st.Expr = Kind(m[1]), strings.TrimSpace(m[2])
	}
	if st.Expr == "" && doc != "" {
		st.Expr = doc
	}
	switch st.Kind {
	case Def, Configure:
		m := defRe.FindStringSubmatch(st.Expr)
		if m == nil {
			return nil, fmt.Errorf("%s needs NAME = EXPRESSION, got %q", st.Kind, st.Expr)
		}
		st.Name, st.Expr = m[1], strings.TrimSpace(m[2])
		if st.Expr == "" {
			st.Expr = doc
		}
		if st.Kind == Def {
			if ok, err := st.parseGet(); ok || err != nil {
				return st, err
			}
		}
		if st.Kind == Configure {
			if err := configurable(st.Name); err != nil {
				return nil, err
			}
		}
		for _, k := range []string{"call", "callonce"} {
			if rest, ok := strings.CutPrefix(st.Expr, k+" "); ok && st.Kind == Def {
				c, err := parseCall(rest, k == "callonce")
				if err != nil {
					return nil, err
				}
				st.Call = c
				return st, nil
			}
		}
	case Match:
		if err := st.parseMatch(); err != nil {
			return nil, err
		}
	}
	if err := checkFunctions(st.Actual + "\n" + st.Expr); err != nil {
		return nil, err
	}
	return st, st.compile()
}

// parseData reads copy, json and text (a def that transforms its value),
// table, set and remove.
func parseData(keyword, rest, doc string, table [][]string) (*Step, error) {
	st := &Step{Kind: Def}
	switch keyword {
	case "table":
		if !isIdentifier(rest) || len(table) < 1 {
			return nil, fmt.Errorf("table needs a variable name and a data table (a row of keys, then rows of values), got %q", rest)
		}
		st.Kind, st.Name, st.Rows = Table, rest, table
		return st, st.compileRows()
	case "set":
		if table != nil && !strings.Contains(rest, "=") {
			return parseSetTable(rest, table)
		}
		m := setRe.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("set needs NAME.PATH = VALUE, NAME $.PATH = VALUE or a table, got %q", rest)
		}
		name, path, err := parseTarget(m[1])
		if err != nil && jsPathRe.MatchString(m[1]) {
			// a computed key (set foo[key] = 1): a JavaScript assignment
			st.Kind, st.Expr = Eval, m[1]+" = "+strings.TrimSpace(m[2])
			if err := checkFunctions(st.Expr); err != nil {
				return nil, err
			}
			return st, st.compile()
		}
		if err != nil {
			return nil, fmt.Errorf("set %s: %w", m[1], err)
		}
		st.Kind, st.Name, st.Path, st.Expr = SetPath, name, path, strings.TrimSpace(m[2])
		if st.Expr == "" {
			st.Expr = doc
		}
	case "remove":
		name, path, err := parseTarget(rest)
		if err != nil && jsPathRe.MatchString(rest) {
			st.Kind, st.Expr = Eval, "delete "+rest // a computed key: remove foo[key]
			return st, st.compile()
		}
		if err != nil || len(path) == 0 {
			return nil, fmt.Errorf("remove needs a variable's path such as foo.bar, foo[0] or foo $.bar, got %q", rest)
		}
		st.Kind, st.Name, st.Path = RemovePath, name, path
		return st, nil
	default:
		m := defRe.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("%s needs NAME = VALUE, got %q", keyword, rest)
		}
		st.Name, st.Expr = m[1], strings.TrimSpace(m[2])
		if st.Expr == "" {
			st.Expr = doc
		}
	}
	switch keyword {
	case "copy":
		st.transform = "JSON.parse(JSON.stringify(%s))"
	case "json":
		st.transform = "(function (v) { return JSON.parse(typeof v === 'string' ? v : JSON.stringify(v)) })(%s)"
	case "text":
		b, _ := json.Marshal(st.Expr)
		st.Expr = string(b)
	}
	if err := checkFunctions(st.Expr); err != nil {
		return nil, err
	}
	return st, st.compile()
}

// jsPathRe is a variable's path in JavaScript: foo.bar, foo[key].
var jsPathRe = regexp.MustCompile(`^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[[^\]]+\])+$`)

// setRe is set's TARGET = VALUE; the target is NAME, NAME.path, NAME[i]
// or NAME $.path (a JSON path), the value after the first = outside
// brackets and strings.
var setRe = regexp.MustCompile(`^([A-Za-z_$][\w$]*(?:\s*\$[^=]*|(?:\.[A-Za-z_$][\w$]*|\[[^\]]*\])*))\s*=\s*(.*)$`)

// configurable checks a configure key.
func configurable(key string) error {
	switch key {
	case "driver", "retry":
		return nil
	}
	return fmt.Errorf("unsupported Karate `configure %s`: kumite does not run it yet (it runs configure driver and configure retry)", key)
}

// karateMembers are the members of the karate object kumite provides.
var karateMembers = map[string]bool{}

func init() {
	for _, m := range strings.Fields(karateMemberList) {
		karateMembers[m] = true
	}
}

var configureCallRe = regexp.MustCompile(`\bkarate\s*\.\s*configure\(\s*['"]([^'"]+)['"]`)

var karateMemberRe = regexp.MustCompile(`\bkarate\s*\.\s*([A-Za-z_$][\w$]*)`)

// checkFunctions fails for a call of a driver function, or a use of a
// member of karate, that kumite does not run yet.
func checkFunctions(src string) error {
	for _, m := range configureCallRe.FindAllStringSubmatch(src, -1) {
		if err := configurable(m[1]); err != nil {
			return err
		}
	}
	src = stripStrings(src)
	for _, m := range karateMemberRe.FindAllStringSubmatch(src, -1) {
		if !karateMembers[m[1]] {
			return fmt.Errorf("unsupported Karate karate.%s: kumite does not run it yet (see kumite's README, Coming from Karate, for the members it has)", m[1])
		}
	}
	for _, m := range functionRe.FindAllStringSubmatch(src, -1) {
		if why, ok := unsupportedFunctions[m[2]]; ok {
			return fmt.Errorf("unsupported Karate function %s(): kumite does not run it (%s)", m[2], why)
		}
	}
	return nil
}

var stringRe = regexp.MustCompile(`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|` + "`(?:[^`\\\\]|\\\\.)*`")

// stripStrings blanks string literals, so a locator such as '{a}read()'
// is not taken for a call.
func stripStrings(src string) string { return stringRe.ReplaceAllString(src, `""`) }

func (st *Step) parseMatch() error {
	rest := st.Expr
	if r, ok := strings.CutPrefix(rest, "each "); ok {
		st.Each, rest = true, strings.TrimSpace(r)
	}
	// The operator is the first one outside string literals and brackets.
	blank := []rune(stripSameLength(rest))
	depth := 0
	for i := 0; i < len(blank); i++ {
		switch blank[i] {
		case '(', '[', '{':
			depth++
			continue
		case ')', ']', '}':
			depth--
			continue
		}
		if depth != 0 || (i > 0 && blank[i-1] != ' ') {
			continue
		}
		for _, op := range matchOps {
			if strings.HasPrefix(string(blank[i:]), op+" ") {
				st.Actual = strings.TrimSpace(string([]rune(rest)[:i]))
				st.Op = op
				st.Expr = strings.TrimSpace(string([]rune(rest)[i+len([]rune(op)):]))
				if op == "!contains" && strings.HasPrefix(st.Expr, "deep ") {
					return errors.New("`match ... !contains deep` is not Karate syntax (Karate documents it as not supported): use !contains, or contains deep")
				}
				return st.parseMatchPath()
			}
		}
	}
	return fmt.Errorf("match needs ACTUAL OPERATOR EXPECTED (==, !=, contains, !contains, contains only, contains any, contains deep, contains only deep, contains any deep), got %q", st.Expr)
}

// stripSameLength blanks the inside of string literals, keeping offsets.
func stripSameLength(src string) string {
	return stringRe.ReplaceAllStringFunc(src, func(s string) string {
		r := []rune(s)
		for i := 1; i < len(r)-1; i++ {
			r[i] = '_'
		}
		return string(r)
	})
}

// compile compiles the step's expressions, so a syntax error is found
// when the features are read.
func (st *Step) compile() error {
	var err error
	switch st.Kind {
	case Print:
		st.prog, err = goja.Compile("print", "["+st.Expr+"]", false)
	case Match:
		if st.act, err = compileExpr(st.Actual); err != nil {
			return fmt.Errorf("match %s: %w", st.Actual, err)
		}
		if strings.HasPrefix(strings.TrimSpace(st.Expr), "#") {
			return nil // a fuzzy marker, not JavaScript
		}
		st.prog, err = compileExpr(st.Expr)
	default:
		src := st.Expr
		if st.transform != "" {
			src = fmt.Sprintf(st.transform, "("+src+"\n)")
		}
		st.prog, err = compileExpr(src)
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", st.Kind, st.Expr, err)
	}
	return nil
}

var functionStartRe = regexp.MustCompile(`^function\s*\(`)

func compileExpr(src string) (*goja.Program, error) {
	if t := strings.TrimSpace(src); strings.HasPrefix(t, "{") || functionStartRe.MatchString(t) {
		src = "(" + src + "\n)" // an object literal, not a block; a function expression, not a declaration
	}
	p, err := goja.Compile("", src, false)
	if err != nil {
		return nil, fmt.Errorf("not valid JavaScript: %v", err)
	}
	return p, nil
}
