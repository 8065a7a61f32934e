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
