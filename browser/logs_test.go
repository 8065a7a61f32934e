package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestLogsSayWhatThePageReported: the log of a session holds a page that
// answered with an error status, a resource that failed to load, console
// errors and warnings and an uncaught exception, each with its source, and
// leaves out console.log.
func TestLogsSayWhatThePageReported(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	s.TakeLogs()
	if err := s.Navigate(ctx, srv.URL+"/no-such-page.html"); err != nil {
		t.Fatal(err)
	}
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evaluate(ctx, `const img = new Image(); img.src = "/missing.png"; document.body.append(img);
		console.log("chatty"); console.warn("careful"); console.error("broken"); setTimeout(() => { throw new Error("uncaught") }, 0); 1`); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"warning network the page answered 404 Not Found " + srv.URL + "/no-such-page.html",
		"error network Failed to load resource: the server responded with a status of 404 (Not Found) " + srv.URL + "/missing.png",
		"warning console careful",
		"error console broken",
		"error exception Uncaught Error: uncaught",
	}
	var got []string
	wait, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	err := Poll(wait, func(ctx context.Context) (bool, error) {
		for _, l := range s.TakeLogs() {
			got = append(got, fmt.Sprintf("%s %s %s %s", l.Level, l.Source, l.Text, l.URL))
		}
		all := strings.Join(got, "\n")
		for _, w := range want {
			if !strings.Contains(all, w) {
				return false, fmt.Errorf("%w: %q is not in the logs:\n%s", ErrNotYet, w, all)
			}
		}
		return true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range got {
		if strings.Contains(l, "chatty") {
			t.Errorf("console.log is in the logs: %s", l)
		}
	}
}

// TestLogsOfAStepAreThereWhenItEnds: a message the page wrote before a
// call's answer is in TakeLogs as soon as the call returns, so the report
// puts it under its step, and the last step's messages are not lost when
// the scenario ends and Reset clears the log. The messages reach kumite on
// another goroutine than the answers (chromedp's queue of console events);
// under load that one ran behind, and the CI run of TestPassFeature lost a
// scenario's console warning.
func TestLogsOfAStepAreThereWhenItEnds(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 60*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/page.html"); err != nil {
		t.Fatal(err)
	}
	s.TakeLogs()
	missed := 0
	for i := range 300 {
		if _, err := s.Evaluate(ctx, fmt.Sprintf(`console.warn("message %d"); 1`, i)); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("message %d", i)
		logs := s.TakeLogs()
		if len(logs) == 0 || logs[len(logs)-1].Text != want {
			missed++
			// Let the late one arrive, so it is not taken as the next one's.
			time.Sleep(50 * time.Millisecond)
			s.TakeLogs()
		}
	}
	if missed > 0 {
		t.Errorf("%d of 300 console messages were not in the logs when the call that wrote them returned", missed)
	}
}
