package runner

import (
	"context"
	"sync"
	"time"

	"github.com/kumite/kumite/browser"
)

// worker is one lane of the run: a warm, isolated browser session that
// runs one scenario at a time.
type worker struct {
	id      int
	session *browser.Session
	used    bool // ran a scenario since its last reset
}

// pool hands out workers. It makes sessions lazily, up to size, and resets
// a session between scenarios instead of making a new one: a renderer
// start is the most expensive thing a scenario can pay for (DESIGN.md
// "Performance notes"). The reset happens when a used session is handed
// out again, so the last scenario of a run pays none; a session whose
// reset fails is replaced.
type pool struct {
	b    *browser.Browser
	size int

	mu   sync.Mutex
	free []*worker
	ids  []bool // ids[i]: worker id i+1 is in use or free (exists)
	all  map[*worker]bool
	wait chan struct{}
}

func newPool(b *browser.Browser, size int) *pool {
	return &pool{b: b, size: max(1, size), ids: make([]bool, max(1, size)), all: map[*worker]bool{}, wait: make(chan struct{}, 1)}
}

// acquire returns a free worker, making one when fewer than size exist.
func (p *pool) acquire(ctx context.Context) (*worker, error) {
	for {
		p.mu.Lock()
		if n := len(p.free); n > 0 {
			w := p.free[n-1]
			p.free = p.free[:n-1]
			p.mu.Unlock()
			if !w.used {
				return w, nil
			}
			rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err := w.session.Reset(rctx)
			cancel()
			if err == nil {
				w.used = false
				return w, nil
			}
			p.discard(w)
			continue
		}
		id := 0
		for i, used := range p.ids {
			if !used {
				id = i + 1
				p.ids[i] = true
				break
			}
		}
		p.mu.Unlock()
		if id > 0 {
			sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			s, err := p.b.NewSession(sctx)
			cancel()
			if err != nil {
				p.mu.Lock()
				p.ids[id-1] = false
				p.mu.Unlock()
				return nil, err
			}
			w := &worker{id: id, session: s}
			p.mu.Lock()
			p.all[w] = true
			p.mu.Unlock()
			return w, nil
		}
		select {
		case <-p.wait:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// release hands w back; it is reset when it is next acquired.
func (p *pool) release(w *worker) {
	w.used = true
	p.mu.Lock()
	p.free = append(p.free, w)
	p.mu.Unlock()
	p.signal()
}

// discard closes a session that cannot be reused and frees its id.
func (p *pool) discard(w *worker) {
	p.mu.Lock()
	delete(p.all, w)
	p.ids[w.id-1] = false
	p.mu.Unlock()
	w.session.Close()
	p.signal()
}

func (p *pool) signal() {
	select {
	case p.wait <- struct{}{}:
	default:
	}
}

// close ends every session.
func (p *pool) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for w := range p.all {
		w.session.Close()
	}
	p.all = map[*worker]bool{}
	p.free = nil
}
