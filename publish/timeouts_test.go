package publish

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kumite/kumite/internal/exitcode"
)

// TestStallConnBoundsSilenceNotTime: over a pipe (no buffers: every byte
// moves only when the other side takes it), a transfer that takes many
// times the stall bound but keeps moving succeeds, also the read that
// waits for the answer meanwhile; a transfer that stops fails after about
// the bound.
func TestStallConnBoundsSilenceNotTime(t *testing.T) {
	const stall = time.Second
	client, server := net.Pipe()
	defer client.Close()
	defer server.Close()
	c := &stallConn{Conn: client, stall: stall, addr: "pipe"}

	// The server takes 30 pieces of 64 KiB, one every 100 ms (3 s in
	// all), then answers.
	answered := make(chan error, 1)
	go func() {
		buf := make([]byte, 64<<10)
		for range 30 {
			if _, err := io.ReadFull(server, buf); err != nil {
				answered <- err
				return
			}
			time.Sleep(stall / 10)
		}
		_, err := server.Write([]byte("200 OK"))
		answered <- err
	}()
	// Like net/http, the client reads for the answer while it sends.
	got := make(chan string, 1)
	go func() {
		buf := make([]byte, 6)
		n, err := io.ReadFull(c, buf)
		if err != nil {
			got <- err.Error()
			return
		}
		got <- string(buf[:n])
	}()
	start := time.Now()
	if _, err := c.Write(make([]byte, 30*64<<10)); err != nil {
		t.Fatalf("a slow but moving upload failed after %s: %v", time.Since(start), err)
	}
	if err := <-answered; err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "200 OK" {
		t.Fatalf("the read that waited during the upload got %q", s)
	}
	if took := time.Since(start); took < 2*stall {
		t.Fatalf("the upload took %s: too fast to show anything", took)
	}

	// Now the server takes nothing, then says nothing.
	start = time.Now()
	_, err := c.Write(make([]byte, 1))
	var se *stallError
	if !errors.As(err, &se) || !se.sending || !strings.Contains(err.Error(), "pipe took no data for 1s") {
		t.Fatalf("a write nobody takes: %v, want a stallError", err)
	}
	if took := time.Since(start); took < stall || took > 10*stall {
		t.Errorf("the write failed after %s, want about %s", took, stall)
	}
	// A connection that stalled stays stalled: whatever fails next says why.
	if _, err := c.Read(make([]byte, 1)); !errors.As(err, &se) || !se.sending {
		t.Errorf("a read after the write stalled: %v, want the write's stallError", err)
	}
	c = &stallConn{Conn: client, stall: stall, addr: "pipe"}
	_, err = c.Read(make([]byte, 1))
	if !errors.As(err, &se) || se.sending || !strings.Contains(err.Error(), "no answer from pipe for 1s") {
		t.Fatalf("a read nobody answers: %v, want a stallError", err)
	}
}

// stalledEndpoint is what a real server cannot be made to do: a TCP listener
// on loopback that accepts connections and never answers.
func stalledEndpoint(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(done)
				return
			}
			conns = append(conns, c) // held open, never read, never answered
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

// fastTimeouts keep the tests short; the defaults are for real S3.
var fastTimeouts = Timeouts{Connect: time.Second, Stall: 300 * time.Millisecond, Attempts: 2}

