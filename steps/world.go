package steps

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/kumite/kumite/browser"
)

// Mask is what a secret value is shown as in reports and logs.
const Mask = "••••••"

// World is the state of one running scenario that steps share: its browser
// session, variables, and where its screenshots and notes go. The runner
// makes one per scenario and puts it in the step context.
type World struct {
	Session    *browser.Session
	BaseURL    string                      // "" when no --base-url or --serve
	Globals    map[string]string           // --var and kumite.yaml vars
	Getenv     func(string) (string, bool) // the environment, last in lookup order
	FeatureDir string                      // folder of the feature file, for uploads
	Timeout    time.Duration               // the step timeout, for messages
	Scenario   context.Context             // the scenario's context, for waits longer than a step

	// Attach stores a screenshot (or other file) for the running step.
	Attach func(name string, data []byte, ext, mediaType string) error
	// Note adds a line to the running step's log.
	Note func(text string)

	mu      sync.Mutex
	vars    map[string]string // scenario variables (the store steps)
	secrets map[string]bool
	mask    *regexp.Regexp // every secret's secretPattern; nil until needed
}

type worldKey struct{}

// WithWorld returns ctx carrying w.
func WithWorld(ctx context.Context, w *World) context.Context {
	return context.WithValue(ctx, worldKey{}, w)
}

// FromContext returns the World of the running scenario.
func FromContext(ctx context.Context) *World {
	w, _ := ctx.Value(worldKey{}).(*World)
	return w
}

// Vars returns a copy of the scenario's variables.
func (w *World) Vars() map[string]string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make(map[string]string, len(w.vars))
	for k, v := range w.vars {
		out[k] = v
	}
	return out
}

// SetVar stores a scenario variable (masked when its name says it is secret).
func (w *World) SetVar(name, value string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.vars == nil {
		w.vars = map[string]string{}
	}
	w.vars[name] = value
	if secretName(name) {
		w.addSecretLocked(value)
	}
}

// secretName tells whether a variable's name marks its value as secret.
func secretName(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "password") || strings.Contains(n, "secret") || strings.Contains(n, "token")
}

// AddSecret marks value as secret: Mask hides it from now on.
func (w *World) AddSecret(value string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.addSecretLocked(value)
}

func (w *World) addSecretLocked(value string) {
	if value == "" {
		return
	}
	if w.secrets == nil {
		w.secrets = map[string]bool{}
	}
	if !w.secrets[value] {
		w.secrets[value] = true
		w.mask = nil
	}
}

// MaskText replaces every secret value in s by Mask, in every form a page
// can give it (see secretPattern), longest first so a secret that contains
// another is hidden whole.
func (w *World) MaskText(s string) string {
	if s == "" {
		return s
	}
	w.mu.Lock()
	re := w.maskLocked()
	w.mu.Unlock()
	if re == nil {
		return s
	}
	return re.ReplaceAllLiteralString(s, Mask)
}

// maskLocked returns the pattern of every secret, compiled once per set.
func (w *World) maskLocked() *regexp.Regexp {
	if w.mask != nil || len(w.secrets) == 0 {
		return w.mask
	}
	list := make([]string, 0, len(w.secrets))
	for v := range w.secrets {
		list = append(list, v)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i]) != len(list[j]) {
			return len(list[i]) > len(list[j])
		}
		return list[i] < list[j]
	})
	alts := make([]string, len(list))
	for i, v := range list {
		alts[i] = secretPattern(v)
	}
	w.mask = regexp.MustCompile(strings.Join(alts, "|"))
	return w.mask
}

// secretPattern is a regular expression that matches value however a page,
// a URL or a log encoded it: each character raw, percent-encoded in either
// hex case ('+' too for a space, as forms send it), JSON-escaped (\", \\,
// \/, \n, \uXXXX) or HTML-escaped (&amp; &quot; &apos; &#39; &#x27; ...).
// Characters are matched one by one, so mixed forms are hidden too: Chrome
// encodes only the space of "p@ss w0rd" in a URL, Go's JSON only the "&".
func secretPattern(value string) string {
	var b strings.Builder
	for _, r := range value {
		b.WriteString("(?:")
		b.WriteString(regexp.QuoteMeta(string(r)))
		for _, form := range runeForms(r) {
			b.WriteString("|" + form)
		}
		b.WriteString(")")
	}
	return b.String()
}

