package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kumite/kumite/results"
)

// waitFor polls cond every 50 ms until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestInterrupt stops a run in the middle of a slow scenario: kumite
// exits with 128+signal promptly, leaves no Chrome behind, and its report
// holds what finished.
func TestInterrupt(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{
		{syscall.SIGINT, 130},
		{syscall.SIGTERM, 143},
	} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			chrome := chromeTemp(t)
			out := t.TempDir()
			signals := make(chan os.Signal, 1)
			var stdout, stderr syncBuffer
			app := &App{Stdout: &stdout, Stderr: &stderr, Env: testEnv(t), Signals: signals, Version: "test"}
			done := make(chan int, 1)
			go func() {
				done <- app.Run([]string{"kumite", "run", "--serve", abs(t, "site"), "--workers", "1", "--timeout", "30s",
					"--out", out, abs(t, "features/slow.feature")})
			}()
			if !waitFor(60*time.Second, func() bool { return strings.Contains(stdout.String(), "✓ passed") }) {
				t.Fatalf("the first scenario did not pass within 60 s\n--- stdout\n%s--- stderr\n%s", stdout.String(), stderr.String())
			}
			time.Sleep(300 * time.Millisecond) // into the 20 s wait
			signals <- tt.sig
			sent := time.Now()
			var code int
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("kumite did not return within 30 s of %s\n%s", tt.sig, stdout.String())
			}
			r := result{code: code, stdout: stdout.String(), stderr: stderr.String(), took: time.Since(sent)}
			if r.took > 10*time.Second {
				t.Errorf("kumite took %s to return after %s, want < 10 s", r.took, tt.sig)
			}
			if code != tt.code {
				t.Errorf("want exit %d\n%s", tt.code, r)
			}
			if !strings.Contains(r.stderr, "interrupted") {
				t.Errorf("stderr does not say the run was interrupted\n%s", r)
			}
			run := assertReport(t, out, r)
			got := scenarioStatuses(run)
			if !run.Interrupted || got["quick"] != results.Passed || got["slow"] == results.Passed || got["never reached"] != results.Skipped {
				t.Errorf("results.json: interrupted %v, scenarios %v; want interrupted, quick passed, slow not passed, the last skipped",
					run.Interrupted, got)
			}
			if run.Status != results.Failed {
				t.Errorf("results.json: status %q of an interrupted run, want failed", run.Status)
			}
			assertNoChrome(t, chrome)
		})
	}
}

