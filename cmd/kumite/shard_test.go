package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/config"
)

// kumiteEnv runs the command line in-process with extra variables.
func kumiteEnv(t *testing.T, env []string, args ...string) result {
	t.Helper()
	var stdout, stderr syncBuffer
	app := &App{Stdout: &stdout, Stderr: &stderr, Env: append(testEnv(t), env...), Version: "1.2.3-test"}
	start := time.Now()
	code := app.Run(append([]string{"kumite"}, args...))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String(), took: time.Since(start)}
}

// TestShardFilesFromCodeBuild runs exactly the files codebuild-tests-run
// hands a shard in CODEBUILD_CURRENT_SHARD_FILES, and nothing for a shard
// that got none.
func TestShardFilesFromCodeBuild(t *testing.T) {
	pass, slow := abs(t, "features/pass.feature"), abs(t, "features/slow.feature")
	out := t.TempDir()
	r := kumiteEnv(t, []string{config.ShardFilesEnv + "=" + pass + "\n" + slow + "\n"},
		"run", "--dry-run", "--out", out)
	if r.code != 0 {
		t.Fatalf("dry run of the shard's files: want exit 0\n%s", r)
	}
	var uris []string
	for _, f := range assertReport(t, out, r).Features {
		uris = append(uris, f.URI)
	}
	if want := []string{pass, slow}; !slices.Equal(uris, want) {
		t.Errorf("ran %q, want exactly the shard's files %q", uris, want)
	}

	out = t.TempDir()
	r = kumiteEnv(t, []string{config.ShardFilesEnv + "="}, "run", "--browser", "/nonexistent/chromium", "--out", out)
	if r.code != 0 || !strings.Contains(r.stderr, "names no feature file") {
		t.Fatalf("a shard without files: want exit 0 and a note saying so\n%s", r)
	}
	if run := assertReport(t, out, r); run.Counts.Total != 0 {
		t.Errorf("a shard without files ran %d scenarios", run.Counts.Total)
	}
}
