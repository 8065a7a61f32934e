package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/internal/s3test"
)

// kumitePublish runs `kumite args…` in-process with env and returns the
// exit code and what it printed.
func kumitePublish(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	app := &App{Stdout: &stdout, Stderr: &stderr, Env: env, Version: "test"}
	code := app.Run(append([]string{"kumite"}, args...))
	return code, stdout.String(), stderr.String()
}

func reportDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"index.html": "<!DOCTYPE html>", "features/a.html": "a"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPublishUsageErrors(t *testing.T) {
	dir := reportDir(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"publish"}, "kumite publish [flags] DIR s3://BUCKET[/PREFIX]: got 0 arguments"},
		{[]string{"publish", dir}, "got 1 arguments"},
		{[]string{"publish", dir, "s3://bucket", "--dry-run"}, "flags go before DIR"},
		{[]string{"publish", dir, "bucket/prefix"}, `destination "bucket/prefix": want s3://BUCKET[/PREFIX]`},
		{[]string{"publish", "--layout", "tree", dir, "s3://bucket"}, `--layout "tree": want history or flat`},
		{[]string{"publish", "--sse", "aes", dir, "s3://bucket"}, `--sse "aes": want AES256 or aws:kms`},
		{[]string{"publish", "--sse-kms-key-id", "k", dir, "s3://bucket"}, "--sse-kms-key-id needs --sse aws:kms"},
		{[]string{"publish", "--concurrency", "-1", dir, "s3://bucket"}, "--concurrency -1"},
		{[]string{"publish", "--endpoint-url", "127.0.0.1:9000", dir, "s3://bucket"}, "want http(s)://HOST[:PORT]"},
		{[]string{"publish", "--no-such-flag", dir, "s3://bucket"}, "flag provided but not defined"},
	} {
		code, _, stderr := kumitePublish(t, nil, c.args...)
		if code != int(exitcode.Usage) || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") > 1 && !strings.Contains(stderr, "Usage") {
			t.Errorf("kumite %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, stderr, c.want)
		}
	}
}

func TestPublishCommand(t *testing.T) {
	srv := s3test.Start(t)
	bucket := srv.NewBucket(t)
	dir := reportDir(t)
	env := append(srv.Env(), "CODEBUILD_BUILD_ID=e2e:1234", "CODEBUILD_BUILD_NUMBER=7")

	code, stdout, stderr := kumitePublish(t, env, "publish", dir, "s3://"+bucket+"/e2e/")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"published " + dir + " to s3://" + bucket + "/e2e/ as run e2e-7: uploaded 7 (",
		"report:  " + srv.Endpoint + "/" + bucket + "/e2e/runs/e2e-7/index.html\n",
		"history: " + srv.Endpoint + "/" + bucket + "/e2e/index.html\n",
		"s3:      s3://" + bucket + "/e2e/\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}

	code, stdout, _ = kumitePublish(t, env, "publish", "-v", "--dry-run", dir, "s3://"+bucket+"/e2e")
	if code != 0 || !strings.Contains(stdout, "dry run, nothing changed: would upload 0 (0 B), unchanged 6, would delete 0 for run e2e-7") {
		t.Errorf("dry run of an unchanged folder: exit %d\n%s", code, stdout)
	}

	code, _, stderr = kumitePublish(t, env, "publish", "--layout", "flat", dir, "s3://kumite-nope/e2e")
	if code != 2 || !strings.Contains(stderr, "kumite: list s3://kumite-nope/e2e/: bucket kumite-nope does not exist") {
		t.Errorf("missing bucket: exit %d, stderr %q", code, stderr)
	}

	code, _, stderr = kumitePublish(t, env, "publish", t.TempDir(), "s3://"+bucket)
	if code != 2 || !strings.Contains(stderr, "the folder has no files") {
		t.Errorf("empty folder: exit %d, stderr %q", code, stderr)
	}

	// --endpoint-url and --region win over the environment.
	flagsOnly := []string{"AWS_ACCESS_KEY_ID=" + s3test.AccessKey, "AWS_SECRET_ACCESS_KEY=" + s3test.SecretKey,
		"AWS_CONFIG_FILE=" + os.DevNull, "AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull, "AWS_EC2_METADATA_DISABLED=true",
		"AWS_REGION=eu-west-1", "AWS_ENDPOINT_URL_S3=http://127.0.0.1:9"}
	code, stdout, stderr = kumitePublish(t, flagsOnly, "publish", "--endpoint-url", srv.Endpoint, "--region", s3test.Region,
		"--layout", "flat", dir, "s3://"+bucket+"/flat")
	if code != 0 {
		t.Errorf("with --endpoint-url and --region: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestPublishAfterRun(t *testing.T) {
	srv := s3test.Start(t)
	bucket := srv.NewBucket(t)
	var stdout, stderr bytes.Buffer
	app := &App{Stdout: &stdout, Stderr: &stderr, Env: srv.Env()}
	if err := app.publishAfterRun(context.Background(), reportDir(t), "s3://"+bucket+"/e2e"); err != nil {
		t.Fatalf("publishAfterRun: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "published ") {
		t.Errorf("no summary:\n%s", stdout.String())
	}
	err := app.publishAfterRun(context.Background(), reportDir(t), "s3:/"+bucket)
	if exitcode.Of(err) != exitcode.Usage {
		t.Errorf("bad destination: %v (exit %d), want exit 2", err, exitcode.Of(err))
	}
}
