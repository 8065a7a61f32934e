package reportdir

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// ManifestName is the file that marks a report folder as kumite's and
// lists what kumite wrote into it.
const ManifestName = ".kumite-report"

// manifest is the content of ManifestName.
type manifest struct {
	About string   `json:"about"`
	Files []string `json:"files"` // slash paths relative to the folder
	Dirs  []string `json:"dirs"`  // folders kumite created, same form
}

const about = "kumite report folder: the next run deletes these files (and these folders when empty), nothing else"

// Protected is a path a report folder must neither be nor hold.
type Protected struct {
	Path string
	What string // what it is, for the error: "the feature files"
}

// Folder is a report folder claimed for one report.
type Folder struct {
	dir    string
	before map[string]bool // what was there once cleared: not kumite's
}

// Claim makes dir ready for a new report: it creates it, or removes what
// kumite listed in its manifest the last time, and writes a fresh
// manifest (so an unwritable folder fails here, before any work). It
// refuses, without changing anything, the filesystem root, the working
// directory and the folders above it, a folder that is or holds one of
// protected, and a folder that holds files kumite did not write.
func Claim(dir string, protected ...Protected) (*Folder, error) {
	if err := checkPlace(dir, protected); err != nil {
		return nil, err
	}
	info, err := os.Stat(dir)
	switch {
	case err != nil: // missing, or a file is in its path
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot be created: %w", unwrapPath(err))
		}
	case !info.IsDir():
		return nil, fmt.Errorf("is not a folder")
	default:
		if err := clearLast(dir); err != nil {
			return nil, err
		}
	}
	f := &Folder{dir: dir}
	if f.before, err = list(dir); err != nil {
		return nil, err
	}
	if err := f.write(manifest{}); err != nil {
		return nil, fmt.Errorf("cannot be written: %w", unwrapPath(err))
	}
	return f, nil
}

// Dir is the folder.
func (f *Folder) Dir() string { return f.dir }

// Seal lists in the manifest every file and folder that appeared in the
// folder since Claim: what the next Claim removes.
func (f *Folder) Seal() error {
	now, err := list(f.dir)
	if err != nil {
		return err
	}
	m := manifest{Files: []string{}, Dirs: []string{}}
	for rel, isDir := range now {
		if _, old := f.before[rel]; old || rel == ManifestName {
			continue
		}
		if isDir {
			m.Dirs = append(m.Dirs, rel)
		} else {
			m.Files = append(m.Files, rel)
		}
	}
	sort.Strings(m.Files)
	sort.Strings(m.Dirs)
	if err := f.write(m); err != nil {
		return fmt.Errorf("record the report's files in %s: %w", filepath.Join(f.dir, ManifestName), err)
	}
	return nil
}

func (f *Folder) write(m manifest) error {
	m.About = about
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(f.dir, ManifestName), append(data, '\n'), 0o644)
}

// checkPlace refuses the places a report must never go, whatever they
// hold now.
func checkPlace(dir string, protected []Protected) error {
	out := canonical(dir)
	if filepath.Dir(out) == out {
		return fmt.Errorf("is the root of the filesystem; choose a folder of its own, e.g. reports")
	}
	if wd, err := os.Getwd(); err == nil {
		if Inside(canonical(wd), out) {
			what := "the working directory"
			if canonical(wd) != out {
				what = "a folder above the working directory"
			}
			return fmt.Errorf("is %s, which holds your project; choose a folder of its own, e.g. reports", what)
		}
	}
	for _, p := range protected {
		if p.Path != "" && Inside(canonical(p.Path), out) {
			return fmt.Errorf("holds %s (%s); choose a folder of its own, e.g. reports", p.What, p.Path)
		}
	}
	return nil
}

// Inside tells whether the path p is dir or under it, by name: resolve
// links first (filepath.EvalSymlinks) to ask where a link leads.
func Inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// canonical is p absolute, with the links of its existing part resolved,
// so that two names of one folder compare equal.
func canonical(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	missing := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, missing)
		}
		if filepath.Dir(cur) == cur {
			return abs
		}
		missing = filepath.Join(filepath.Base(cur), missing)
	}
}