// clientFor returns a client of endpoint with static credentials.
func clientFor(t *testing.T, endpoint string, timeouts Timeouts) *Client {
	t.Helper()
	env := []string{"AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test-secret", "AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE=" + os.DevNull, "AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull, "AWS_EC2_METADATA_DISABLED=true"}
	c, err := NewClient(context.Background(), ClientConfig{EndpointURL: endpoint, LookupEnv: lookup(env), Connections: 4, Timeouts: timeouts})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// publishWithin publishes and fails the test if that takes longer than
// limit (it would hang for ever without timeouts).
func publishWithin(t *testing.T, limit time.Duration, c *Client, dir string, dest Destination, opts Options) (string, time.Duration, error) {
	t.Helper()
	var stdout, stderr syncBuffer
	opts.Stdout, opts.Stderr = &stdout, &stderr
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := Publish(ctx, c, dir, dest, opts)
		done <- err
	}()
	select {
	case err := <-done:
		return stdout.String() + stderr.String(), time.Since(start), err
	case <-time.After(limit):
		cancel()
		<-done
		t.Fatalf("publish to a stalled endpoint did not give up within %s", limit)
		return "", 0, nil
	}
}

// TestPublishToStalledEndpointGivesUp: an endpoint that accepts
// connections and never answers fails the publish in bounded time, with
// exit code 1 and an error that says so.
func TestPublishToStalledEndpointGivesUp(t *testing.T) {
	endpoint := stalledEndpoint(t)
	dir, _ := report(t, nil)
	for _, layout := range []Layout{LayoutHistory, LayoutFlat} {
		out, took, err := publishWithin(t, 30*time.Second, clientFor(t, endpoint, fastTimeouts), dir,
			Destination{Bucket: "reports", Prefix: "e2e"}, Options{Layout: layout})
		if err == nil || exitcode.Of(err) != exitcode.Failed ||
			!strings.Contains(err.Error(), endpoint+" is not answering: no answer from "+strings.TrimPrefix(endpoint, "http://")+" for 300ms, 2 attempts") {
			t.Errorf("%s layout: error %v (exit %d), want exit 1 saying the endpoint is not answering\n%s", layout, err, exitcode.Of(err), out)
		}
		t.Logf("%s layout gave up after %s: %v", layout, took.Round(time.Millisecond), err)
	}
}

// TestUploadToStalledEndpointGivesUp: an endpoint that answers the listing
// and then takes no byte of an upload fails the upload in bounded time.
func TestUploadToStalledEndpointGivesUp(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			w.Header().Set("Content-Type", "application/xml")
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>reports</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>`)
			return
		}
		<-release // takes no byte of the body and never answers
	}))
	defer srv.Close()
	defer close(release)
	dir := t.TempDir()
	big := bytes.Repeat([]byte("kumite "), 40<<20/7) // larger than every socket buffer between the two
	if err := os.WriteFile(filepath.Join(dir, "video.webm"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	out, took, err := publishWithin(t, 60*time.Second, clientFor(t, srv.URL, fastTimeouts), dir,
		Destination{Bucket: "reports", Prefix: "e2e"}, Options{Layout: LayoutFlat})
	if err == nil || exitcode.Of(err) != exitcode.Failed || !strings.Contains(out+err.Error(), "is not answering") {
		t.Fatalf("error %v (exit %d), want exit 1 saying the endpoint is not answering\n%s", err, exitcode.Of(err), out)
	}
	t.Logf("gave up after %s: %v\n%s", took.Round(time.Millisecond), err, out)
}

// TestShortTimeoutsAgainstMinIO: the stall bound fails no healthy
// request, also on pooled connections left idle longer than the bound
// between two publishes, and a large file goes up however long it takes.
func TestShortTimeoutsAgainstMinIO(t *testing.T) {
	b := newBucket(t)
	c, err := NewClient(context.Background(), ClientConfig{LookupEnv: lookup(b.srv.Env()), Connections: 4,
		Timeouts: Timeouts{Connect: 2 * time.Second, Stall: 2 * time.Second, Attempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	dir, files := report(t, map[string]string{"video.webm": strings.Repeat("kumite ", 10<<20/7)})
	if r := b.publishWith(c, dir, "e2e", Options{Layout: LayoutFlat, Concurrency: 4}); r.err != nil {
		t.Fatalf("first publish: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	time.Sleep(3 * time.Second) // the pool's connections idle past the stall bound
	writeFiles(t, dir, map[string]string{"index.html": "changed"})
	files["index.html"] = "changed"
	r := b.publishWith(c, dir, "e2e", Options{Layout: LayoutFlat, Concurrency: 4})
	if r.err != nil || r.Uploaded != 1 {
		t.Fatalf("second publish: %v, uploaded %d, want 1\n%s%s", r.err, r.Uploaded, r.stdout, r.stderr)
	}
	got := b.objects("e2e/")
	for name, content := range files {
		if got[name] != content {
			t.Errorf("e2e/%s: not what the folder holds", name)
		}
	}
}
