package reportdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

// TestClaimSealClaim: the second Claim removes what the first report
// wrote (its files, then its folders once empty) and nothing else.
func TestClaimSealClaim(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "reports")
	f, err := Claim(dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "index.html"), "report")
	write(t, filepath.Join(dir, "shots/a.png"), "png")
	write(t, filepath.Join(dir, "deep/er/b.png"), "png")
	if err := f.Seal(); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "mine.txt"), "the user's")
	write(t, filepath.Join(dir, "shots/mine.txt"), "the user's")
	if _, err := Claim(dir); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"index.html", "shots/a.png", "deep/er/b.png", "deep/er", "deep"} {
		if exists(filepath.Join(dir, gone)) {
			t.Errorf("%s is still there", gone)
		}
	}
	for _, kept := range []string{"mine.txt", "shots/mine.txt", ManifestName} {
		if !exists(filepath.Join(dir, kept)) {
			t.Errorf("%s was removed", kept)
		}
	}
}

// TestManifestCannotReachOutside: a manifest edited to name files outside
// the folder, or a link to them, removes nothing outside.
func TestManifestCannotReachOutside(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "reports")
	outside := filepath.Join(root, "precious.txt")
	write(t, outside, "precious")
	write(t, filepath.Join(root, "folder/inside.txt"), "precious")
	write(t, filepath.Join(dir, ManifestName),
		`{"files":["../precious.txt","/etc/hostname","link","",".","shots/inside.txt"],"dirs":["..","../folder","shots"]}`)
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	// A link in place of a folder kumite made leads out of the folder.
	if err := os.Symlink(filepath.Join(root, "folder"), filepath.Join(dir, "shots")); err != nil {
		t.Fatal(err)
	}
	if _, err := Claim(dir); err != nil {
		t.Fatal(err)
	}
	if !exists(outside) || !exists(filepath.Join(root, "folder/inside.txt")) || !exists("/etc/hostname") {
		t.Fatal("a manifest removed a file outside its folder")
	}
	if exists(filepath.Join(dir, "link")) {
		t.Error("the listed link was not removed")
	}
}

func TestClaimRefuses(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "features/a.feature"), "Feature: a")
	write(t, filepath.Join(root, "user/notes.txt"), "mine")
	write(t, filepath.Join(root, "bad/"+ManifestName), "not json")
	if err := os.Symlink(filepath.Join(root, "features"), filepath.Join(root, "alias")); err != nil {
		t.Fatal(err)
	}
	features := Protected{Path: filepath.Join(root, "features/a.feature"), What: "the feature files"}
	tests := map[string]string{
		root:                            "holds the feature files",
		filepath.Join(root, "features"): "holds the feature files",
		filepath.Join(root, "alias"):    "holds the feature files", // another name of the same folder
		filepath.Join(root, "user"):     "holds files kumite did not write (notes.txt)",
		filepath.Join(root, "bad"):      "has a .kumite-report that is not kumite's",
	}
	for dir, want := range tests {
		if _, err := Claim(dir, features); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Claim(%s) = %v, want %q", dir, err, want)
		}
	}
	if !exists(filepath.Join(root, "features/a.feature")) || !exists(filepath.Join(root, "user/notes.txt")) {
		t.Error("a refused Claim removed something")
	}
}