// clearLast removes what the last report wrote into dir, or refuses a folder
// that holds what kumite did not write.
func clearLast(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	switch {
	case err == nil:
		var m manifest
		if err := json.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("has a %s that is not kumite's (%v); remove it or choose another folder", ManifestName, err)
		}
		return removeListed(dir, m)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("has a %s that cannot be read: %w", ManifestName, unwrapPath(err))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("cannot be read: %w", unwrapPath(err))
	}
	if len(entries) == 0 {
		return nil
	}
	if m, ok := legacyReport(dir, entries); ok {
		return removeListed(dir, m)
	}
	return fmt.Errorf("holds files kumite did not write (%s); choose an empty or new folder, or empty this one yourself", names(entries))
}

// removeListed removes the files m lists and then its folders that are
// empty. It works through an os.Root, so a listed name that leaves the
// folder, by ".." or through a link put in place of one of its folders,
// removes nothing; a link listed as a file is removed, not followed.
func removeListed(dir string, m manifest) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("cannot be read: %w", unwrapPath(err))
	}
	defer root.Close()
	for _, rel := range m.Files {
		if !fs.ValidPath(rel) || rel == "." || rel == ManifestName {
			continue
		}
		name := filepath.FromSlash(rel)
		info, err := root.Lstat(name)
		if err != nil || info.IsDir() {
			continue // gone already, outside, or a folder the user made in its place
		}
		if err := root.Remove(name); err != nil {
			return fmt.Errorf("cannot be cleared: remove the last report's %s: %w", rel, unwrapPath(err))
		}
	}
	dirs := append([]string(nil), m.Dirs...)
	sort.Slice(dirs, func(i, j int) bool { return strings.Count(dirs[i], "/") > strings.Count(dirs[j], "/") })
	for _, rel := range dirs {
		if !fs.ValidPath(rel) || rel == "." {
			continue
		}
		_ = root.Remove(filepath.FromSlash(rel)) // fails, as it should, when not empty
	}
	return nil
}

// list returns every file and folder under dir (slash paths, true for a
// folder), links not followed.
func list(dir string) (map[string]bool, error) {
	out := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = d.IsDir()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list the report folder %s: %w", dir, err)
	}
	return out, nil
}

// names lists a few entries of a folder for an error.
func names(entries []fs.DirEntry) string {
	var s []string
	for i, e := range entries {
		if i == 4 {
			s = append(s, fmt.Sprintf("and %d more", len(entries)-i))
			break
		}
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		s = append(s, n)
	}
	return strings.Join(s, ", ")
}

// unwrapPath drops the path an *fs.PathError repeats: the caller's error
// names the folder already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// legacyNames are what kumite wrote into a report folder before it kept a
// manifest, each with the file extensions it put there.
var legacyNames = map[string][]string{
	"index.html": nil, "timeline.html": nil, "results.json": nil, "results.json.tmp": nil,
	"junit.xml": nil, "cucumber.json": nil,
	"features":    {".html"},
	"assets":      {".css", ".js", ".svg", ".png", ".ico", ".woff2"},
	"screenshots": {".png", ".jpeg", ".jpg", ".webp", ".txt", ".json", ".html", ".bin"},
}

// legacyReport tells whether dir is a report an older kumite wrote: a
// results.json of kumite's, and nothing but what kumite wrote beside it.
// It returns the manifest that kumite would have written.
func legacyReport(dir string, entries []fs.DirEntry) (manifest, bool) {
	var m manifest
	data, err := os.ReadFile(filepath.Join(dir, "results.json"))
	var head struct {
		Schema int `json:"schema"`
		Env    struct {
			Kumite *string `json:"kumite"`
		} `json:"env"`
	}
	if err != nil || json.Unmarshal(data, &head) != nil || head.Schema == 0 || head.Env.Kumite == nil {
		return m, false
	}
	for _, e := range entries {
		exts, ok := legacyNames[e.Name()]
		if !ok || e.IsDir() != (exts != nil) || e.Type()&fs.ModeSymlink != 0 {
			return m, false
		}
		if !e.IsDir() {
			m.Files = append(m.Files, e.Name())
			continue
		}
		m.Dirs = append(m.Dirs, e.Name())
		sub, err := os.ReadDir(filepath.Join(dir, e.Name()))
		if err != nil {
			return m, false
		}
		for _, s := range sub {
			if !s.Type().IsRegular() || !hasExt(s.Name(), exts) {
				return m, false
			}
			m.Files = append(m.Files, path.Join(e.Name(), s.Name()))
		}
	}
	return m, true
}

func hasExt(name string, exts []string) bool {
	for _, x := range exts {
		if strings.HasSuffix(name, x) {
			return true
		}
	}
	return false
}
