package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	site "github.com/kumite/kumite/demo/site"
	"github.com/kumite/kumite/internal/proctree"
)

// BenchmarkCost measures what the parts of a scenario cost Chrome: the CPU
// time of its whole process tree (browser, renderer, GPU and utility
// processes) per operation, beside the wall time. CPU time, unlike wall
// time, says the same on a busy machine; it is given per process type too.
// KUMITE_BENCH_FLAGS adds Chrome switches (space-separated), to measure one:
//
//	go test ./browser -run '^$' -bench Cost -benchtime 30x
//	KUMITE_BENCH_FLAGS=--disable-gpu go test ./browser -run '^$' -bench Cost -benchtime 30x
func BenchmarkCost(b *testing.B) {
	path, err := Find(os.Getenv("KUMITE_BROWSER"), true)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServerFS(site.FS))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	br, err := Launch(ctx, Options{ExecPath: path, Headless: true, Width: 1920, Height: 1080, Flags: strings.Fields(os.Getenv("KUMITE_BENCH_FLAGS"))})
	if err != nil {
		b.Fatal(err)
	}
	defer br.Close()
	s, err := br.NewSession(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	chrome := proctree.NewSampler(chromedp.FromContext(br.ctx).Browser.Process().Pid, "browser", false)
	open := func(page string) {
		if err := s.Navigate(ctx, srv.URL+page); err != nil {
			b.Fatal(err)
		}
	}
	ops := []struct {
		name string
		prep func()
		op   func() error
	}{
		{"open table.html", nil, func() error { return s.Navigate(ctx, srv.URL+"/table.html") }},
		{"open login.html", nil, func() error { return s.Navigate(ctx, srv.URL+"/login.html") }},
		{"reset after a page", func() { open("/table.html") }, func() error { return s.Reset(ctx) }},
		{"screenshot", func() { open("/table.html") }, func() error { _, err := s.Screenshot(ctx, false); return err }},
		{"locate and count", func() { open("/table.html") }, func() error {
			l, err := s.Locate("#products tbody tr")
			if err != nil {
				return err
			}
			_, err = l.Count(ctx)
			return err
		}},
		{"count again on the same page", nil, func() error {
			l, err := s.Locate("#products tbody tr")
			if err != nil {
				return err
			}
			_, err = l.Count(ctx)
			return err
		}},
		{"evaluate 1", func() { open("/table.html") }, func() error { _, err := s.Evaluate(ctx, "1"); return err }},
		{"fill", func() { open("/login.html") }, func() error {
			l, err := s.Locate("#username")
			if err != nil {
				return err
			}
			return l.Fill(ctx, "alice")
		}},
		{"click", func() { open("/table.html") }, func() error {
			l, err := s.Locate("{th}Price")
			if err != nil {
				return err
			}
			return l.Click(ctx)
		}},
	}
	for _, o := range ops {
		b.Run(o.name, func(b *testing.B) {
			var cpu time.Duration
			by := map[string]time.Duration{}
			for range b.N {
				b.StopTimer()
				if o.prep != nil {
					o.prep()
				}
				before := chrome.Sample()
				b.StartTimer()
				err := o.op()
				b.StopTimer()
				total, kinds := chrome.Sample().CPUSince(before)
				cpu += total
				for k, d := range kinds {
					by[k] += d
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			perOp := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(b.N) }
			b.ReportMetric(perOp(cpu), "chrome-cpu-ms/op")
			for _, k := range []string{"browser", "renderer", "gpu", "utility"} {
				b.ReportMetric(perOp(by[k]), k+"-ms/op")
			}
		})
	}
}
