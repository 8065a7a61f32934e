package browser

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// TestPollTimeoutSaysWhatItSaw: a wait that runs out of time says what it
// saw last, or that the page never answered.
func TestPollTimeoutSaysWhatItSaw(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	n := 0
	err := Poll(ctx, func(context.Context) (bool, error) {
		n++
		return false, fmt.Errorf("%w: %d elements match", ErrNotYet, n)
	})
	if !errors.Is(err, ErrTimeout) || err.Error() != fmt.Sprintf("timed out: %d elements match", n) {
		t.Errorf("Poll that never holds = %v after %d checks", err, n)
	}

	done, stop := context.WithCancel(context.Background())
	stop()
	err = Poll(done, func(ctx context.Context) (bool, error) { return false, ctx.Err() })
	if !errors.Is(err, ErrTimeout) || err.Error() != "timed out before the page answered" {
		t.Errorf("Poll whose time ran out before a check = %v", err)
	}

	err = Poll(context.Background(), func(context.Context) (bool, error) { return false, errors.New("invalid locator") })
	if err == nil || errors.Is(err, ErrTimeout) || err.Error() != "invalid locator" {
		t.Errorf("Poll with an error a retry cannot fix = %v, want it at once", err)
	}
}

// TestSessionPollOnAChangingPage: Session.Poll checks again when the page
// changes, also on a page that changes every few milliseconds (a spinner
// driven by a timer), and finds what appears; once the wait has lasted
// 170 ms, such a page is checked at most every 50 ms, not at each change.
func TestSessionPollOnAChangingPage(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/changing.html"); err != nil {
		t.Fatal(err)
	}
	done, _ := s.Locate("#done")
	if err := done.WaitFor(ctx, Visible); err != nil {
		t.Fatalf("wait for what appears on a page that keeps changing: %v", err)
	}

	wctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	checks := 0
	err := s.Poll(wctx, func(context.Context) (bool, error) {
		checks++
		return false, fmt.Errorf("%w: never", ErrNotYet)
	})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("a wait that never holds = %v", err)
	}
	// 4 checks in the first 170 ms, then at most one per 50 ms: 21.
	if checks > 30 {
		t.Errorf("a 1 s wait on a page that changes every 4 ms checked %d times, want at most 30", checks)
	}
}
