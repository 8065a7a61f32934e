package browser

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestPressIsAPhysicalKeyboard: I press "Control+A" sends the A key with
// Control held (key "a", ctrlKey), as a keyboard does; Shift+A types "A";
// the fields key, code and keyCode are what a real keyboard gives.
func TestPressIsAPhysicalKeyboard(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/keys.html"); err != nil {
		t.Fatal(err)
	}
	field, _ := s.Locate("#field")
	for _, c := range []struct {
		key    string
		events []string // the main key's events (modifier keys left out)
		value  string   // the field's value after, "" for not checked
	}{
		{"a", []string{`keydown "a" KeyA 65 `, `keypress "a" KeyA 97 `, `keyup "a" KeyA 65 `}, "helloa"},
		{"A", []string{`keydown "a" KeyA 65 `, `keypress "a" KeyA 97 `, `keyup "a" KeyA 65 `}, "helloa"},
		{"Shift+A", []string{`keydown "A" KeyA 65 S`, `keypress "A" KeyA 65 S`, `keyup "A" KeyA 65 S`}, "helloA"},
		{"Shift+a", []string{`keydown "A" KeyA 65 S`, `keypress "A" KeyA 65 S`, `keyup "A" KeyA 65 S`}, "helloA"},
		{"Control+A", []string{`keydown "a" KeyA 65 C`, `keyup "a" KeyA 65 C`}, "hello"},
		{"Control+Shift+K", []string{`keydown "K" KeyK 75 CS`, `keyup "K" KeyK 75 CS`}, "hello"},
		{"Meta+K", []string{`keydown "k" KeyK 75 M`, `keyup "k" KeyK 75 M`}, "hello"},
		{"Alt+K", []string{`keydown "k" KeyK 75 A`, `keyup "k" KeyK 75 A`}, "hello"},
		{"Shift+1", []string{`keydown "!" Digit1 49 S`, `keypress "!" Digit1 33 S`, `keyup "!" Digit1 49 S`}, "hello!"},
		{"1", []string{`keydown "1" Digit1 49 `, `keypress "1" Digit1 49 `, `keyup "1" Digit1 49 `}, "hello1"},
		{"Enter", []string{`keydown "Enter" Enter 13 `, `keypress "Enter" Enter 13 `, `keyup "Enter" Enter 13 `}, "hello"},
		{"Shift+Tab", []string{`keydown "Tab" Tab 9 S`, `keyup "Tab" Tab 9 S`}, ""},
	} {
		if err := field.Fill(ctx, "hello"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Evaluate(ctx, `events = []; 1`); err != nil {
			t.Fatal(err)
		}
		if err := field.Press(ctx, c.key); err != nil {
			t.Fatalf("press %s: %v", c.key, err)
		}
		raw, err := s.Evaluate(ctx, `JSON.stringify([events, document.getElementById("field").value])`)
		if err != nil {
			t.Fatal(err)
		}
		var js string
		var got struct {
			events []string
			value  string
		}
		var pair []json.RawMessage
		if json.Unmarshal([]byte(raw), &js) != nil || json.Unmarshal([]byte(js), &pair) != nil ||
			json.Unmarshal(pair[0], &got.events) != nil || json.Unmarshal(pair[1], &got.value) != nil {
			t.Fatalf("bad answer %s", raw)
		}
		var main []string
		for _, e := range got.events {
			if !strings.Contains(e, `"Control"`) && !strings.Contains(e, `"Shift"`) && !strings.Contains(e, `"Alt"`) && !strings.Contains(e, `"Meta"`) {
				main = append(main, e)
			}
		}
		if strings.Join(main, " | ") != strings.Join(c.events, " | ") {
			t.Errorf("press %s: events\n  %s\nwant\n  %s", c.key, strings.Join(main, " | "), strings.Join(c.events, " | "))
		}
		if c.value != "" && got.value != c.value {
			t.Errorf("press %s: the field holds %q, want %q", c.key, got.value, c.value)
		}
	}

	// Control+A selects all: typing then replaces the text.
	if err := field.Fill(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	if err := field.Press(ctx, "Control+A"); err != nil {
		t.Fatal(err)
	}
	if err := field.Press(ctx, "x"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Evaluate(ctx, `document.getElementById("field").value`); got != `"x"` {
		t.Errorf("Control+A then x: the field holds %s, want \"x\"", got)
	}
	// An app's Control+K shortcut reacts.
	if err := s.Press(ctx, "Control+K"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Evaluate(ctx, `document.getElementById("palette").hidden`); got != "false" {
		t.Errorf("Control+K did not open the command palette")
	}
}
