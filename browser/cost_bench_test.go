package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	site "github.com/kumite/kumite/demo/site"
)

// BenchmarkCost measures what the parts of a scenario cost Chrome: the CPU
// time of its whole process tree (browser, renderer, GPU and utility
// processes) per operation, beside the wall time. CPU time, unlike wall
// time, says the same on a busy machine. KUMITE_BENCH_FLAGS adds Chrome
// switches (space-separated), to measure one:
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
	chrome := chromedp.FromContext(br.ctx).Browser.Process().Pid
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
			for range b.N {
				b.StopTimer()
				if o.prep != nil {
					o.prep()
				}
				before := treeCPU(chrome)
				b.StartTimer()
				err := o.op()
				b.StopTimer()
				cpu += treeCPU(chrome) - before
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "chrome-cpu-ms/op")
		})
	}
}

// treeCPU is the CPU time (user+system) the processes under and including
// root have used so far.
func treeCPU(root int) time.Duration {
	children := map[int][]int{}
	ticks := map[int]int64{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		st := string(stat)
		f := strings.Fields(st[strings.LastIndexByte(st, ')')+1:])
		if len(f) <= 12 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		u, _ := strconv.ParseInt(f[11], 10, 64)
		sy, _ := strconv.ParseInt(f[12], 10, 64)
		children[ppid] = append(children[ppid], pid)
		ticks[pid] = u + sy
	}
	var total int64
	stack := []int{root}
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		total += ticks[pid]
		stack = append(stack, children[pid]...)
	}
	return time.Duration(total) * time.Second / 100
}
