package runner

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/results"
)

// TestRetriesMakeFlaky runs a scenario against a server whose first page
// is broken: with --retries 1 the second attempt passes and the scenario
// is flaky, which does not fail the run.
func TestRetriesMakeFlaky(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	dir, _ := filepath.Abs("testdata/flaky")
	cfg := config.Defaults(1)
	cfg.Paths = []string{filepath.Join(dir, "flaky.feature")}
	cfg.Out = t.TempDir()
	cfg.Timeout = time.Second
	cfg.Retries = 1
	cfg.WebServer = fmt.Sprintf("python3 %s %d", filepath.Join(dir, "server.py"), port)
	cfg.WebServerURL = fmt.Sprintf("http://127.0.0.1:%d/", port)
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run, err := Run(ctx, Options{Config: cfg, Stdout: &out, Stderr: &errOut, Env: os.Environ(), Version: "test"})
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	s := run.Features[0].Scenarios[0]
	if len(s.Attempts) != 2 || s.Attempts[0].Status != results.Failed || s.Attempts[1].Status != results.Passed {
		t.Fatalf("attempts %+v\n%s", s.Attempts, out.String())
	}
	if s.Status != results.Flaky || run.Counts.Flaky != 1 || run.Status != results.Passed {
		t.Errorf("scenario %s, counts %+v, run %s", s.Status, run.Counts, run.Status)
	}
	if !bytes.Contains(out.Bytes(), []byte("attempt 2")) {
		t.Errorf("progress does not show the retry:\n%s", out.String())
	}
}
