package runner

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/tagexpr"
)

const selectFeature = "testdata/select.feature"

// lineOf returns the line of file (1-based) whose trimmed text is text, so
// a test names lines by what they say rather than by number.
func lineOf(t *testing.T, file, text string) int64 {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := int64(1); sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == text {
			return n
		}
	}
	t.Fatalf("%s has no line %q", file, text)
	return 0
}

func TestSplitTarget(t *testing.T) {
	tests := []struct {
		arg   string
		path  string
		lines []int64
	}{
		{"features", "features", nil},
		{"features/login.feature", "features/login.feature", nil},
		{"features/login.feature:12", "features/login.feature", []int64{12}},
		{"features/login.feature:12:30", "features/login.feature", []int64{12, 30}},
		{"./a.feature:1", "./a.feature", []int64{1}},
		{"dir:with:colons/a.feature:7", "dir:with:colons/a.feature", []int64{7}},
		{"a.feature:", "a.feature:", nil},
		{"a.feature:x", "a.feature:x", nil},
		{"a.feature:12x", "a.feature:12x", nil},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			got := splitTarget(tt.arg)
			if got.path != tt.path || !reflect.DeepEqual(got.lines, tt.lines) {
				t.Errorf("splitTarget(%q) = %q %v, want %q %v", tt.arg, got.path, got.lines, tt.path, tt.lines)
			}
		})
	}
}

func uris(fs []*feature) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.uri
	}
	return out
}

func TestLoadFeatures(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		uris  []string
		lines map[string][]int64
	}{
		{
			// Sorted by path, whatever order the file system lists: a.feature
			// before the files in a/, which a walk would visit first.
			name:  "a folder is walked in lexical order, other files skipped",
			paths: []string{"testdata/walk"},
			uris:  []string{"testdata/walk/a.feature", "testdata/walk/a/x.feature", "testdata/walk/a/y.feature", "testdata/walk/b.feature"},
			lines: map[string][]int64{},
		},
		{
			name:  "a trailing slash and ./ name the same files",
			paths: []string{"./testdata/walk/"},
			uris:  []string{"testdata/walk/a.feature", "testdata/walk/a/x.feature", "testdata/walk/a/y.feature", "testdata/walk/b.feature"},
			lines: map[string][]int64{},
		},
		{
			name:  "files keep the order they were named in",
			paths: []string{"testdata/walk/b.feature", "testdata/walk/a"},
			uris:  []string{"testdata/walk/b.feature", "testdata/walk/a/x.feature", "testdata/walk/a/y.feature"},
			lines: map[string][]int64{},
		},
		{
			name:  "a file named twice is loaded once",
			paths: []string{"testdata/walk/a", "./testdata/walk/a/x.feature"},
			uris:  []string{"testdata/walk/a/x.feature", "testdata/walk/a/y.feature"},
			lines: map[string][]int64{},
		},
		{
			name:  "PATH:LINE keeps its lines",
			paths: []string{"testdata/walk/a/y.feature:4", "testdata/walk/a/y.feature:2:9"},
			uris:  []string{"testdata/walk/a/y.feature"},
			lines: map[string][]int64{"testdata/walk/a/y.feature": {4, 2, 9}},
		},
		{
			name:  "the whole file after PATH:LINE asks for all of it",
			paths: []string{"testdata/walk/a/y.feature:4", "testdata/walk/a/y.feature"},
			uris:  []string{"testdata/walk/a/y.feature"},
			lines: map[string][]int64{"testdata/walk/a/y.feature": nil},
		},
		{
			name:  "PATH:LINE after the whole file still asks for all of it",
			paths: []string{"testdata/walk/a/y.feature", "testdata/walk/a/y.feature:4"},
			uris:  []string{"testdata/walk/a/y.feature"},
			lines: map[string][]int64{"testdata/walk/a/y.feature": nil},
		},
		{
			name:  "PATH:LINE after its folder still asks for all of the file",
			paths: []string{"testdata/walk/a", "testdata/walk/a/y.feature:4"},
			uris:  []string{"testdata/walk/a/x.feature", "testdata/walk/a/y.feature"},
			lines: map[string][]int64{"testdata/walk/a/y.feature": nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, lines, err := loadFeatures(tt.paths)
			if err != nil {
				t.Fatalf("loadFeatures(%q): %v", tt.paths, err)
			}
			if got := uris(fs); !reflect.DeepEqual(got, tt.uris) {
				t.Errorf("loaded %q, want %q", got, tt.uris)
			}
			// A file without lines (nil or absent) runs whole.
			for uri, got := range lines {
				if want := tt.lines[uri]; len(got) > 0 && !reflect.DeepEqual(got, want) {
					t.Errorf("lines[%s] = %v, want %v", uri, got, want)
				}
			}
			for uri, want := range tt.lines {
				if got := lines[uri]; !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
					t.Errorf("lines[%s] = %v, want %v", uri, got, want)
				}
			}
		})
	}
}

