package browser

import (
	"strings"
	"testing"
	"time"
)

// TestValueInputs: a date, time, color or range input takes no typing, so
// fill and type set its value and fire input and change, as Playwright's
// fill does; a value the input does not take (it would be left empty or
// clamped, and the step pass on an empty field) fails naming the format.
func TestValueInputs(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/values.html"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sel, value string
		typeIt     bool
	}{
		{"#date", "2026-03-05", false},
		{"#time", "13:45", true},
		{"#color", "#12ab34", false},
		{"#range", "7", true},
	} {
		l, _ := s.Locate(c.sel)
		var err error
		if c.typeIt {
			err = l.Type(ctx, c.value)
		} else {
			err = l.Fill(ctx, c.value)
		}
		if err != nil {
			t.Fatalf("%s %q: %v", c.sel, c.value, err)
		}
		p, err := l.Inspect(ctx, "value")
		if err != nil || p.Text != c.value {
			t.Errorf("%s holds %q (%v), want %q", c.sel, p.Text, err, c.value)
		}
	}
	log, _ := s.Locate("#log")
	if p, _ := log.Inspect(ctx, "text"); p.Text != "date=2026-03-05;time=13:45;color=#12ab34;range=7;" {
		t.Errorf("change events: %q", p.Text)
	}

	for _, c := range []struct{ sel, value, want string }{
		{"#date", "05/03/2026", `<input id="date"> does not take "05/03/2026": a date input takes YYYY-MM-DD, e.g. 2026-03-05`},
		{"#range", "70", `<input id="range"> does not take "70": it became "10"`},
	} {
		l, _ := s.Locate(c.sel)
		err := l.Fill(stepCtx(t, 2*time.Second), c.value)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("fill %s with %q: %v, want an error saying %s", c.sel, c.value, err, c.want)
		}
	}
}
