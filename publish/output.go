package publish

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// output prints what publish does and keeps the counts of the summary.
// Every method is safe for the pool's goroutines.
type output struct {
	stdout, stderr io.Writer
	verbose        bool
	progress       bool // stderr is a terminal: draw a live counter

	mu                 sync.Mutex
	uploads, deletes   int
	bytes              int64
	unchanged, failure int
	total              [2]int // uploads and deletes planned in the current phase
	done               [2]int
}

// uploaded records one object written.
func (o *output) uploaded(url string, size int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.uploads++
	o.bytes += size
	o.done[0]++
	if o.verbose {
		fmt.Fprintf(o.stdout, "upload %s (%s)\n", url, formatBytes(size))
	}
}

// deleted records one object removed.
func (o *output) deleted(url string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.deletes++
	o.done[1]++
	if o.verbose {
		fmt.Fprintf(o.stdout, "delete %s\n", url)
	}
}

// wouldUpload and wouldDelete list what a dry run would do: always, since
// that list is what a dry run is for.
func (o *output) wouldUpload(url string, size int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.uploads++
	o.bytes += size
	fmt.Fprintf(o.stdout, "would upload %s (%s)\n", url, formatBytes(size))
}

func (o *output) wouldDelete(url string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.deletes++
	fmt.Fprintf(o.stdout, "would delete %s\n", url)
}

// same records objects that already hold their file.
func (o *output) same(n int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.unchanged += n
}

// failed prints one failed transfer; the first few only, so that a dead
// endpoint does not print thousands of lines.
func (o *output) failed(err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.failure++
	switch {
	case o.failure <= 10:
		fmt.Fprintf(o.stderr, "%s%v\n", o.clearLine(), err)
	case o.failure == 11:
		fmt.Fprintf(o.stderr, "%s(more failures not shown)\n", o.clearLine())
	}
}

// warn prints a warning that does not stop the publish.
func (o *output) warn(msg string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	fmt.Fprintf(o.stderr, "%swarning: %s\n", o.clearLine(), msg)
}

func (o *output) clearLine() string {
	if o.progress {
		return "\r\033[K"
	}
	return ""
}

// startProgress draws "uploaded 120/2000, deleted 0/3" on a terminal
// every tenth of a second until the returned func is called.
func (o *output) startProgress(uploads, deletes int) (stop func()) {
	o.mu.Lock()
	o.total, o.done = [2]int{uploads, deletes}, [2]int{}
	o.mu.Unlock()
	if !o.progress || uploads+deletes == 0 {
		return func() {}
	}
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				fmt.Fprint(o.stderr, "\r\033[K")
				return
			case <-tick.C:
				o.mu.Lock()
				fmt.Fprintf(o.stderr, "\r\033[Kuploaded %d/%d, deleted %d/%d", o.done[0], o.total[0], o.done[1], o.total[1])
				o.mu.Unlock()
			}
		}
	}()
	return func() { close(quit); <-finished }
}

// formatBytes writes a size the way people read it: 512 B, 1.5 KiB, 3.2 MiB.
func formatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