// TestLoadFeaturesSelectsWholeFile checks what the lines of loadFeatures
// mean to the selection: naming a file and one of its lines runs the whole
// file, in whatever order they are typed.
func TestLoadFeaturesSelectsWholeFile(t *testing.T) {
	for _, paths := range [][]string{
		{"testdata/walk/a/y.feature:2", "testdata/walk/a/y.feature"},
		{"testdata/walk/a/y.feature", "testdata/walk/a/y.feature:2"},
	} {
		fs, lines, err := loadFeatures(paths)
		if err != nil {
			t.Fatal(err)
		}
		tags, _ := tagexpr.Parse("")
		if got := names(fs, selectPickles(fs, lines, tags, config.Shard{})); len(got) != 2 {
			t.Errorf("kumite run %s selects %q, want both scenarios", strings.Join(paths, " "), got)
		}
	}
}

func TestLoadFeaturesErrors(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		want  []string // every one in the message
	}{
		{"missing path", []string{"testdata/nope"}, []string{"feature path testdata/nope", "no such file or directory"}},
		{"missing path with a line", []string{"testdata/nope.feature:3"}, []string{"feature path testdata/nope.feature:", "no such file"}},
		{"not a .feature file", []string{"testdata/walk/README.md"}, []string{"testdata/walk/README.md is not a .feature file"}},
		{"does not parse", []string{"testdata/broken/parse.feature"}, []string{"testdata/broken/parse.feature:4:3: ", "this line is not Gherkin"}},
		{"empty file", []string{"testdata/broken/empty.feature"}, []string{"testdata/broken/empty.feature:1: no Feature: line"}},
		{"only comments", []string{"testdata/broken/comments.feature"}, []string{"testdata/broken/comments.feature:1: no Feature: line"}},
		{"a bad file among good ones", []string{"testdata/walk", "testdata/broken/parse.feature"}, []string{"testdata/broken/parse.feature:4:3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, _, err := loadFeatures(tt.paths)
			if err == nil {
				t.Fatalf("loadFeatures(%q) = %q, want an error", tt.paths, uris(fs))
			}
			if code := exitcode.Of(err); code != exitcode.Usage {
				t.Errorf("exit code %d, want %d (the run could not start)", code, exitcode.Usage)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	t.Run("folder without features is no error", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(dir+"/notes.txt", []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		// Run says that nothing was found (TestRunNothingSelected).
		fs, _, err := loadFeatures([]string{dir})
		if err != nil || len(fs) != 0 {
			t.Errorf("loadFeatures(empty folder) = %q, %v; want no feature and no error", uris(fs), err)
		}
	})
}

// names returns "Feature/Scenario" of the selected pickles, in file order.
func names(fs []*feature, selected map[string]bool) []string {
	var out []string
	for _, f := range fs {
		for _, p := range f.pickles {
			if selected[p.Id] {
				out = append(out, p.Name)
			}
		}
	}
	return out
}

var allSelect = []string{"first", "second", "outline 1", "outline 2", "outline 3", "in a rule"}

func TestSelectPicklesByLine(t *testing.T) {
	l := func(text string) int64 { return lineOf(t, selectFeature, text) }
	tests := []struct {
		name  string
		lines []int64
		want  []string
	}{
		{"no line: every scenario", nil, allSelect},
		{"a Scenario: line", []int64{l("Scenario: first")}, []string{"first"}},
		{"a step line of a scenario", []int64{l(`Then I should see "A"`)}, []string{"first"}},
		{"the only step of a scenario", []int64{l(`When I execute "doc"`)}, []string{"second"}},
		{"a doc string of the last step", []int64{l(`console.log("in a doc string")`)}, []string{"second"}},
		{"the end of a doc string of the last step", []int64{l(`console.log("in a doc string")`) + 1}, []string{"second"}},
		{"a table row of the last step", []int64{l("| #pass | secret |")}, []string{"in a rule"}},
		{"the Scenario Outline: line: every row", []int64{l("Scenario Outline: outline <n>")}, []string{"outline 1", "outline 2", "outline 3"}},
		{"an example row: that row", []int64{l("| 2 | two   |")}, []string{"outline 2"}},
		{"an example row of a second Examples", []int64{l("| 3 | three |")}, []string{"outline 3"}},
		{"a step line of an outline: every row", []int64{l(`When I type "<n>" into "#q"`)}, []string{"outline 1", "outline 2", "outline 3"}},
		{"a scenario in a rule", []int64{l("Scenario: in a rule")}, []string{"in a rule"}},
		{"two lines", []int64{l("| 1 | one   |"), l("Scenario: second")}, []string{"second", "outline 1"}},
		{"a line of nothing", []int64{1}, nil},
		{"a line past the end", []int64{999}, nil},
	}
	fs, _, err := loadFeatures([]string{selectFeature})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := tagexpr.Parse("")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := map[string][]int64{selectFeature: tt.lines}
			if got := names(fs, selectPickles(fs, lines, all, config.Shard{})); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines %v select %q, want %q", tt.lines, got, tt.want)
			}
		})
	}
}

