package steps

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

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
	mask    [][]rune // the secrets, longest first; nil until needed
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
// can give it (see decodeAt), longest first so a secret that contains
// another is hidden whole.
func (w *World) MaskText(s string) string {
	if s == "" {
		return s
	}
	w.mu.Lock()
	list := w.maskLocked()
	w.mu.Unlock()
	return maskSecrets(s, list)
}

// maskLocked returns the secrets as runes, longest first, made once per set.
func (w *World) maskLocked() [][]rune {
	if w.mask != nil || len(w.secrets) == 0 {
		return w.mask
	}
	list := make([][]rune, 0, len(w.secrets))
	for v := range w.secrets {
		list = append(list, []rune(v))
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i]) != len(list[j]) {
			return len(list[i]) > len(list[j])
		}
		return string(list[i]) < string(list[j])
	})
	w.mask = list
	return list
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

// note adds a line to the step's log, masked, and cut as an actual value
// is (quote the page's values in it with w.quote).
func (w *World) note(format string, args ...any) {
	if w.Note != nil {
		w.Note(w.clipAt(fmt.Sprintf(format, args...), maxActual))
	}
}

// maxQuoted is how many bytes of a value read from the page (a text, a
// value, an attribute, a URL, a script's result) a message or a log
// quotes: a whole page of text would put megabytes into the progress
// output, the results and the report, once for every failed step.
const maxQuoted = 2 << 10

// maxActual bounds a whole "actual:" line or log line, whose values are
// quoted with w.quote: a backstop for a value quoted some other way.
const maxActual = 4 * maxQuoted

// quote is s, a value read from the page, as a message or a log shows it:
// its secrets masked, in double quotes, and cut after maxQuoted bytes with
// the number of characters left out ("lorem ipsum"… 1046528 more
// characters). It masks before it cuts, so no part of a secret is shown.
func (w *World) quote(s string) string {
	s = w.MaskText(s)
	head, more := cut(s, maxQuoted)
	if more == "" {
		return strconv.Quote(s)
	}
	return strconv.Quote(head) + more
}

// clip is quote for a value that is not quoted (a script's JSON result).
func (w *World) clip(s string) string { return w.clipAt(s, maxQuoted) }

func (w *World) clipAt(s string, n int) string {
	head, more := cut(w.MaskText(s), n)
	return head + more
}

// cut splits s after n bytes, at the start of a character, into its head
// and the words that say what was left out ("" when nothing was).
func cut(s string, n int) (head, more string) {
	if len(s) <= n {
		return s, ""
	}
	i := runeStart(s, n)
	return s[:i], fmt.Sprintf("… %d more characters", utf8.RuneCountInString(s[i:]))
}
