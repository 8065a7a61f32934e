package publish

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// Timeouts bound every S3 request, so that an endpoint that accepts
// connections and then says nothing fails a publish in bounded time
// instead of hanging a CI build until the build's own timeout.
//
// The bound is on silence, not on a request's total time: a connection
// fails when it has neither sent nor received a byte for Stall. A 500 MB
// upload that moves keeps going however long it takes; one that stops
// moving fails after Stall, like a download that stops. (A total timeout
// per request would have to be scaled by size and by a bandwidth nobody
// knows; S3's own default in the SDK has no read timeout at all, because a
// read deadline alone also fires while a long upload is still being sent.)
type Timeouts struct {
	Connect  time.Duration // TCP connect, and again the TLS handshake
	Stall    time.Duration // no byte sent or received on a busy connection
	Attempts int           // tries of one request, with the SDK's jittered exponential backoff between them
}

// DefaultTimeouts suit CodeBuild and S3 in the build's region: S3 answers
// in milliseconds, so 30 s of silence is a dead endpoint, and three
// attempts give up after about a minute and a half.
var DefaultTimeouts = Timeouts{Connect: 10 * time.Second, Stall: 30 * time.Second, Attempts: 3}

func (t Timeouts) orDefault() Timeouts {
	if t.Connect <= 0 {
		t.Connect = DefaultTimeouts.Connect
	}
	if t.Stall <= 0 {
		t.Stall = DefaultTimeouts.Stall
	}
	if t.Attempts <= 0 {
		t.Attempts = DefaultTimeouts.Attempts
	}
	return t
}

// httpClient is the SDK's HTTP client with t's bounds and a pool of conns
// connections.
func (t Timeouts) httpClient(conns int) *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().
		WithDialerOptions(func(d *net.Dialer) { d.Timeout = t.Connect }).
		WithTransportOptions(func(tr *http.Transport) {
			tr.MaxIdleConns = 2 * conns
			tr.MaxIdleConnsPerHost = conns // the default 10 makes the pool reconnect at --concurrency 32
			tr.TLSHandshakeTimeout = t.Connect
			// An idle connection is closed before its read deadline
			// (see stallConn) could fail it under a new request.
			tr.IdleConnTimeout = t.Stall / 2
			dial := tr.DialContext
			tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
				c, err := dial(ctx, network, addr)
				if err != nil {
					return nil, err
				}
				return &stallConn{Conn: c, stall: t.Stall, addr: addr}, nil
			}
		})
}

// retryer tries a request t.Attempts times; a stalled connection counts
// as a retryable timeout.
func (t Timeouts) retryer() func() aws.Retryer {
	return func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = t.Attempts })
	}
}

// stallConn fails a read or a write that makes no progress for stall.
// Every byte sent also moves the read deadline: net/http reads a
// connection for the response while it is still sending the request
// body, and that read must not fail while the body moves.
type stallConn struct {
	net.Conn
	stall   time.Duration
	addr    string
	stalled atomic.Pointer[stallError] // the first stall, which closes the connection
}

func (c *stallConn) Read(p []byte) (int, error) {
	if err := c.Conn.SetReadDeadline(time.Now().Add(c.stall)); err != nil {
		return 0, c.cause(err)
	}
	n, err := c.Conn.Read(p)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return n, c.fail(false)
	}
	return n, c.cause(err)
}

// fail records a stall and returns the connection's first one.
func (c *stallConn) fail(sending bool) error {
	c.stalled.CompareAndSwap(nil, &stallError{addr: c.addr, stall: c.stall, sending: sending})
	return c.stalled.Load()
}

// cause is err, or the stall that made net/http close the connection:
// the other direction then fails with "use of closed network connection",
// and whichever error net/http reports must say why.
func (c *stallConn) cause(err error) error {
	if s := c.stalled.Load(); s != nil && err != nil {
		return s
	}
	return err
}

func (c *stallConn) Write(p []byte) (int, error) {
	written := 0
	for written < len(p) {
		// Write in pieces so that a large write moves the deadlines
		// as it goes.
		end := min(len(p), written+64<<10)
		now := time.Now()
		if err := c.Conn.SetWriteDeadline(now.Add(c.stall)); err != nil {
			return written, c.cause(err)
		}
		n, err := c.Conn.Write(p[written:end])
		written += n
		if n > 0 {
			_ = c.Conn.SetReadDeadline(time.Now().Add(c.stall))
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return written, c.fail(true)
		}
		if err != nil {
			return written, c.cause(err)
		}
	}
	return written, nil
}

// stallError is a connection that moved no byte for stall. It is a
// timeout, which the SDK retries.
type stallError struct {
	addr    string
	stall   time.Duration
	sending bool
}

func (e *stallError) Error() string {
	if e.sending {
		return fmt.Sprintf("%s took no data for %s", e.addr, e.stall)
	}
	return fmt.Sprintf("no answer from %s for %s", e.addr, e.stall)
}

func (e *stallError) Timeout() bool   { return true }
func (e *stallError) Temporary() bool { return true }
