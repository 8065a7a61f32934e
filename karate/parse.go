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
	Def       Kind = "def"       // def NAME = EXPR
	Assert    Kind = "assert"    // assert EXPR
	Print     Kind = "print"     // print EXPR, EXPR...
	Match     Kind = "match"     // match ACTUAL OP EXPECTED
	Configure Kind = "configure" // configure KEY = EXPR
	Driver    Kind = "driver"    // driver URL-EXPR
	Eval      Kind = "eval"      // eval EXPR, or a bare expression
	CallKind  Kind = "call"      // call read('other.feature') [arg]
)

// Step is one parsed Karate step.
type Step struct {
	Kind Kind
	Name string // def's variable, configure's key
	Expr string // the JavaScript expression (def, assert, print, driver, eval; match's expected)

	Call *Call // call, or def NAME = call ...

	// match only
	Actual string // the left-hand side
	Op     string // "==", "!=", "contains", "!contains", "contains only", "contains any"
	Each   bool   // match each

	transform string        // a format with one %s the expression goes in (copy, json)
	prog      *goja.Program // Expr compiled
	act       *goja.Program // Actual compiled
}

// unsupportedKeywords are Karate keywords kumite does not run yet.
var unsupportedKeywords = []string{
	"callonce", "table",
	"url", "path", "method", "status", "request", "param", "params", "header", "headers",
	"cookie", "cookies", "form field", "form fields", "multipart", "soap action", "retry until",
	"xml", "xmlstring", "yaml", "csv", "string", "bytes", "replace", "listen", "doc",
}

// unsupportedFunctions are functions of Karate's driver API kumite does not
// run yet; a step that calls one fails to parse.
var unsupportedFunctions = []string{
	"minimize", "intercept", "stopIntercept", "scriptAwait", "emulateDevice", "inputFile", "screenshotFull", "hideKeyboard", "activate",
	"call", "callonce",
}

