package runner

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/results"
	"github.com/kumite/kumite/tagexpr"
)

// feature is one parsed .feature file.
type feature struct {
	uri     string // as the user named it (relative paths stay relative), slash-separated
	dir     string // folder of the file, for uploads
	content []byte
	doc     *messages.GherkinDocument
	pickles []*messages.Pickle
	steps   map[string]stepInfo // AST step id -> where it is written
	rows    map[string]int64    // AST examples row id -> its line
	scens   map[string]scenInfo // AST scenario id -> its keyword and line
}

type stepInfo struct {
	keyword    string
	line       int64
	end        int64 // the last line of its table or doc string; line when it has none
	background bool
}

type scenInfo struct {
	keyword string
	line    int64
	outline bool // written as a Scenario Outline (Examples may be missing)
}

// target is a path the user named, with the lines asked for (none: all).
type target struct {
	path  string
	lines []int64
}

var lineSuffix = regexp.MustCompile(`^(.*?)((?::\d+)+)$`)

// splitTarget reads PATH[:LINE[:LINE…]].
func splitTarget(arg string) target {
	m := lineSuffix.FindStringSubmatch(arg)
	if m == nil {
		return target{path: arg}
	}
	t := target{path: m[1]}
	for _, l := range strings.Split(strings.TrimPrefix(m[2], ":"), ":") {
		n, _ := strconv.ParseInt(l, 10, 64)
		t.lines = append(t.lines, n)
	}
	return t
}

// loadFeatures finds and parses the feature files the paths name, in a
// stable order (folders walked in lexical order). Every problem is a usage
// error that names the file and line; a folder without feature files is
// none (Run tells that nothing was found).
func loadFeatures(paths []string) ([]*feature, map[string][]int64, error) {
	var files []string
	lines := map[string][]int64{} // uri -> lines asked for
	seen := map[string]bool{}
	whole := map[string]bool{} // uri -> the whole file was asked for: its lines do not narrow it
	add := func(uri string, ls []int64) {
		if len(ls) == 0 {
			whole[uri] = true
			delete(lines, uri)
		} else if !whole[uri] {
			lines[uri] = append(lines[uri], ls...)
		}
		if !seen[uri] {
			seen[uri] = true
			files = append(files, uri)
		}
	}
	for _, arg := range paths {
		t := splitTarget(arg)
		info, err := os.Stat(t.path)
		if err != nil {
			return nil, nil, exitcode.Usagef("feature path %s: %v", t.path, unwrapPathError(err))
		}
		if !info.IsDir() {
			if !strings.HasSuffix(t.path, ".feature") {
				return nil, nil, exitcode.Usagef("%s is not a .feature file", t.path)
			}
			add(filepath.ToSlash(filepath.Clean(t.path)), t.lines)
			continue
		}
		var found []string
		err = filepath.WalkDir(t.path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".feature") {
				found = append(found, filepath.ToSlash(p))
			}
			return nil
		})
		if err != nil {
			return nil, nil, exitcode.Usagef("read feature folder %s: %v", t.path, err)
		}
		sort.Strings(found)
		for _, f := range found {
			add(f, nil)
		}
	}
	// One ID sequence over every file, in order: godog parses the same
	// bytes the same way, so its pickle IDs are ours.
	newID := (&messages.Incrementing{}).NewId
	var features []*feature
	for _, uri := range files {
		f, err := parseFeature(uri, newID)
		if err != nil {
			return nil, nil, err
		}
		features = append(features, f)
	}
	return features, lines, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// parseError turns gherkin's "(3:5): expected …" into "path:3:5: expected …".
var gherkinPos = regexp.MustCompile(`^\((\d+):(\d+)\): `)

func parseFeature(uri string, newID func() string) (*feature, error) {
	content, err := readText(uri)
	if err != nil {
		return nil, err
	}
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(content), newID)
	if err != nil {
		return nil, exitcode.Usagef("feature file does not parse:\n  %s", strings.Join(parseErrors(uri, err), "\n  "))
	}
	if doc.Feature == nil {
		return nil, exitcode.Usagef("%s:1: no Feature: line (an empty or comment-only file)", uri)
	}
	doc.Uri = uri
	f := &feature{
		uri: uri, dir: filepath.Dir(filepath.FromSlash(uri)), content: content, doc: doc,
		pickles: gherkin.Pickles(*doc, uri, newID),
		steps:   map[string]stepInfo{}, rows: map[string]int64{}, scens: map[string]scenInfo{},
	}
	f.index(doc.Feature.Children, false)
	return f, nil
}

