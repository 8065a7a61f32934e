package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cifiles "github.com/kumite/kumite"
)

// TestInit scaffolds a folder, runs the example it wrote in Chromium with
// no network, and checks that a second init writes nothing.
func TestInit(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	mine := []byte("# the team's own buildspec\n")
	if err := os.WriteFile("buildspec.yml", mine, 0o644); err != nil {
		t.Fatal(err)
	}

	r := kumite(t, "init")
	if r.code != 0 {
		t.Fatalf("kumite init: want exit 0\n%s", r)
	}
	for _, f := range initFiles {
		want := "wrote   " + f.path
		if f.path == "buildspec.yml" {
			want = "skipped buildspec.yml"
		}
		if !strings.Contains(r.stdout, want) {
			t.Errorf("init does not say %q\n%s", want, r)
		}
	}
	if !strings.Contains(r.stdout, "6 written, 1 skipped") || !strings.Contains(r.stdout, "Next:") {
		t.Errorf("init does not sum up and say what to do next\n%s", r)
	}
	if got, _ := os.ReadFile("buildspec.yml"); !bytes.Equal(got, mine) {
		t.Errorf("init overwrote buildspec.yml:\n%s", got)
	}
	// The CI files are the repository's own, byte for byte.
	for _, name := range []string{"Dockerfile", "image/packages.txt", "buildspec-batch.yml"} {
		want, err := fs.ReadFile(cifiles.CIFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(name); !bytes.Equal(got, want) {
			t.Errorf("init wrote a %s that differs from the repository's", name)
		}
	}

	r = kumite(t, "run")
	if r.code != 0 {
		t.Fatalf("kumite run right after kumite init: want exit 0\n%s", r)
	}
	run := assertReport(t, "reports", r) // kumite.yaml: out: reports
	if run.Counts.Total != 1 || run.Counts.Passed != 1 || !strings.HasPrefix(run.Env.BaseURL, "http://127.0.0.1:") {
		t.Errorf("the example run: counts %+v against %q; want 1 passed against the served site/", run.Counts, run.Env.BaseURL)
	}

	before := snapshot(t, dir)
	r = kumite(t, "init")
	if r.code != 0 || !strings.Contains(r.stdout, "0 written, 7 skipped") {
		t.Fatalf("a second kumite init: want exit 0 and nothing written\n%s", r)
	}
	if after := snapshot(t, dir); !bytes.Equal(before, after) {
		t.Error("a second kumite init changed the folder")
	}
}

// snapshot is every file under dir but the report, with its content.
func snapshot(t *testing.T, dir string) []byte {
	t.Helper()
	var b bytes.Buffer
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, "reports") {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n")
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
