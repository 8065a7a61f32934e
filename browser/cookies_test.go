package browser

import (
	"testing"
	"time"
)

func TestCookies(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 15*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/state.html"); err != nil {
		t.Fatal(err)
	}
	names := func() map[string]string {
		t.Helper()
		cs, err := s.Cookies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, c := range cs {
			m[c.Name] = c.Value
		}
		return m
	}
	if got := names(); len(got) != 0 {
		t.Fatalf("cookies of a fresh session: %v, want none", got)
	}
	if err := s.SetCookie(ctx, Cookie{Name: "flavour", Value: "oat"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evaluate(ctx, `document.cookie = "page=set"`); err != nil {
		t.Fatal(err)
	}
	if got := names(); got["flavour"] != "oat" || got["page"] != "set" || len(got) != 2 {
		t.Errorf("cookies after setting two: %v, want flavour=oat and page=set", got)
	}
	if out, err := s.Evaluate(ctx, "document.cookie"); err != nil || out != `"flavour=oat; page=set"` {
		t.Errorf("the page sees document.cookie = %s (%v), want both", out, err)
	}
	if err := s.DeleteCookie(ctx, "flavour"); err != nil {
		t.Fatal(err)
	}
	if got := names(); len(got) != 1 || got["page"] != "set" {
		t.Errorf("cookies after deleting flavour: %v, want only page", got)
	}
	if err := s.ClearCookies(ctx); err != nil {
		t.Fatal(err)
	}
	if got := names(); len(got) != 0 {
		t.Errorf("cookies after clearing them: %v, want none", got)
	}
	if err := s.SetCookie(ctx, Cookie{Value: "x"}); err == nil {
		t.Error("SetCookie without a name: no error")
	}
}
