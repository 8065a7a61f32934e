package tagexpr

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Cucumber tag expressions (https://cucumber.io/docs/cucumber/api/#tag-expressions)
// select scenarios by their tags: `@smoke and not (@wip or @slow)`. godog's
// own filter (`~@wip,@a && @b`) is another syntax, so kumite parses them
// here and filters pickles itself.
//
// Grammar, loosest first; and/or are left-associative, not binds tightest:
//
//	or      = and { "or" and }
//	and     = unary { "and" unary }
//	unary   = "not" unary | "(" or ")" | TAG
//
// A TAG is a word that starts with @. Words end at spaces and parentheses;
// a backslash escapes one of those or itself: @a\(1\), @with\ space, @x\\.
// Unlike cucumber, which takes any word as a tag, kumite requires the @:
// a bare `smoke` is nearly always a mistake, and tags are written with it.

// Expr is a parsed cucumber tag expression.
type Expr interface {
	// Match reports whether a scenario with tags (as written, with their
	// @) is selected.
	Match(tags []string) bool
	// String returns the expression fully parenthesized, in cucumber's
	// canonical form: "( @a and not ( @b ) )"; "" for the empty expression.
	String() string
}

// Error is a syntax error in a tag expression. Its message names
// the column (1-based, in characters) where the problem is, so a caller
// can prefix where the expression came from (config.Config.Where) or draw
// a caret under it.
type Error struct {
	Column int
	Msg    string
}

// Error returns the message, column included.
func (e *Error) Error() string { return e.Msg }

// Parse parses a cucumber tag expression. An empty (or blank)
// expression matches every scenario.
func Parse(s string) (Expr, error) {
	toks, err := tagTokenize(s)
	if err != nil {
		return nil, err
	}
	if len(toks) == 1 {
		return tagAll{}, nil
	}
	p := &tagParser{toks: toks}
	x, err := p.or(nil)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tagEnd {
		if t.kind == tagClose {
			return nil, tagErrorf(t.col, "%q at column %d has no matching %q", ")", t.col, "(")
		}
		return nil, p.operatorExpected(t)
	}
	return x, nil
}

// tagKind is the kind of a token of a tag expression.
type tagKind int

const (
	tagWord tagKind = iota
	tagAnd
	tagOr
	tagNot
	tagOpen
	tagClose
	tagEnd
)

// tagToken is one token of a tag expression.
type tagToken struct {
	kind tagKind
	text string // a word without its escapes
	raw  string // as written
	col  int    // 1-based column of its first character
}

// tagTokenize splits s into words, operators and parentheses, ending with
// a tagEnd token.
func tagTokenize(s string) ([]tagToken, error) {
	rs := []rune(s)
	var toks []tagToken
	for i := 0; i < len(rs); {
		switch r := rs[i]; {
		case unicode.IsSpace(r):
			i++
		case r == '(':
			toks = append(toks, tagToken{kind: tagOpen, raw: "(", col: i + 1})
			i++
		case r == ')':
			toks = append(toks, tagToken{kind: tagClose, raw: ")", col: i + 1})
			i++
		default:
			t, end, err := tagWordAt(rs, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = end
		}
	}
	return append(toks, tagToken{kind: tagEnd, col: len(rs) + 1}), nil
}

// tagWordAt reads the word that starts at rs[start] and returns it with
// the index after it.
func tagWordAt(rs []rune, start int) (tagToken, int, error) {
	var text []rune
	i := start
	for ; i < len(rs) && !unicode.IsSpace(rs[i]) && rs[i] != '(' && rs[i] != ')'; i++ {
		switch r := rs[i]; {
		case r == ',':
			return tagToken{}, 0, tagErrorf(i+1, `found a comma at column %d: combine tags with "or" or "and", e.g. @a or @b`, i+1)
		case r != '\\':
			text = append(text, r)
		case i+1 == len(rs):
			return tagToken{}, 0, tagErrorf(i+1, `"\" at column %d escapes nothing (write \\ for a backslash)`, i+1)
		case rs[i+1] == '(' || rs[i+1] == ')' || rs[i+1] == '\\' || unicode.IsSpace(rs[i+1]):
			i++
			text = append(text, rs[i])
		default:
			return tagToken{}, 0, tagErrorf(i+1, `unknown escape "%s" at column %d (a backslash escapes only (, ), \ and spaces)`, string(rs[i:i+2]), i+1)
		}
	}
	t := tagToken{kind: tagWord, text: string(text), raw: string(rs[start:i]), col: start + 1}
	switch t.raw {
	case "and":
		t.kind = tagAnd
	case "or":
		t.kind = tagOr
	case "not":
		t.kind = tagNot
	}
	return t, i, nil
}

// tagParser is a recursive-descent parser over the tokens.
type tagParser struct {
	toks []tagToken
	pos  int
}

func (p *tagParser) peek() tagToken { return p.toks[p.pos] }

func (p *tagParser) next() tagToken {
	t := p.toks[p.pos]
	if t.kind != tagEnd {
		p.pos++
	}
	return t
}

// or parses and { "or" and }; after is the token before it (nil at the
// start), for messages.
func (p *tagParser) or(after *tagToken) (Expr, error) {
	x, err := p.and(after)
	for err == nil && p.peek().kind == tagOr {
		op := p.next()
		var y Expr
		if y, err = p.and(&op); err == nil {
			x = tagOrExpr{x, y}
		}
	}
	return x, err
}

// and parses unary { "and" unary }.
func (p *tagParser) and(after *tagToken) (Expr, error) {
	x, err := p.unary(after)
	for err == nil && p.peek().kind == tagAnd {
		op := p.next()
		var y Expr
		if y, err = p.unary(&op); err == nil {
			x = tagAndExpr{x, y}
		}
	}
	return x, err
}

// unary parses "not" unary | "(" or ")" | TAG.
func (p *tagParser) unary(after *tagToken) (Expr, error) {
	t := p.next()
	switch t.kind {
	case tagNot:
		x, err := p.unary(&t)
		if err != nil {
			return nil, err
		}
		return tagNotExpr{x}, nil
	case tagOpen:
		x, err := p.or(&t)
		if err != nil {
			return nil, err
		}
		switch c := p.next(); c.kind {
		case tagClose:
			return x, nil
		case tagEnd:
			return nil, tagErrorf(t.col, "%q at column %d has no matching %q", "(", t.col, ")")
		default:
			return nil, p.operatorExpected(c)
		}
	case tagWord:
		return tagLiteral(t)
	}
	found := ""
	if t.kind != tagEnd {
		found = fmt.Sprintf(", found %q", t.raw)
	}
	if after == nil {
		return nil, tagErrorf(t.col, "expected a tag%s at column %d", found, t.col)
	}
	return nil, tagErrorf(t.col, "expected a tag after %q%s at column %d", after.raw, found, t.col)
}

// tagLiteral checks that the word t is a tag.
func tagLiteral(t tagToken) (Expr, error) {
	if err := tagUppercaseOperator(t); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(t.raw, "@") {
		return nil, tagErrorf(t.col, "tag names start with @: did you mean @%s at column %d?", t.raw, t.col)
	}
	if t.text == "@" {
		return nil, tagErrorf(t.col, "expected a tag name after %q at column %d", "@", t.col)
	}
	return tagLit(t.text), nil
}

// tagUppercaseOperator reports AND, Or, NOT…: operators are lowercase.
func tagUppercaseOperator(t tagToken) error {
	low := strings.ToLower(t.raw)
	if t.kind == tagWord && (low == "and" || low == "or" || low == "not") {
		return tagErrorf(t.col, "operators are lowercase: did you mean %q at column %d?", low, t.col)
	}
	return nil
}

// operatorExpected is the error for a token after a complete operand.
func (p *tagParser) operatorExpected(t tagToken) error {
	if err := tagUppercaseOperator(t); err != nil {
		return err
	}
	msg := fmt.Sprintf("expected %q or %q before %q at column %d", "and", "or", t.raw, t.col)
	if t.kind == tagNot {
		msg += ` (write "and not" or "or not")`
	}
	return &Error{Column: t.col, Msg: msg}
}

func tagErrorf(col int, format string, args ...any) error {
	return &Error{Column: col, Msg: fmt.Sprintf(format, args...)}
}

// tagAll is the empty expression: it matches everything.
type tagAll struct{}

func (tagAll) Match([]string) bool { return true }
func (tagAll) String() string      { return "" }

// tagLit matches a scenario that has the tag.
type tagLit string

func (l tagLit) Match(tags []string) bool { return slices.Contains(tags, string(l)) }

// String escapes what the tokenizer would split at.
func (l tagLit) String() string {
	var b strings.Builder
	for _, r := range string(l) {
		if r == '\\' || r == '(' || r == ')' || unicode.IsSpace(r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

type tagNotExpr struct{ x Expr }

func (n tagNotExpr) Match(tags []string) bool { return !n.x.Match(tags) }

func (n tagNotExpr) String() string {
	switch n.x.(type) {
	case tagAndExpr, tagOrExpr: // already in parentheses
		return "not " + n.x.String()
	}
	return "not ( " + n.x.String() + " )"
}

type tagAndExpr struct{ x, y Expr }

func (a tagAndExpr) Match(tags []string) bool { return a.x.Match(tags) && a.y.Match(tags) }
func (a tagAndExpr) String() string           { return "( " + a.x.String() + " and " + a.y.String() + " )" }

type tagOrExpr struct{ x, y Expr }

func (o tagOrExpr) Match(tags []string) bool { return o.x.Match(tags) || o.y.Match(tags) }
func (o tagOrExpr) String() string           { return "( " + o.x.String() + " or " + o.y.String() + " )" }