var (
	keywordRe  = regexp.MustCompile(`^(def|assert|print|match|configure|driver|eval|copy|json|text|set|remove|call)(?:\s+(.*))?$`)
	dataRe     = regexp.MustCompile(`^(copy|json|text|set|remove)(?:\s+(.*))?$`)
	defRe      = regexp.MustCompile(`^([A-Za-z_$][\w$]*)\s*=\s*(.*)$`)
	functionRe = regexp.MustCompile(`(^|[^\w$.]|\bdriver\.|[\w$)\]]\.)([A-Za-z_$][\w$]*)\s*\(`)
	exprStart  = regexp.MustCompile(`^[A-Za-z_$][\w$]*\s*(\(|\.|\[|=[^=])`)
	matchOps   = []string{"!contains", "contains only", "contains any", "contains deep", "contains", "==", "!="}
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

// Parse reads a Karate step (doc is its doc string, "" when none). The
// error names what kumite does not support or what does not parse; the
// caller adds the file and line.
func Parse(text, doc string) (*Step, error) {
	text = strings.TrimSpace(text)
	for _, k := range unsupportedKeywords {
		if strings.HasPrefix(text, k+" ") || text == k {
			return nil, fmt.Errorf("unsupported Karate keyword %q: kumite does not run it yet", k)
		}
	}
	if strings.HasPrefix(text, "call ") {
		c, err := parseCall(text)
		if err != nil {
			return nil, err
		}
		return &Step{Kind: CallKind, Expr: strings.TrimPrefix(text, "call "), Call: c}, checkFunctions(c.Arg)
	}
	if m := dataRe.FindStringSubmatch(text); m != nil {
		return parseData(m[1], strings.TrimSpace(m[2]), doc)
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
		if st.Kind == Configure {
			if err := configurable(st.Name); err != nil {
				return nil, err
			}
		}
		if strings.HasPrefix(st.Expr, "callonce ") {
			return nil, fmt.Errorf("unsupported Karate keyword %q: kumite does not run it yet", "callonce")
		}
		if strings.HasPrefix(st.Expr, "call ") {
			c, err := parseCall(st.Expr)
			if err != nil {
				return nil, err
			}
			st.Call = c
			return st, checkFunctions(c.Arg)
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
// set PATH = EXPR and remove PATH.
func parseData(keyword, rest, doc string) (*Step, error) {
	st := &Step{Kind: Def}
	switch keyword {
	case "set", "copy", "json", "text":
		m := defRe.FindStringSubmatch(rest)
		if keyword == "set" {
			m = setRe.FindStringSubmatch(rest)
		}
		if m == nil {
			return nil, fmt.Errorf("%s needs NAME = VALUE, got %q (kumite does not run %s with a table yet)", keyword, rest, keyword)
		}
		st.Name, st.Expr = m[1], strings.TrimSpace(m[2])
		if st.Expr == "" {
			st.Expr = doc
		}
	case "remove":
		if !setPathRe.MatchString(rest) {
			return nil, fmt.Errorf("remove needs a variable's path such as foo.bar or foo[0], got %q (kumite does not run JSON paths like $.a yet)", rest)
		}
		st.Kind, st.Expr = Eval, "delete "+rest
	}
	switch keyword {
	case "copy":
		st.transform = "JSON.parse(JSON.stringify(%s))"
	case "json":
		st.transform = "(function (v) { return JSON.parse(typeof v === 'string' ? v : JSON.stringify(v)) })(%s)"
	case "text":
		b, _ := json.Marshal(st.Expr)
		st.Expr = string(b)
	case "set":
		st.Kind, st.Expr = Eval, st.Name+" = "+st.Expr
	}
	if err := checkFunctions(st.Expr); err != nil {
		return nil, err
	}
	return st, st.compile()
}

var (
	setPathRe = regexp.MustCompile(`^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[[^\]]+\])+$`)
	setRe     = regexp.MustCompile(`^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[[^\]]+\])*)\s*=\s*(.*)$`)
)

// configurable checks a configure key.
func configurable(key string) error {
	switch key {
	case "driver", "retry":
		return nil
	}
	return fmt.Errorf("unsupported Karate `configure %s`: kumite does not run it yet (it runs configure driver and configure retry)", key)
}

// karateMembers are the members of the karate object kumite provides.
var karateMembers = map[string]bool{"log": true, "get": true, "set": true, "match": true, "fail": true, "properties": true, "env": true, "read": true}

var karateMemberRe = regexp.MustCompile(`\bkarate\s*\.\s*([A-Za-z_$][\w$]*)`)

// checkFunctions fails for a call of a driver function, or a use of a
// member of karate, that kumite does not run yet.
func checkFunctions(src string) error {
	if err := checkFeatureRead(src); err != nil {
		return err
	}
	src = stripStrings(src)
	for _, m := range karateMemberRe.FindAllStringSubmatch(src, -1) {
		if !karateMembers[m[1]] {
			return fmt.Errorf("unsupported Karate karate.%s: kumite does not run it yet (it has karate.log, get, set, match, fail, read, properties and env)", m[1])
		}
	}
	for _, m := range functionRe.FindAllStringSubmatch(src, -1) {
		for _, f := range unsupportedFunctions {
			if m[2] == f {
				if why := unsupportedWhy[f]; why != "" {
					return fmt.Errorf("unsupported Karate function %s(): kumite does not run it (%s)", f, why)
				}
				return fmt.Errorf("unsupported Karate function %s(): kumite does not run it yet", f)
			}
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
				if op == "contains deep" {
					return errors.New("unsupported Karate `match ... contains deep`: kumite does not run it yet")
				}
				return nil
			}
		}
	}
	return fmt.Errorf("match needs ACTUAL OPERATOR EXPECTED (==, !=, contains, !contains, contains only, contains any), got %q", st.Expr)
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

func compileExpr(src string) (*goja.Program, error) {
	if strings.HasPrefix(strings.TrimSpace(src), "{") {
		src = "(" + src + ")" // an object literal, not a block
	}
	p, err := goja.Compile("", src, false)
	if err != nil {
		return nil, fmt.Errorf("not valid JavaScript: %v", err)
	}
	return p, nil
}