// Bounds of what kumite reads as a feature file, so that a binary or
// huge file given by mistake gives one short error, not its bytes echoed
// back nor a crash.
const (
	maxFeatureBytes = 8_000_000 // far above any hand-written feature
	// gherkin reads lines with a bufio.Scanner and crashes on a longer one.
	maxLineBytes   = bufio.MaxScanTokenSize - 2 // and its "\r\n"
	maxParseErrors = 10                         // errors shown of a file that does not parse
	maxErrorLength = 300                        // characters shown of each (gherkin quotes the line)
)

// readText reads a feature file that is UTF-8 text of a sane size; every
// problem is a usage error naming the file (and the line when it has one).
func readText(uri string) ([]byte, error) {
	info, err := os.Stat(uri)
	if err != nil {
		return nil, exitcode.Usagef("read %s: %v", uri, unwrapPathError(err))
	}
	if info.Size() > maxFeatureBytes {
		return nil, exitcode.Usagef("%s is %.1f MB; a feature file is at most %d MB: is it the file you meant?", uri, float64(info.Size())/1e6, maxFeatureBytes/1_000_000)
	}
	content, err := os.ReadFile(uri)
	if err != nil {
		return nil, exitcode.Usagef("read %s: %v", uri, unwrapPathError(err))
	}
	if i := bytes.IndexByte(content, 0); i >= 0 {
		return nil, exitcode.Usagef("%s: not a text file (a NUL byte at byte %d); a feature file is UTF-8 text", uri, i+1)
	}
	offset := 0
	for n, line := range bytes.SplitAfter(content, []byte("\n")) {
		if text := bytes.TrimRight(line, "\r\n"); len(text) > maxLineBytes {
			return nil, exitcode.Usagef("%s:%d: the line is %d bytes long; gherkin reads lines of at most %d", uri, n+1, len(text), maxLineBytes)
		}
		for i := 0; i < len(line); {
			r, size := utf8.DecodeRune(line[i:])
			if r == utf8.RuneError && size == 1 {
				return nil, exitcode.Usagef("%s:%d: not UTF-8 text (byte %d); save the file as UTF-8", uri, n+1, offset+i+1)
			}
			i += size
		}
		offset += len(line)
	}
	return content, nil
}

// parseErrors turns gherkin's "(3:5): expected …" into "path:3:5:
// expected …", at most maxParseErrors of them, each cut to a readable
// length.
func parseErrors(uri string, err error) []string {
	var msgs []string
	lines := strings.Split(err.Error(), "\n")
	for i, line := range lines {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		if len(msgs) == maxParseErrors {
			more := 0
			for _, l := range lines[i:] {
				if strings.TrimSpace(l) != "" {
					more++
				}
			}
			msgs = append(msgs, fmt.Sprintf("… and %d more", more))
			break
		}
		if m := gherkinPos.FindStringSubmatch(line); m != nil {
			line = fmt.Sprintf("%s:%s:%s: %s", uri, m[1], m[2], line[len(m[0]):])
		} else {
			line = uri + ": " + line
		}
		if r := []rune(line); len(r) > maxErrorLength {
			line = fmt.Sprintf("%s… (%d more characters)", string(r[:maxErrorLength]), len(r)-maxErrorLength)
		}
		msgs = append(msgs, line)
	}
	return msgs
}

// index records where every step, scenario and example row is written.
func (f *feature) index(children []*messages.FeatureChild, _ bool) {
	for _, c := range children {
		switch {
		case c.Background != nil:
			for _, s := range c.Background.Steps {
				f.steps[s.Id] = stepInfo{keyword: s.Keyword, line: s.Location.Line, background: true}
			}
		case c.Scenario != nil:
			sc := c.Scenario
			f.scens[sc.Id] = scenInfo{keyword: sc.Keyword, line: sc.Location.Line, outline: len(sc.Examples) > 0 || isOutline(f.doc.Feature.Language, sc.Keyword)}
			for _, s := range sc.Steps {
				f.steps[s.Id] = stepInfo{keyword: s.Keyword, line: s.Location.Line, end: stepEnd(s)}
			}
			for _, ex := range sc.Examples {
				for _, row := range ex.TableBody {
					f.rows[row.Id] = row.Location.Line
				}
			}
		case c.Rule != nil:
			rule := make([]*messages.FeatureChild, 0, len(c.Rule.Children))
			for _, rc := range c.Rule.Children {
				rule = append(rule, &messages.FeatureChild{Background: rc.Background, Scenario: rc.Scenario})
			}
			f.index(rule, true)
		}
	}
}

// isOutline tells whether keyword is one of language's words for
// Scenario Outline (Scenario Outline, Scenario Template in English).
func isOutline(language, keyword string) bool {
	d := gherkin.DialectsBuiltin().GetDialect(language)
	return d != nil && slices.Contains(d.ScenarioOutlineKeywords(), keyword)
}

