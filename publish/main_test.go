package publish

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/kumite/kumite/internal/s3test"
	"github.com/kumite/kumite/results"
)

func TestMain(m *testing.M) {
	code := m.Run()
	s3test.CloseShared()
	os.Exit(code)
}

// bucket is one fresh bucket on a MinIO server, and a client of the code
// under test for it.
type bucket struct {
	t      testing.TB
	srv    *s3test.Server
	name   string
	client *Client
}

func newBucket(t testing.TB) *bucket {
	return newBucketOn(t, s3test.Shared(t))
}

func newBucketOn(t testing.TB, srv *s3test.Server) *bucket {
	t.Helper()
	b := &bucket{t: t, srv: srv, name: srv.NewBucket(t)}
	b.client = b.connect(srv.Env()...)
	return b
}

// connect returns a client configured from the environment env only.
func (b *bucket) connect(env ...string) *Client {
	b.t.Helper()
	c, err := NewClient(context.Background(), ClientConfig{LookupEnv: lookup(env), Connections: DefaultConcurrency})
	if err != nil {
		b.t.Fatalf("NewClient: %v", err)
	}
	return c
}

func lookup(env []string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		for _, kv := range slices.Backward(env) {
			if v, ok := strings.CutPrefix(kv, name+"="); ok {
				return v, true
			}
		}
		return "", false
	}
}

func (b *bucket) dest(prefix string) Destination {
	return Destination{Bucket: b.name, Prefix: prefix}
}

// run is the outcome of one Publish.
type run struct {
	*Summary
	err            error
	stdout, stderr string
}

// publish publishes dir to prefix with opts, capturing the output.
func (b *bucket) publish(dir, prefix string, opts Options) run {
	b.t.Helper()
	return b.publishWith(b.client, dir, prefix, opts)
}

func (b *bucket) publishWith(c *Client, dir, prefix string, opts Options) run {
	b.t.Helper()
	var stdout, stderr syncBuffer
	if opts.Stdout == nil {
		opts.Stdout = &stdout
	}
	opts.Stderr = &stderr
	s, err := Publish(context.Background(), c, dir, b.dest(prefix), opts)
	return run{Summary: s, err: err, stdout: stdout.String(), stderr: stderr.String()}
}

// mustPublish publishes and fails the test on an error.
func (b *bucket) mustPublish(dir, prefix string, opts Options) run {
	b.t.Helper()
	r := b.publish(dir, prefix, opts)
	if r.err != nil {
		b.t.Fatalf("publish %s to %s: %v\nstdout:\n%s\nstderr:\n%s", dir, b.dest(prefix), r.err, r.stdout, r.stderr)
	}
	return r
}

// objects lists every key under prefix with its content.
func (b *bucket) objects(prefix string) map[string]string {
	b.t.Helper()
	got := map[string]string{}
	c := b.srv.Client()
	pages := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: &b.name, Prefix: &prefix})
	for pages.HasMorePages() {
		page, err := pages.NextPage(context.Background())
		if err != nil {
			b.t.Fatalf("list s3://%s/%s: %v", b.name, prefix, err)
		}
		for _, o := range page.Contents {
			got[strings.TrimPrefix(*o.Key, prefix)] = b.get(*o.Key)
		}
	}
	return got
}

func (b *bucket) get(key string) string {
	b.t.Helper()
	out, err := b.srv.Client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: &b.name, Key: &key})
	if err != nil {
		b.t.Fatalf("get s3://%s/%s: %v", b.name, key, err)
	}
	defer out.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(out.Body)
	return buf.String()
}

func (b *bucket) head(key string) *s3.HeadObjectOutput {
	b.t.Helper()
	out, err := b.srv.Client().HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: &b.name, Key: aws.String(key)})
	if err != nil {
		b.t.Fatalf("head s3://%s/%s: %v", b.name, key, err)
	}
	return out
}

// writeFiles writes files (slash path -> content) under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// report returns a report folder with a few typical files.
func report(t testing.TB, extra map[string]string) (string, map[string]string) {
	t.Helper()
	files := map[string]string{
		"index.html":            "<!DOCTYPE html><title>report</title>",
		"features/login.html":   "<!DOCTYPE html><title>login</title>",
		"assets/report.css":     "body{margin:0}",
		"assets/report.js":      "console.log(1)",
		"screenshots/fail.png":  "\x89PNG fake",
		"junit.xml":             "<testsuites/>",
		"cucumber.json":         "[]",
		"screenshots/page.webp": "RIFF fake",
	}
	for k, v := range extra {
		files[k] = v
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return dir, files
}

// writeResults writes a results.json into dir for a run that started at
// start with status.
func writeResults(t testing.TB, dir, id string, start time.Time, status results.Status, env results.Environment) {
	t.Helper()
	counts := results.Counts{Total: 3, Passed: 3}
	if status == results.Failed {
		counts = results.Counts{Total: 3, Passed: 2, Failed: 1}
	}
	err := results.Write(dir, &results.Run{
		Schema: results.SchemaVersion, ID: id, Status: status, Start: start, End: start.Add(90 * time.Second),
		Duration: 90 * time.Second, Env: env, Counts: counts,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer that the pool's goroutines can write to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// manyFiles writes n small files of distinct content under a new folder.
func manyFiles(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("<!DOCTYPE html><p>file %d</p>%s", i, strings.Repeat("x", 200+i%300))
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%04d.html", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
