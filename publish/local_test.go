package publish

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestScanDirLikeAWSSync: links inside the folder are followed, a link
// loop is walked once, and links out of the folder (a file or a folder)
// and what is not a regular file are skipped with a warning.
func TestScanDirLikeAWSSync(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.html": "i", "shots/a.png": "a"})
	writeFiles(t, outside, map[string]string{"shared.css": "css", "lib/x.js": "x"})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(outside, "shared.css"), filepath.Join(dir, "style.css")))
	must(os.Symlink(filepath.Join(outside, "lib"), filepath.Join(dir, "lib")))
	must(os.Symlink(dir, filepath.Join(dir, "shots", "loop")))
	must(os.Symlink("/etc/passwd", filepath.Join(dir, "passwd")))
	must(os.Symlink("../../"+filepath.Base(outside)+"/shared.css", filepath.Join(dir, "shots", "relative.css")))
	must(os.Symlink("shots/a.png", filepath.Join(dir, "latest.png")))         // inside: followed
	must(os.Symlink(filepath.Join(dir, "shots"), filepath.Join(dir, "pics"))) // inside: followed
	must(os.WriteFile(filepath.Join(dir, ".kumite-report"), []byte("{}"), 0o644))
	must(os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "broken.png")))
	must(syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "bad\xffname.txt"), []byte("?"), 0o644))

	var warnings []string
	files, err := scanDir(dir, func(s string) { warnings = append(warnings, s) })
	if err != nil {
		t.Fatal(err)
	}
	if err := hashFiles(context.Background(), files); err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, f := range files {
		rels = append(rels, f.rel)
		if f.md5 == "" || f.size == 0 {
			t.Errorf("%s: md5 %q size %d", f.rel, f.md5, f.size)
		}
	}
	slices.Sort(rels)
	if want := []string{"index.html", "latest.png", "pics/a.png", "shots/a.png"}; !slices.Equal(rels, want) {
		t.Errorf("files %q, want %q", rels, want)
	}
	joined := strings.Join(warnings, "\n")
	for _, want := range []string{"broken.png: link to nothing", "pipe: not a regular file", "loop: link loop", "S3 keys must be UTF-8",
		"style.css: a link out of the report folder (to " + outside, "lib: a link out of the report folder",
		"passwd: a link out of the report folder (to /etc/passwd)", "relative.css: a link out of the report folder"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no warning %q in:\n%s", want, joined)
		}
	}
}

func TestScanDirErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o644)
	for _, dir := range []string{filepath.Join(t.TempDir(), "missing"), file} {
		if _, err := scanDir(dir, func(string) {}); err == nil {
			t.Errorf("scanDir(%s): no error", dir)
		}
	}
}
