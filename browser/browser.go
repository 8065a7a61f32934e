package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"
)

// Options says which Chrome to run and how.
type Options struct {
	ExecPath string   // the program to start; see Find
	Remote   string   // attach to a running Chrome (ws://… or http://host:9222) instead
	Headless bool     // no window
	Width    int      // viewport width of every page
	Height   int      // viewport height of every page
	Flags    []string // extra switches, "name" or "name=value", with or without "--"
	Env      []string // environment of the Chrome process, KEY=VALUE; nil inherits

	ScreenshotFormat  string // "jpeg" (default), "png" or "webp"
	ScreenshotQuality int    // 1-100 for jpeg and webp; 0 means 80
}

// Browser is one running (or attached) Chrome, shared by every worker.
type Browser struct {
	opts    Options
	ctx     context.Context // the first tab's context: owns the browser's life
	cancel  context.CancelFunc
	version string
	profile string   // the temporary profile of a Chrome kumite launched; Close removes it
	proc    *process // the Chrome kumite launched; nil for a remote one

	mu        sync.Mutex
	firstUsed bool // the first tab belongs to a session
}

// Launch starts Chrome (or attaches to opts.Remote) and waits until it
// answers. Its life is not bound to ctx, which only limits the start:
// Close ends it.
func Launch(ctx context.Context, opts Options) (*Browser, error) {
	var allocCtx context.Context
	var cancelAlloc context.CancelFunc
	profile := ""
	var proc *process
	if opts.Remote != "" {
		allocCtx, cancelAlloc = remote.NewAllocator(context.Background(), opts.Remote)
	} else {
		ao := allocatorOptions(opts)
		if !hasFlag(opts.Flags, "user-data-dir") {
			// kumite makes the temporary profile itself, so that Close can
			// end Chrome's processes at once and remove it (see Close).
			dir, err := os.MkdirTemp("", "kumite-chrome-")
			if err != nil {
				return nil, fmt.Errorf("start %s: make a temporary profile: %w", opts.ExecPath, err)
			}
			profile = dir
			ao = append(ao, chromedp.UserDataDir(dir))
			if IsHeadlessShell(opts.ExecPath) {
				// The first worker takes the browser's first tab, in the
				// default browser context, which keeps cookies, storage
				// and the cache in the profile on disk: its reset waited
				// for Chrome to write and sync them (a reset 20 -> 15 ms,
				// 100 scenarios with 1 worker 0.5-1.1 s sooner). The
				// other workers' contexts are in memory; with this flag
				// the headless shell's default context is too. Full
				// Chromium's --incognito opens a window of a profile the
				// protocol cannot clear the cookies of, so it keeps the
				// profile on disk.
				ao = append(ao, chromedp.Flag("incognito", true))
			}
		}
		proc = &process{}
		ao = append(ao, proc.options()...)
		allocCtx, cancelAlloc = chromedp.NewExecAllocator(context.Background(), ao...)
	}
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	// chromedp's cancel of a context whose browser never started blocks
	// when called twice: cancel once.
	var once sync.Once
	cancel := func() { once.Do(func() { cancelTab(); cancelAlloc() }) }
	b := &Browser{opts: opts, ctx: tabCtx, cancel: cancel, profile: profile, proc: proc}

	started := make(chan error, 1)
	go func() { started <- chromedp.Do(tabCtx) }()
	select {
	case err := <-started:
		if err != nil {
			b.Close()
			if opts.Remote != "" {
				return nil, fmt.Errorf("attach to Chrome at %s: %w", opts.Remote, err)
			}
			if errors.Is(err, chromedp.ErrNoDisplay) {
				// chromedp's own message names its API (WithVisibleWindow).
				return nil, fmt.Errorf("start %s: a visible window (--headless=false, or a Karate driver with headless: false) needs a display, and DISPLAY and WAYLAND_DISPLAY are not set: run kumite under one (e.g. xvfb-run kumite run …), or headless", opts.ExecPath)
			}
			return nil, fmt.Errorf("start %s: %w", opts.ExecPath, err)
		}
	case <-ctx.Done():
		// chromedp may be starting the process still: its context ends
		// it, and Close then ends the processes Chrome started meanwhile.
		b.cancel()
		<-started
		b.Close()
		return nil, fmt.Errorf("start %s: %w", opts.ExecPath, ctx.Err())
	}
	v, err := chromedp.CallBrowser(tabCtx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("ask Chrome for its version: %w", err)
	}
	b.version = v.Product
	return b, nil
}

