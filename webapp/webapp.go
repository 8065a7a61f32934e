package webapp

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"strings"
	"syscall"
	"time"

	"github.com/kumite/kumite/config"
	"github.com/kumite/kumite/internal/exitcode"
)

// Options is what starting the app needs: the run's configuration
// (--serve, --web-server, --web-server-url, --base-url) and the process
// edge the web server command inherits.
type Options struct {
	Config config.Config
	Stderr io.Writer // the web server's output goes here
	Env    []string  // the web server's environment, KEY=VALUE
	Serve  FSFunc    // resolves --serve names that are not folders; may be nil
}

// FSFunc resolves a --serve argument that is not a folder on disk (e.g.
// the embedded demo site); ok is false when it names nothing.
type FSFunc func(name string) (fsys fs.FS, ok bool)

// App is the site under test as the run sees it: its base URL and how
// to stop what kumite started for it.
type App struct {
	BaseURL string
	stops   []func()
}

// Stop stops what Start started, last first.
func (e *App) Stop() {
	for i := len(e.stops) - 1; i >= 0; i-- {
		e.stops[i]()
	}
}

// webServerWait is how long --web-server gets to answer at --web-server-url.
var webServerWait = 60 * time.Second

// Start serves --serve on a loopback port, or starts --web-server and
// waits for --web-server-url, and decides the base URL.
func Start(ctx context.Context, o Options) (*App, error) {
	cfg := o.Config
	env := &App{BaseURL: cfg.BaseURL}
	if cfg.Serve != "" {
		if cfg.BaseURL != "" {
			return nil, exitcode.Usagef("--serve %s and --base-url %s both set the base URL: keep one", cfg.Serve, cfg.BaseURL)
		}
		url, stop, err := serve(cfg.Serve, o.Serve)
		if err != nil {
			return nil, err
		}
		env.BaseURL = url
		env.stops = append(env.stops, stop)
	}
	if cfg.WebServer != "" {
		if cfg.WebServerURL == "" {
			return nil, exitcode.Usagef("--web-server %q needs --web-server-url: the URL that answers when the app is ready", cfg.WebServer)
		}
		stop, err := startWebServer(ctx, o)
		if err != nil {
			env.Stop() // the --serve server, if any
			return nil, err
		}
		env.stops = append(env.stops, stop)
		if env.BaseURL == "" {
			env.BaseURL = cfg.WebServerURL
		}
	}
	return env, nil
}

// serve serves a named embedded site (the demo) or a folder on 127.0.0.1
// at an ephemeral port.
func serve(dir string, named FSFunc) (string, func(), error) {
	var fsys fs.FS
	if named != nil {
		if f, ok := named(dir); ok {
			fsys = f
		}
	}
	if info, err := os.Stat(dir); fsys == nil && err == nil && info.IsDir() {
		fsys = os.DirFS(dir)
	}
	if fsys == nil {
		return "", nil, exitcode.Usagef("--serve %s: no such folder (use a folder of static files, or \"demo\" for the bundled demo site)", dir)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, exitcode.Usagef("--serve %s: %v", dir, err)
	}
	srv := &http.Server{Handler: staticFiles(fsys), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln)
	}()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	}
	return "http://" + ln.Addr().String() + "/", stop, nil
}

// startWebServer runs the --web-server command in its own process group
// and waits until --web-server-url answers; the returned func stops the
// whole group.
func startWebServer(ctx context.Context, o Options) (func(), error) {
	cfg := o.Config
	cmd := exec.Command("sh", "-c", cfg.WebServer)
	cmd.Env = o.Env
	cmd.Stdout, cmd.Stderr = o.Stderr, o.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, exitcode.Usagef("--web-server %q: %v", cfg.WebServer, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	}
	wctx, cancel := context.WithTimeout(ctx, webServerWait)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		if ready(wctx, client, cfg.WebServerURL) {
			return stop, nil
		}
		select {
		case err := <-exited:
			exited <- err
			return nil, exitcode.Usagef("--web-server %q exited before %s answered: %v", cfg.WebServer, cfg.WebServerURL, err)
		case <-wctx.Done():
			stop()
			if errors.Is(wctx.Err(), context.DeadlineExceeded) {
				return nil, exitcode.Usagef("--web-server %q: %s did not answer within %s", cfg.WebServer, cfg.WebServerURL, webServerWait)
			}
			return nil, wctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// ready tells whether url answers as Playwright's webServer check accepts:
// 2xx, 3xx, or 400-403.
func ready(ctx context.Context, c *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode <= 403
}

// staticFiles serves fsys as a static web server does: a folder answers
// with its index.html, and /index.html is served as is (http.FileServer
// would redirect it to ./, which surprises a test that opens it).
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if path.Base(name) != "index.html" {
			files.ServeHTTP(w, r)
			return
		}
		f, err := fsys.Open(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		info, err := f.Stat()
		rs, ok := f.(io.ReadSeeker)
		if err != nil || !ok {
			files.ServeHTTP(w, r)
			return
		}
		http.ServeContent(w, r, name, info.ModTime(), rs)
	})
}