// runeForms are the encoded forms of r, as patterns.
func runeForms(r rune) []string {
	var pct strings.Builder
	for _, c := range []byte(string(r)) {
		pct.WriteString("%" + hexPattern(fmt.Sprintf("%02x", c)))
	}
	forms := []string{
		pct.String(),
		`\\u` + jsonUnicode(r),
		"&#0*" + fmt.Sprint(r) + ";",
		"&#[xX]0*" + hexPattern(fmt.Sprintf("%x", r)) + ";",
	}
	if r == ' ' {
		forms = append(forms, `\+`)
	}
	if e, ok := jsonEscapes[r]; ok {
		forms = append(forms, regexp.QuoteMeta(e))
	}
	if e, ok := htmlEntities[r]; ok {
		forms = append(forms, e)
	}
	return forms
}

// jsonUnicode is the pattern of r's \uXXXX escape (a surrogate pair
// beyond the Basic Multilingual Plane), after the first \u.
func jsonUnicode(r rune) string {
	if r <= 0xFFFF {
		return hexPattern(fmt.Sprintf("%04x", r))
	}
	hi, lo := utf16.EncodeRune(r)
	return hexPattern(fmt.Sprintf("%04x", hi)) + `\\u` + hexPattern(fmt.Sprintf("%04x", lo))
}

// hexPattern matches hex digits in either case.
func hexPattern(hex string) string {
	var b strings.Builder
	for _, c := range hex {
		if c >= 'a' && c <= 'f' {
			fmt.Fprintf(&b, "[%c%c]", c, c-'a'+'A')
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// jsonEscapes are the short escapes JSON writers use.
var jsonEscapes = map[rune]string{
	'"': `\"`, '\\': `\\`, '/': `\/`, '\n': `\n`, '\r': `\r`, '\t': `\t`, '\b': `\b`, '\f': `\f`,
}

// htmlEntities are the named character references of the characters HTML
// writers escape (as patterns; names are case-sensitive).
var htmlEntities = map[rune]string{
	'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&quot;", '\'': "&apos;", '\u00a0': "&nbsp;",
}

var varRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}`)

// Expand replaces each ${name} in s by the scenario variable, the --var, or
// the environment variable of that name, in that order. ${baseUrl} is
// always defined. An undefined name is an error that lists what is defined.
func (w *World) Expand(s string) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	var missing []string
	out := varRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := varRef.FindStringSubmatch(ref)[1]
		v, ok := w.lookup(name)
		if !ok {
			missing = append(missing, name)
			return ref
		}
		if secretName(name) {
			w.AddSecret(v)
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("variable ${%s} is not defined: store it in an earlier step, pass --var %s=VALUE, or set it in kumite.yaml vars or the environment (defined here: %s)",
			missing[0], missing[0], w.definedNames())
	}
	return out, nil
}

func (w *World) lookup(name string) (string, bool) {
	if name == "baseUrl" {
		return w.BaseURL, true
	}
	w.mu.Lock()
	v, ok := w.vars[name]
	w.mu.Unlock()
	if ok {
		return v, true
	}
	if v, ok := w.Globals[name]; ok {
		return v, true
	}
	if w.Getenv != nil {
		return w.Getenv(name)
	}
	return "", false
}

// definedNames lists the variables a step can use, each once (the runner
// also stores every --var as a scenario variable), baseUrl first.
func (w *World) definedNames() string {
	set := map[string]bool{}
	w.mu.Lock()
	for k := range w.vars {
		set[k] = true
	}
	w.mu.Unlock()
	for k := range w.Globals {
		set[k] = true
	}
	delete(set, "baseUrl")
	names := make([]string, 0, len(set))
	for k := range set {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(append([]string{"baseUrl"}, names...), ", ")
}

// resolveURL joins a relative URL with the base URL.
func (w *World) resolveURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("URL %q: %v", raw, err)
	}
	if u.IsAbs() {
		return raw, nil
	}
	if w.BaseURL == "" {
		return "", fmt.Errorf("URL %q is relative but there is no base URL: pass --base-url URL or --serve DIR", raw)
	}
	base, err := url.Parse(w.BaseURL)
	if err != nil {
		return "", fmt.Errorf("base URL %q: %v", w.BaseURL, err)
	}
	return base.ResolveReference(u).String(), nil
}

func (w *World) note(format string, args ...any) {
	if w.Note != nil {
		w.Note(w.MaskText(fmt.Sprintf(format, args...)))
	}
}
