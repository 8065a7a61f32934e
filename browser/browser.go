package browser

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

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

	mu        sync.Mutex
	firstUsed bool // the first tab belongs to a session
}

// Launch starts Chrome (or attaches to opts.Remote) and waits until it
// answers. Its life is not bound to ctx, which only limits the start:
// Close ends it.
func Launch(ctx context.Context, opts Options) (*Browser, error) {
	var allocCtx context.Context
	var cancelAlloc context.CancelFunc
	if opts.Remote != "" {
		allocCtx, cancelAlloc = remote.NewAllocator(context.Background(), opts.Remote)
	} else {
		allocCtx, cancelAlloc = chromedp.NewExecAllocator(context.Background(), allocatorOptions(opts)...)
	}
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	b := &Browser{opts: opts, ctx: tabCtx, cancel: func() { cancelTab(); cancelAlloc() }}

	started := make(chan error, 1)
	go func() { started <- chromedp.Do(tabCtx) }()
	select {
	case err := <-started:
		if err != nil {
			b.cancel()
			if opts.Remote != "" {
				return nil, fmt.Errorf("attach to Chrome at %s: %w", opts.Remote, err)
			}
			return nil, fmt.Errorf("start %s: %w", opts.ExecPath, err)
		}
	case <-ctx.Done():
		b.cancel()
		return nil, fmt.Errorf("start %s: %w", opts.ExecPath, ctx.Err())
	}
	v, err := chromedp.CallBrowser(tabCtx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		b.cancel()
		return nil, fmt.Errorf("ask Chrome for its version: %w", err)
	}
	b.version = v.Product
	return b, nil
}

// Version is the browser's product string, e.g. "HeadlessChrome/156.0.8078.79".
func (b *Browser) Version() string { return b.version }

// Binary is the program kumite started, or "" for a remote browser.
func (b *Browser) Binary() string { return b.opts.ExecPath }

// Close ends the browser (or detaches from a remote one) and waits for its
// processes to exit. A launched Chrome is killed rather than asked to
// close: its profile is temporary and nothing in it needs saving.
func (b *Browser) Close() {
	b.cancel()
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