// freePort returns a loopback port nothing listens on (as far as anyone
// can tell without holding it).
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// copySite copies testdata/site to a folder whose name no other process
// has in its command line.
func copySite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site-"+randomHex(t))
	if err := os.CopyFS(dir, os.DirFS(abs(t, "site"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

func randomHex(t *testing.T) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func TestWebServer(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 to serve the site with")
	}
	chrome := chromeTemp(t)
	site := copySite(t)
	port := freePort(t)
	url := fmt.Sprintf("http://127.0.0.1:%d/", port)
	out := t.TempDir()
	server := fmt.Sprintf("%s -m http.server %d --bind 127.0.0.1 --directory %s", python, port, site)
	r := kumite(t, "run", "--web-server", server, "--web-server-url", url, "--workers", "1", "--out", out, abs(t, "features/pass.feature"))
	if r.code != 0 {
		t.Fatalf("want exit 0\n%s", r)
	}
	run := assertReport(t, out, r)
	if run.Status != results.Passed || run.Env.BaseURL != url {
		t.Errorf("results.json: %q, base URL %q; want passed against %s", run.Status, run.Env.BaseURL, url)
	}
	if left := processesWith(t, site); len(left) > 0 {
		t.Errorf("the web server outlived the run:\n%s", strings.Join(left, "\n"))
		killAll(left)
	}
	client := &http.Client{Timeout: 2 * time.Second}
	if resp, err := client.Get(url); err == nil {
		resp.Body.Close()
		t.Errorf("%s still answers after the run", url)
	}
	assertNoChrome(t, chrome)
}

// buildKumite builds the kumite binary into a temporary folder.
func buildKumite(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build kumite for this test: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "kumite")
	cmd := exec.Command(goBin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKilledRunLeavesNoChrome kills kumite with SIGKILL, which it cannot
// catch, while Chrome runs a scenario: Chrome and every process it
// started must go with it.
func TestKilledRunLeavesNoChrome(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the kernel kills Chrome with its parent (Pdeathsig) on Linux only")
	}
	bin := buildKumite(t)
	chrome := t.TempDir() // TMPDIR of the kumite process: Chrome's profile goes there
	marker := "--kumite-test-marker=" + randomHex(t)
	cmd := exec.Command(bin, "run", "--serve", abs(t, "site"), "--workers", "1", "--timeout", "30s", "--out", t.TempDir(),
		"--chrome-flag="+marker, abs(t, "features/slow.feature"))
	cmd.Env = append(testEnv(t), "TMPDIR="+chrome)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	// The first scenario passed: Chrome is up with its renderers.
	passed := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "✓ passed") {
				close(passed)
				break
			}
		}
		for sc.Scan() {
		}
	}()
	select {
	case <-passed:
	case <-time.After(60 * time.Second):
		t.Fatalf("the first scenario did not pass within 60 s\n%s", stderr.String())
	}
	browser := processesWith(t, marker)
	if len(browser) < 2 { // kumite and Chrome's main process
		t.Fatalf("no Chrome with %s is running:\n%s", marker, strings.Join(browser, "\n"))
	}
	if profile := processesWith(t, chrome); len(profile) < 1 {
		t.Fatalf("Chrome does not name its profile under %s:\n%s", chrome, strings.Join(profile, "\n"))
	}
	// The headless shell's children name neither the marker nor the
	// profile: know them by their place in kumite's process tree.
	tree := processTree(t, cmd.Process.Pid)
	if len(tree) < 3 { // Chrome's main process and at least two children
		t.Fatalf("kumite's process tree holds too few of Chrome's processes:\n%s", strings.Join(tree, "\n"))
	}

	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	var left []string
	gone := waitFor(5*time.Second, func() bool {
		left = append(append(processesWith(t, marker), processesWith(t, chrome)...), stillRunning(tree)...)
		return len(left) == 0
	})
	if !gone {
		t.Errorf("5 s after kumite was killed, Chrome processes remain:\n%s", strings.Join(left, "\n"))
		killAll(left)
	}
}

// processTree lists the processes under root (not root itself), each as
// "PID: command line", as processesWith does.
func processTree(t *testing.T, root int) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatalf("no /proc to read kumite's process tree: %v", err)
	}
	children := map[int][]int{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(stat)
		if f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]); len(f) > 1 {
			ppid, _ := strconv.Atoi(f[1])
			children[ppid] = append(children[ppid], pid)
		}
	}
	var tree []string
	stack := append([]int(nil), children[root]...)
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if cmdline, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline")); err == nil {
			tree = append(tree, strconv.Itoa(pid)+": "+strings.ReplaceAll(string(cmdline), "\x00", " "))
		}
		stack = append(stack, children[pid]...)
	}
	return tree
}

// stillRunning are the processes of a processTree list that still run
// with the same command line (not a new process with a reused pid).
func stillRunning(tree []string) []string {
	var left []string
	for _, p := range tree {
		pid, cmdline, _ := strings.Cut(p, ": ")
		if now, err := os.ReadFile(filepath.Join("/proc", pid, "cmdline")); err == nil && strings.ReplaceAll(string(now), "\x00", " ") == cmdline {
			left = append(left, p)
		}
	}
	return left
}

// killAll kills processes that processesWith found by a name only this
// test uses, so that a failing test leaves nothing running.
func killAll(procs []string) {
	for _, p := range procs {
		if pid, err := strconv.Atoi(strings.SplitN(p, ":", 2)[0]); err == nil {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}
