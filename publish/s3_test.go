package publish

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/internal/s3test"
)

func TestHeaders(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, _ := report(t, map[string]string{"data.bin": "?", "trace.ndjson": "{}\n", "pic.svg": "<svg/>"})
	r := b.mustPublish(dir, "e2e", Options{})
	b.mustPublish(dir, "flat", Options{Layout: LayoutFlat})
	run := "e2e/runs/" + r.RunID + "/"
	for _, c := range []struct{ key, typ, cache string }{
		{run + "index.html", "text/html; charset=utf-8", cacheRun},
		{run + "assets/report.css", "text/css; charset=utf-8", cacheRun},
		{run + "assets/report.js", "text/javascript; charset=utf-8", cacheRun},
		{run + "cucumber.json", "application/json; charset=utf-8", cacheRun},
		{run + "junit.xml", "application/xml; charset=utf-8", cacheRun},
		{run + "screenshots/fail.png", "image/png", cacheRun},
		{run + "screenshots/page.webp", "image/webp", cacheRun},
		{run + "pic.svg", "image/svg+xml", cacheRun},
		{run + "trace.ndjson", "application/x-ndjson; charset=utf-8", cacheRun},
		{run + "data.bin", "application/octet-stream", cacheRun},
		{"e2e/latest/index.html", "text/html; charset=utf-8", cacheNoCache},
		{"e2e/latest/screenshots/fail.png", "image/png", cacheNoCache},
		{"e2e/index.html", "text/html; charset=utf-8", cacheNoCache},
		{"e2e/history.json", "application/json; charset=utf-8", cacheNoCache},
		{"flat/index.html", "text/html; charset=utf-8", cacheNoCache},
	} {
		h := b.head(c.key)
		if aws.ToString(h.ContentType) != c.typ || aws.ToString(h.CacheControl) != c.cache {
			t.Errorf("%s: Content-Type %q, Cache-Control %q; want %q, %q", c.key, aws.ToString(h.ContentType), aws.ToString(h.CacheControl), c.typ, c.cache)
		}
	}
}

func TestErrorsUserCanFix(t *testing.T) {
	t.Parallel()
	srv := s3test.Shared(t)
	b := newBucketOn(t, srv)
	dir, _ := report(t, nil)
	for _, c := range []struct {
		name   string
		env    []string
		bucket string
		want   string
	}{
		{"missing bucket", nil, "kumite-missing", "bucket kumite-missing does not exist"},
		{"wrong secret", []string{"AWS_SECRET_ACCESS_KEY=wrong"}, "", "SignatureDoesNotMatch: S3 rejected the credentials"},
		{"unknown key", []string{"AWS_ACCESS_KEY_ID=nobody"}, "", "InvalidAccessKeyId: S3 rejected the credentials"},
		{"wrong region", []string{"AWS_REGION=eu-west-1"}, "", "is in region us-east-1, not eu-west-1: pass --region us-east-1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c1 := b.connect(append(srv.Env(), c.env...)...)
			bucket := b.name
			if c.bucket != "" {
				bucket = c.bucket
			}
			for _, layout := range []Layout{LayoutHistory, LayoutFlat} {
				var stdout syncBuffer
				_, err := Publish(context.Background(), c1, dir, Destination{Bucket: bucket, Prefix: "p"}, Options{Layout: layout, Stdout: &stdout})
				if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
					t.Errorf("%s layout: error %v; want one line with %q", layout, err, c.want)
				}
				if code := exitcode.Of(err); code != exitcode.Usage {
					t.Errorf("%s layout: exit code %d, want 2", layout, code)
				}
			}
		})
	}
}

func TestNoCredentials(t *testing.T) {
	// The SDK also reads the process environment: clear it for this test.
	for _, name := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE"} {
		t.Setenv(name, "")
	}
	env := lookup([]string{"AWS_CONFIG_FILE=" + os.DevNull, "AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull,
		"AWS_EC2_METADATA_DISABLED=true", "AWS_ENDPOINT_URL_S3=http://127.0.0.1:9"})
	_, err := NewClient(context.Background(), ClientConfig{LookupEnv: env})
	if !errors.Is(err, errNoCredentials) || exitcode.Of(err) != exitcode.Usage {
		t.Errorf("NewClient without credentials: %v (exit %d); want %v, exit 2", err, exitcode.Of(err), errNoCredentials)
	}
}

func TestUnreachableEndpoint(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	c := b.connect(append(b.srv.Env(), "AWS_ENDPOINT_URL_S3=http://127.0.0.1:9")...)
	dir, _ := report(t, nil)
	r := b.publishWith(c, dir, "p", Options{Layout: LayoutFlat})
	if r.err == nil || !strings.Contains(r.err.Error(), "cannot reach http://127.0.0.1:9: connect: connection refused") || exitcode.Of(r.err) != exitcode.Failed {
		t.Errorf("error %v (exit %d); want cannot reach …, exit 1", r.err, exitcode.Of(r.err))
	}
}

