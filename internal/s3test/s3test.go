// Package s3test starts a real MinIO server on a loopback port for tests and
// benchmarks that talk to S3 (STYLE.md: real MinIO for anything that touches
// S3). It is test support only; production code must not import it.
//
// The MinIO binary is found through KUMITE_MINIO, then `minio` on PATH, then
// the tools cache that `make test` installs into. A missing binary fails the
// test: it is never a silent skip.
package s3test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Credentials and region of every server this package starts.
const (
	AccessKey = "kumite-test"
	SecretKey = "kumite-test-secret"
	Region    = "us-east-1"
	// KMSKeyID names the key MinIO's built-in KMS uses, so SSE-S3 and
	// SSE-KMS work against it.
	KMSKeyID = "kumite-test-key"
)

// kmsSecret is the base64 of 32 fixed bytes: MinIO's single-key KMS.
const kmsSecret = KMSKeyID + ":MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="

// Server is one MinIO process serving a temporary folder on 127.0.0.1.
type Server struct {
	// Endpoint is the base URL of the S3 API, e.g. http://127.0.0.1:40123.
	Endpoint string

	dir     string
	addr    string
	buckets atomic.Int64

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
	log  *syncBuffer
}

// Start starts a MinIO server for tb and stops it, removing its data, when
// tb's test or benchmark ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s, err := start()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.close)
	return s
}

var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Shared returns the server shared by every test of the test binary,
// starting it on first use. TestMain must call CloseShared after m.Run.
// Tests that stop or restart the server must use Start instead.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	shared.once.Do(func() { shared.srv, shared.err = start() })
	if shared.err != nil {
		tb.Fatal(shared.err)
	}
	return shared.srv
}

// CloseShared stops the shared server, if one was started, and removes its
// data.
func CloseShared() {
	if shared.srv != nil {
		shared.srv.close()
	}
}

// Binary returns the path of the MinIO binary, or an error that tells how
// to install it.
func Binary() (string, error) {
	if p := os.Getenv("KUMITE_MINIO"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("KUMITE_MINIO=%s: %w", p, err)
		}
		return p, nil
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p, nil
	}
	cache, err := os.UserCacheDir()
	if err == nil {
		p := filepath.Join(cache, "kumite-tools", "bin", "minio")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("MinIO not found (KUMITE_MINIO, PATH, ~/.cache/kumite-tools/bin): " +
		"run `make test`, which installs MinIO, or set KUMITE_MINIO to a minio binary")
}

func start() (*Server, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(dataRoot(), "kumite-minio-")
	if err != nil {
		return nil, fmt.Errorf("start MinIO: %w", err)
	}
	s := &Server{dir: dir}
	// A free port can be taken between probing and listening; try again.
	for attempt := 0; ; attempt++ {
		s.addr, err = freeAddr()
		if err == nil {
			err = s.launch(bin)
		}
		if err == nil || attempt == 2 {
			break
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s.Endpoint = "http://" + s.addr
	return s, nil
}

// dataRoot is where servers keep their data: in memory (/dev/shm) when
// the machine has it, since MinIO syncs every object to disk and on a CI
// disk that makes each PUT cost ~20 ms; else the temp folder.
func dataRoot() string {
	if f, err := os.CreateTemp("/dev/shm", "kumite-probe-"); err == nil {
		f.Close()
		os.Remove(f.Name())
		return "/dev/shm"
	}
	return os.TempDir()
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free loopback port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// launch starts the process on s.dir and s.addr and waits until it is live.
func (s *Server) launch(bin string) error {
	cmd := exec.Command(bin, "server", filepath.Join(s.dir, "data"),
		"--address", s.addr, "--certs-dir", filepath.Join(s.dir, "certs"), "--quiet")
	cmd.Env = append(os.Environ(),
		"MINIO_ROOT_USER="+AccessKey,
		"MINIO_ROOT_PASSWORD="+SecretKey,
		"MINIO_SITE_REGION="+Region, // reject requests signed for another region, as S3 does
		"MINIO_KMS_SECRET_KEY="+kmsSecret,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
	)
	log := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = procAttr()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start MinIO %s: %w", bin, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.mu.Lock()
	s.cmd, s.done, s.log = cmd, done, log
	s.mu.Unlock()
	if err := waitLive("http://"+s.addr, done); err != nil {
		s.Stop()
		return fmt.Errorf("start MinIO on %s: %w\n%s", s.addr, err, log.String())
	}
	return nil
}

// waitLive polls MinIO's liveness probe until it answers, the process
// exits, or 20 seconds pass.
func waitLive(endpoint string, exited <-chan struct{}) error {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(endpoint + "/minio/health/live")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return errors.New("MinIO exited before it was ready")
		case <-time.After(20 * time.Millisecond):
		}
	}
	return errors.New("MinIO not ready after 20s")
}

// Stop kills the server at once, as a crash would, and waits for it to
// exit. The data stays for Restart.
func (s *Server) Stop() {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Kill()
	<-done
}

// Restart starts the server again on the same address and data after Stop.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	bin, err := Binary()
	if err == nil {
		err = s.launch(bin)
	}
	if err != nil {
		tb.Fatal(err)
	}
}

func (s *Server) close() {
	s.Stop()
	os.RemoveAll(s.dir)
}

// Env returns the environment a client needs to reach the server through
// the standard AWS variables, with every other credential source (shared
// files, instance metadata) turned off.
func (s *Server) Env() []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + AccessKey,
		"AWS_SECRET_ACCESS_KEY=" + SecretKey,
		"AWS_REGION=" + Region,
		"AWS_ENDPOINT_URL_S3=" + s.Endpoint,
		"AWS_CONFIG_FILE=" + os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull,
		"AWS_EC2_METADATA_DISABLED=true",
	}
}

// Client returns an S3 client for the server, configured independently of
// the code under test.
func (s *Server) Client() *s3.Client {
	return s3.New(s3.Options{
		Region:                     Region,
		BaseEndpoint:               aws.String(s.Endpoint),
		UsePathStyle:               true,
		Credentials:                credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, ""),
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	})
}

// NewBucket creates a bucket with a name unique on the server and returns
// the name.
func (s *Server) NewBucket(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("kumite-test-%d", s.buckets.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := s.Client().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &name}); err != nil {
		tb.Fatalf("create bucket %s on MinIO %s: %v", name, s.Endpoint, err)
	}
	return name
}

// Log returns what the server printed, for a failure message.
func (s *Server) Log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.log == nil {
		return ""
	}
	return strings.TrimSpace(s.log.String())
}

// syncBuffer is a bytes.Buffer safe for the process's writer goroutines.
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