// stepEnd is the last line a step takes: its own, or the last of its
// table or doc string.
func stepEnd(s *messages.Step) int64 {
	switch {
	case s.DataTable != nil && len(s.DataTable.Rows) > 0:
		return s.DataTable.Rows[len(s.DataTable.Rows)-1].Location.Line
	case s.DocString != nil:
		lines := int64(0)
		if s.DocString.Content != "" {
			lines = int64(strings.Count(s.DocString.Content, "\n")) + 1
		}
		return s.DocString.Location.Line + lines + 1 // the closing delimiter
	}
	return s.Location.Line
}

// pickleLine is the line a scenario is reported at: its example row for
// an outline, else its Scenario: line.
func (f *feature) pickleLine(p *messages.Pickle) int64 {
	if len(p.AstNodeIds) > 1 {
		if l, ok := f.rows[p.AstNodeIds[len(p.AstNodeIds)-1]]; ok {
			return l
		}
	}
	return f.scens[p.AstNodeIds[0]].line
}

// selectPickles keeps the pickles that match the lines asked for, the tag
// expression and the shard, in file order.
func selectPickles(features []*feature, lines map[string][]int64, tags tagexpr.Expr, shard config.Shard) map[string]bool {
	selected := map[string]bool{}
	i := 0
	for _, f := range features {
		want := lines[f.uri]
		for _, p := range f.pickles {
			if len(want) > 0 && !lineMatches(f, p, want) {
				continue
			}
			if tags != nil && !tags.Match(pickleTags(p)) {
				continue
			}
			if shard.Total > 1 && i%shard.Total != shard.Index-1 {
				i++
				continue
			}
			i++
			selected[p.Id] = true
		}
	}
	return selected
}

// lineMatches accepts a line of the Scenario: keyword, of an example row,
// or any line inside the scenario's block (as cucumber-js does for a line
// of a step).
func lineMatches(f *feature, p *messages.Pickle, want []int64) bool {
	sc := f.scens[p.AstNodeIds[0]]
	row := f.pickleLine(p)
	last := sc.line
	for _, s := range p.Steps {
		if info, ok := f.steps[s.AstNodeIds[0]]; ok && !info.background && info.end > last {
			last = info.end
		}
	}
	for _, l := range want {
		if l == row || l == sc.line {
			return true
		}
		// A line inside the scenario's own steps selects all its rows.
		if l > sc.line && l <= last {
			return true
		}
	}
	return false
}

// checkLines fails for a PATH:LINE that selects no scenario: a typo in a
// line number must not pass as an empty run.
func checkLines(features []*feature, lines map[string][]int64) error {
	for _, f := range features {
		for _, l := range lines[f.uri] {
			if !slices.ContainsFunc(f.pickles, func(p *messages.Pickle) bool { return lineMatches(f, p, []int64{l}) }) {
				return exitcode.Usagef("%s:%d: no scenario at this line (%s)", f.uri, l, f.scenarioLines())
			}
		}
	}
	return nil
}

// scenarioLines says where a feature's scenarios start, for an error
// about a line that is none of them.
func (f *feature) scenarioLines() string {
	var lines []int64
	for _, sc := range f.scens {
		lines = append(lines, sc.line)
	}
	if len(lines) == 0 {
		return "the feature has no scenario"
	}
	slices.Sort(lines)
	text := make([]string, len(lines))
	for i, l := range lines {
		text[i] = strconv.FormatInt(l, 10)
	}
	return "scenarios start at lines " + strings.Join(text, ", ")
}

// warnEmptyFeatures warns of each feature that has no scenario to run.
func warnEmptyFeatures(w io.Writer, features []*feature) {
	for _, f := range features {
		if len(f.pickles) == 0 {
			fmt.Fprintf(w, "kumite: warning: %s:%d: Feature %q has no scenario\n", f.uri, f.doc.Feature.Location.Line, f.doc.Feature.Name)
		}
	}
}

func pickleTags(p *messages.Pickle) []string {
	out := make([]string, len(p.Tags))
	for i, t := range p.Tags {
		out[i] = t.Name
	}
	return out
}

// eachSelected calls fn for every selected pickle, in file order, with its
// scenario in run (newRun made one per selected pickle, in the same order).
func eachSelected(run *results.Run, features []*feature, selected map[string]bool, fn func(f *feature, p *messages.Pickle, s *results.Scenario)) {
	byURI := map[string]*results.Feature{}
	for _, rf := range run.Features {
		byURI[rf.URI] = rf
	}
	for _, f := range features {
		i := 0
		for _, p := range f.pickles {
			if !selected[p.Id] {
				continue
			}
			fn(f, p, byURI[f.uri].Scenarios[i])
			i++
		}
	}
}