// TestSelectPicklesByPathLine goes through loadFeatures, as `kumite run
// PATH:LINE` does.
func TestSelectPicklesByPathLine(t *testing.T) {
	row := lineOf(t, selectFeature, "| 1 | one   |")
	fs, lines, err := loadFeatures([]string{fmt.Sprintf("./%s:%d", selectFeature, row)})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := tagexpr.Parse("")
	if got := names(fs, selectPickles(fs, lines, all, config.Shard{})); !reflect.DeepEqual(got, []string{"outline 1"}) {
		t.Errorf("%s:%d selects %q, want the first example row", selectFeature, row, got)
	}
	for _, f := range fs {
		for _, p := range f.pickles {
			if p.Name == "outline 1" && f.pickleLine(p) != row {
				t.Errorf("outline 1 is reported at line %d, want its row %d", f.pickleLine(p), row)
			}
		}
	}
}

func TestSelectPicklesByTags(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{"", allSelect},
		{"@smoke", []string{"first", "outline 1", "outline 2", "outline 3"}},
		{"@feat", allSelect}, // a feature's tags are its scenarios'
		{"@wip", []string{"second", "outline 3"}},
		{"@smoke and not @wip", []string{"first", "outline 1", "outline 2"}},
		{"not @smoke and not @wip", []string{"in a rule"}},
		{"@slow or @wip", []string{"second", "outline 1", "outline 2", "outline 3"}},
		{"@nothing", nil},
	}
	fs, _, err := loadFeatures([]string{selectFeature})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			tags, err := tagexpr.Parse(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(fs, selectPickles(fs, nil, tags, config.Shard{})); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("--tags %q selects %q, want %q", tt.expr, got, tt.want)
			}
		})
	}
}

func TestSelectPicklesLinesAndTags(t *testing.T) {
	fs, _, err := loadFeatures([]string{selectFeature})
	if err != nil {
		t.Fatal(err)
	}
	tags, _ := tagexpr.Parse("not @wip")
	lines := map[string][]int64{selectFeature: {lineOf(t, selectFeature, "Scenario Outline: outline <n>")}}
	if got := names(fs, selectPickles(fs, lines, tags, config.Shard{})); !reflect.DeepEqual(got, []string{"outline 1", "outline 2"}) {
		t.Errorf("outline line and not @wip select %q, want rows 1 and 2", got)
	}
}

// TestShardPartitions checks that the shards 1/N … N/N of a selection run
// every scenario exactly once, and share it out evenly.
func TestShardPartitions(t *testing.T) {
	fs, _, err := loadFeatures([]string{"testdata/walk", selectFeature})
	if err != nil {
		t.Fatal(err)
	}
	for _, expr := range []string{"", "@smoke or @wip"} {
		tags, err := tagexpr.Parse(expr)
		if err != nil {
			t.Fatal(err)
		}
		unsharded := selectPickles(fs, nil, tags, config.Shard{})
		for total := 1; total <= len(unsharded)+1; total++ {
			seen := map[string]int{}
			var sizes []int
			for index := 1; index <= total; index++ {
				part := selectPickles(fs, nil, tags, config.Shard{Index: index, Total: total})
				sizes = append(sizes, len(part))
				for id := range part {
					seen[id]++
				}
			}
			for id := range unsharded {
				if seen[id] != 1 {
					t.Errorf("tags %q, %d shards: pickle %s runs %d times, want once", expr, total, id, seen[id])
				}
			}
			if len(seen) != len(unsharded) {
				t.Errorf("tags %q, %d shards: run %d pickles, want %d", expr, total, len(seen), len(unsharded))
			}
			if slices.Max(sizes)-slices.Min(sizes) > 1 {
				t.Errorf("tags %q, %d shards: sizes %v, want them within 1 of each other", expr, total, sizes)
			}
		}
	}
}

