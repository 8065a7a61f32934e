package main

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

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

// objectKeys lists the keys of bucket on srv.
func objectKeys(t *testing.T, srv *s3test.Server, bucket string) map[string]bool {
	t.Helper()
	out, err := srv.Client().ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, o := range out.Contents {
		keys[*o.Key] = true
	}
	return keys
}

// TestPublishNeverLeavesTheFolder: a link out of the report folder (to
// /etc/passwd, to a folder elsewhere) is skipped with a warning; a link
// inside it is followed; kumite's manifest is not published.
func TestPublishNeverLeavesTheFolder(t *testing.T) {
	srv := s3test.Shared(t)
	bucket := srv.NewBucket(t)
	dir := reportDir(t)
	elsewhere := t.TempDir()
	if err := os.WriteFile(filepath.Join(elsewhere, "private.key"), []byte("private"), 0o600); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"passwd":          "/etc/passwd",
		"features/keys":   elsewhere,
		"latest.html":     "index.html",
		"features/b.html": "a.html",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ".kumite-report"), []byte(`{"files":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := kumitePublish(t, srv.Env(), "publish", "--layout", "flat", dir, "s3://"+bucket+"/site")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"skip " + filepath.Join(dir, "passwd") + ": a link out of the report folder (to /etc/passwd)",
		"skip " + filepath.Join(dir, "features/keys") + ": a link out of the report folder (to " + elsewhere + ")",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	keys := objectKeys(t, srv, bucket)
	want := map[string]bool{"site/index.html": true, "site/latest.html": true, "site/features/a.html": true, "site/features/b.html": true}
	if !maps.Equal(keys, want) {
		t.Errorf("the bucket holds %v, want %v", slices.Sorted(maps.Keys(keys)), slices.Sorted(maps.Keys(want)))
	}
}

// TestPublishFlatToBucketRootNeedsWholeBucket: a flat publish at a bucket's
// root would delete every other object of the bucket; without
// --whole-bucket it exits 2 and touches nothing.
func TestPublishFlatToBucketRootNeedsWholeBucket(t *testing.T) {
	srv := s3test.Shared(t)
	bucket := srv.NewBucket(t)
	if _, err := srv.Client().PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: aws.String(bucket), Key: aws.String("other-team/data.csv"), Body: strings.NewReader("a,b"),
	}); err != nil {
		t.Fatal(err)
	}
	dir := reportDir(t)
	for _, dest := range []string{"s3://" + bucket, "s3://" + bucket + "/"} {
		code, stdout, stderr := kumitePublish(t, srv.Env(), "publish", "--layout", "flat", dir, dest)
		if code != 2 || !strings.Contains(stderr, "--whole-bucket") || !strings.Contains(stderr, "deletes every other object") {
			t.Errorf("flat to %s: exit %d, want 2 naming --whole-bucket\n%s%s", dest, code, stdout, stderr)
		}
	}
	if keys := objectKeys(t, srv, bucket); len(keys) != 1 || !keys["other-team/data.csv"] {
		t.Fatalf("a refused publish changed the bucket: %v", keys)
	}
	code, stdout, stderr := kumitePublish(t, srv.Env(), "publish", "--layout", "flat", "--whole-bucket", dir, "s3://"+bucket)
	if code != 0 || !strings.Contains(stdout, "deleted 1") {
		t.Fatalf("with --whole-bucket: exit %d, want 0 and 1 object deleted\n%s%s", code, stdout, stderr)
	}
	if keys := objectKeys(t, srv, bucket); keys["other-team/data.csv"] || !keys["index.html"] {
		t.Errorf("with --whole-bucket the bucket is not a copy of the folder: %v", keys)
	}
}