// Version is the browser's product string, e.g. "HeadlessChrome/156.0.8078.79".
func (b *Browser) Version() string { return b.version }

// Binary is the program kumite started, or "" for a remote browser.
func (b *Browser) Binary() string { return b.opts.ExecPath }

// Close ends the browser (or detaches from a remote one). A launched
// Chrome is killed rather than asked to close: its profile is temporary
// and nothing in it needs saving.
//
// Chrome runs in a process group of its own: its main process and every
// process it started (also one whose parent died) are killed at once, and
// kumite removes the temporary profile once none of them can run any
// more. It does not wait while the kernel frees their memory (chromedp's
// cancel waits for the main process to be reaped): a one-scenario run's
// shutdown took 36-46 ms with that wait, about 20 ms without. chromedp
// alone kills the main process, leaves its children to notice, looks for
// them by the profile in their command line (which the headless shell's
// children do not have) in passes 10 ms apart until three find nothing,
// and waits 10 ms more before it removes the profile: 0.1 s of a
// one-scenario run of 0.5 s. Close may be called more than once.
func (b *Browser) Close() {
	if b.proc.kill() {
		go b.cancel()
	} else {
		b.cancel()
	}
	if b.profile != "" {
		removeProfile(b.profile)
	}
}

// hasFlag tells whether the user's Chrome switches set name.
func hasFlag(flags []string, name string) bool {
	for _, f := range flags {
		if n, _, _ := strings.Cut(strings.TrimLeft(f, "-"), "="); n == name {
			return true
		}
	}
	return false
}

// removeProfile removes a temporary profile, trying again for a moment
// while a dying process may still write in it, and the folder a full
// browser (not the headless shell) makes in TMPDIR for its single-instance
// socket (org.chromium.Chromium.*, com.google.Chrome.*), which the profile
// links to and a killed Chrome leaves behind.
func removeProfile(dir string) {
	if sock, err := os.Readlink(filepath.Join(dir, "SingletonSocket")); err == nil && filepath.IsAbs(sock) {
		d := filepath.Dir(sock)
		for _, name := range []string{"SingletonSocket", "SingletonCookie"} {
			_ = os.Remove(filepath.Join(d, name))
		}
		_ = os.Remove(d) // only when empty: nothing else of anyone's goes
	}
	deadline := time.Now().Add(2 * time.Second)
	for os.RemoveAll(dir) != nil && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

// allocatorOptions are chromedp's defaults plus what this project's
// machines need: no sandbox as root (CodeBuild runs as root), no /dev/shm
// (small in containers), no background traffic (a closed network
// otherwise fills with refused connections) and frames in every window,
// then the user's flags.
func allocatorOptions(o Options) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	if !o.Headless {
		opts = append(opts, chromedp.VisibleWindow)
	}
	opts = append(opts,
		chromedp.ExecPath(o.ExecPath),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("disable-crash-reporter", true),
		// RenderDocument (a new frame host for every navigation, even
		// within a site) costs a third of a navigation's CPU, measured with
		// go test ./browser -bench Cost; Playwright turns it off too.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,RenderDocument"),
		chromedp.Flag("hide-scrollbars", true),
		// The reset clears every store of each visited origin ("all"), the
		// GPU shader cache on disk too, which software rendering has no
		// use for: without that cache a reset costs Chrome 27-30 ms of CPU
		// instead of 37-41 (go test ./browser -bench Cost/reset).
		chromedp.Flag("disable-gpu-shader-disk-cache", true),
		// The network service in the browser process rather than a process
		// of its own, which Chrome starts by exec (not from the zygote) and
		// the first page waits for: a one-scenario run 40-50 ms sooner, and
		// one process (29 MiB) less. chromedp's default asks for it by a
		// name Chrome no longer knows (NetworkServiceInProcess).
		chromedp.Flag("enable-features", "NetworkService,NetworkServiceInProcess2"),
		// With popups open, a window of the new headless mode stops getting
		// animation frames after a click in it (Chromium 156): the page
		// renders nothing more, a pointer action's stable check sees no
		// frame, and input waits for one. Frames from a timer instead of
		// the headless display's vsync keep every window rendering.
		chromedp.Flag("disable-gpu-vsync", true),
		chromedp.NoFirstRun,
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	if o.Width > 0 && o.Height > 0 {
		opts = append(opts, chromedp.WindowSize(o.Width, o.Height))
	}
	if len(o.Env) > 0 {
		opts = append(opts, chromedp.NoInheritEnv, chromedp.Env(o.Env...))
	}
	for _, f := range o.Flags {
		name, value, hasValue := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	return opts
}