func TestServerSideEncryption(t *testing.T) {
	t.Parallel()
	b := newBucket(t)
	dir, files := report(t, nil)
	for _, c := range []struct {
		prefix string
		opts   Options
	}{
		{"s3", Options{Layout: LayoutFlat, SSE: "AES256"}},
		{"kms", Options{Layout: LayoutFlat, SSE: "aws:kms", SSEKMSKeyID: s3test.KMSKeyID}},
	} {
		b.mustPublish(dir, c.prefix, c.opts)
		h := b.head(c.prefix + "/index.html")
		if string(h.ServerSideEncryption) != c.opts.SSE {
			t.Errorf("%s: object encrypted with %q, want %q", c.prefix, h.ServerSideEncryption, c.opts.SSE)
		}
		again := b.mustPublish(dir, c.prefix, c.opts)
		if again.Uploaded != 0 || again.Unchanged != len(files) {
			t.Errorf("%s: re-publish uploaded %d, unchanged %d; want 0, %d", c.prefix, again.Uploaded, again.Unchanged, len(files))
		}
	}
	// The point of the metadata hash: an SSE-KMS ETag is not the MD5.
	sum := md5.Sum([]byte(files["index.html"]))
	if etag := strings.Trim(aws.ToString(b.head("kms/index.html").ETag), `"`); etag == hex.EncodeToString(sum[:]) {
		t.Errorf("MinIO's SSE-KMS ETag is the MD5: this test no longer covers the metadata comparison")
	}
}

// TestMultipart lowers the multipart threshold, so it does not run in
// parallel with the other tests.
func TestMultipart(t *testing.T) {
	defer func(threshold, part int64) { multipartThreshold, partSize = threshold, part }(multipartThreshold, partSize)
	multipartThreshold, partSize = 6<<20, 5<<20
	b := newBucket(t)
	dir := t.TempDir()
	big := make([]byte, 12<<20)
	for i := range big {
		big[i] = byte(rand.IntN(256))
	}
	name := filepath.Join(dir, "video.webm")
	if err := os.WriteFile(name, big, 0o644); err != nil {
		t.Fatal(err)
	}
	b.mustPublish(dir, "p", Options{Layout: LayoutFlat})
	h := b.head("p/video.webm")
	if etag := aws.ToString(h.ETag); !strings.HasSuffix(strings.Trim(etag, `"`), "-3") {
		t.Errorf("ETag %s, want a 3-part upload", etag)
	}
	if aws.ToString(h.ContentType) != "video/webm" || aws.ToInt64(h.ContentLength) != int64(len(big)) {
		t.Errorf("Content-Type %q, length %d", aws.ToString(h.ContentType), aws.ToInt64(h.ContentLength))
	}
	if r := b.mustPublish(dir, "p", Options{Layout: LayoutFlat}); r.Uploaded != 0 {
		t.Errorf("re-publish of an unchanged multipart object uploaded %d", r.Uploaded)
	}
	big[7<<20] ^= 0xff // same size, new content
	os.WriteFile(name, big, 0o644)
	if r := b.mustPublish(dir, "p", Options{Layout: LayoutFlat}); r.Uploaded != 1 {
		t.Errorf("publish of a changed multipart object uploaded %d, want 1", r.Uploaded)
	}
	if got := b.get("p/video.webm"); got != string(big) {
		t.Errorf("object content differs from the file")
	}
}

// TestServerStopsMidPublish kills MinIO while a publish is uploading: the
// publish fails with one clear line and exit 1, writes no history, and a
// second publish completes the run.
func TestServerStopsMidPublish(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	b := newBucketOn(t, srv)
	dir := manyFiles(t, 400)

	var seen int
	var stop sync.Once
	stopped := make(chan struct{})
	stopper := writerFunc(func(p []byte) { // output calls it under a lock
		if seen += strings.Count(string(p), "upload "); seen >= 40 {
			stop.Do(func() { go func() { srv.Stop(); close(stopped) }() })
		}
	})
	r := b.publish(dir, "e2e", Options{Concurrency: 4, Verbose: true, Stdout: stopper})
	<-stopped
	if r.err == nil {
		t.Fatal("publish succeeded while MinIO was stopped")
	}
	if msg := r.err.Error(); !strings.Contains(msg, srv.Endpoint) || strings.Contains(msg, "\n") || exitcode.Of(r.err) != exitcode.Failed {
		t.Errorf("error %q (exit %d); want one line naming %s, exit 1", msg, exitcode.Of(r.err), srv.Endpoint)
	}
	t.Logf("error: %v", r.err)

	srv.Restart(t)
	if got := b.objects("e2e/"); len(got) >= 400 {
		t.Fatalf("%d objects after the interrupted publish; the test did not interrupt it", len(got))
	} else if _, ok := got["history.json"]; ok {
		t.Errorf("history.json written for an incomplete run")
	}
	again := b.mustPublish(dir, "e2e", Options{})
	if again.RunID != r.RunID {
		t.Errorf("re-run published run %s, want the interrupted run %s", again.RunID, r.RunID)
	}
	if n := len(b.objects("e2e/runs/" + again.RunID + "/")); n != 400 {
		t.Errorf("run folder has %d objects after the re-run, want 400", n)
	}
	if runs := b.history("e2e").Runs; len(runs) != 1 {
		t.Errorf("history has %d runs, want 1", len(runs))
	}
}

type writerFunc func(p []byte)

func (f writerFunc) Write(p []byte) (int, error) { f(p); return len(p), nil }