// TestShardIsStable checks that the same shard selects the same scenarios
// on every machine: CodeBuild runs each shard in another container.
func TestShardIsStable(t *testing.T) {
	pick := func() []string {
		fs, _, err := loadFeatures([]string{"testdata/walk", selectFeature})
		if err != nil {
			t.Fatal(err)
		}
		all, _ := tagexpr.Parse("")
		got := names(fs, selectPickles(fs, nil, all, config.Shard{Index: 2, Total: 3}))
		sort.Strings(got)
		return got
	}
	a, b := pick(), pick()
	if !reflect.DeepEqual(a, b) || len(a) == 0 {
		t.Errorf("shard 2/3 selected %q, then %q", a, b)
	}
}

func TestDedent(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"  A user signs in\n  and out.\n\n  Masked.", "A user signs in\nand out.\n\nMasked."},
		{"    deeper\n  less", "  deeper\nless"},
		{"", ""},
		{"one line", "one line"},
	} {
		if got := dedent(tt.in); got != tt.want {
			t.Errorf("dedent(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLoadFeaturesHostileFiles: a binary or huge file given as a feature
// gives one short error naming the file and what is wrong, never the
// file's bytes echoed back (megabytes to a CI log) nor a crash.
func TestLoadFeaturesHostileFiles(t *testing.T) {
	dir := t.TempDir()
	notGherkin := strings.Repeat("Feature: x\n  Scenario: s\n    Given I open \"/\"\n  "+strings.Repeat("junk ", 200)+"\nExamples:\n", 2000)
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"binary", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 1<<20)...), ": not a text file (a NUL byte at byte 9); a feature file is UTF-8 text"},
		{"not UTF-8", []byte("Feature: caf\xe9\n"), ":1: not UTF-8 text (byte 13); save the file as UTF-8"},
		{"a line too long", []byte("Feature: long\n  Scenario: s\n    Given I open \"/" + strings.Repeat("x", 100_000) + "\"\n"), ":3: the line is 100020 bytes long; gherkin reads lines of at most 65534"},
		{"the longest line gherkin reads", []byte("Feature: long\n  Scenario: s\n    Given I open \"/" + strings.Repeat("x", 65534-20) + "\"\r\n"), ""},
		{"too big", bytes.Repeat([]byte("# a comment line\n"), 600_000), " is 10.2 MB; a feature file is at most 8 MB"},
		{"thousands of parse errors", []byte(notGherkin), "… and "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".feature")
			if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			fs, _, err := loadFeatures([]string{path})
			if tt.want == "" {
				if err != nil || len(fs) != 1 {
					t.Fatalf("loadFeatures = %q, %v; want the feature", uris(fs), err)
				}
				return
			}
			if err == nil || exitcode.Of(err) != exitcode.Usage {
				t.Fatalf("loadFeatures = %v, want a usage error", err)
			}
			if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, tt.want) || len(msg) > 4000 {
				t.Errorf("error (%d bytes) %.3000q: want at most 4000 bytes naming %s and saying %q", len(msg), msg, path, tt.want)
			}
		})
	}
}

// TestShardIgnoresFileSystemOrder checks that a shard is the same on
// machines whose file systems list a folder in different orders: CodeBuild
// runs each shard in its own container, from its own checkout.
func TestShardIgnoresFileSystemOrder(t *testing.T) {
	files := map[string]string{}
	for _, n := range []string{"c", "a", "d", "b", "sub/e"} {
		files[n+".feature"] = "Feature: " + n + "\n  Scenario: " + filepath.Base(n) + " one\n    Given x\n  Scenario: " + filepath.Base(n) + " two\n    Given x\n"
	}
	write := func(order []string) string {
		dir := t.TempDir()
		for _, n := range order {
			p := filepath.Join(dir, n)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(files[n]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	all, _ := tagexpr.Parse("")
	shards := func(dir string) [][]string {
		fs, _, err := loadFeatures([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		var out [][]string
		for i := 1; i <= 3; i++ {
			out = append(out, names(fs, selectPickles(fs, nil, all, config.Shard{Index: i, Total: 3})))
		}
		return out
	}
	a := shards(write([]string{"a.feature", "b.feature", "c.feature", "d.feature", "sub/e.feature"}))
	b := shards(write([]string{"sub/e.feature", "d.feature", "c.feature", "b.feature", "a.feature"}))
	if !reflect.DeepEqual(a, b) {
		t.Errorf("shards depend on the order files were created:\n%q\n%q", a, b)
	}
	want := [][]string{{"a one", "b two", "d one", "e two"}, {"a two", "c one", "d two"}, {"b one", "c two", "e one"}}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("shards 1-3/3 = %q, want round-robin over the sorted scenarios %q", a, want)
	}
}
