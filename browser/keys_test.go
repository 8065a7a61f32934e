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

// TestTypeGivesEveryKeyEvent: typing gives, for each character, the
// trusted keydown, keypress, beforeinput, input and keyup a keyboard
// gives, in that order, with the fields a page reads (key, code, keyCode,
// charCode, which, Shift), the value changing at the input event; a
// character that is on no key (é) gives its keydown "Unidentified". A
// keydown the page refuses (preventDefault) types nothing, as on a
// keyboard.
func TestTypeGivesEveryKeyEvent(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/typing.html"); err != nil {
		t.Fatal(err)
	}
	field, _ := s.Locate("#field")
	if err := field.Type(ctx, "aZ1 !é"); err != nil {
		t.Fatal(err)
	}
	raw, err := s.Evaluate(ctx, `events.join("\n")`)
	if err != nil {
		t.Fatal(err)
	}
	var got string
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(`
keydown trusted "a" KeyA 65 0 65 - - "x"
keypress trusted "a" KeyA 97 97 97 - - "x"
beforeinput trusted insertText "a" "x"
input trusted insertText "a" "xa"
keyup trusted "a" KeyA 65 0 65 - - "xa"
keydown trusted "Z" KeyZ 90 0 90 S - "xa"
keypress trusted "Z" KeyZ 90 90 90 S - "xa"
beforeinput trusted insertText "Z" "xa"
input trusted insertText "Z" "xaZ"
keyup trusted "Z" KeyZ 90 0 90 S - "xaZ"
keydown trusted "1" Digit1 49 0 49 - - "xaZ"
keypress trusted "1" Digit1 49 49 49 - - "xaZ"
beforeinput trusted insertText "1" "xaZ"
input trusted insertText "1" "xaZ1"
keyup trusted "1" Digit1 49 0 49 - - "xaZ1"
keydown trusted " " Space 32 0 32 - - "xaZ1"
keypress trusted " " Space 32 32 32 - - "xaZ1"
beforeinput trusted insertText " " "xaZ1"
input trusted insertText " " "xaZ1 "
keyup trusted " " Space 32 0 32 - - "xaZ1 "
keydown trusted "!" Digit1 49 0 49 S - "xaZ1 "
keypress trusted "!" Digit1 33 33 33 S - "xaZ1 "
beforeinput trusted insertText "!" "xaZ1 "
input trusted insertText "!" "xaZ1 !"
keyup trusted "!" Digit1 49 0 49 S - "xaZ1 !"
keydown trusted "Unidentified"  0 0 0 - - "xaZ1 !"
keypress trusted "Unidentified"  233 233 233 - - "xaZ1 !"
beforeinput trusted insertText "é" "xaZ1 !"
input trusted insertText "é" "xaZ1 !é"
keyup trusted "Unidentified"  0 0 0 - - "xaZ1 !é"`)
	if got != want {
		t.Errorf("typing aZ1 !é gave the events\n%s\nwant\n%s", got, want)
	}

	letters, _ := s.Locate("#letters")
	if err := letters.Type(ctx, "a1b2"); err != nil {
		t.Fatal(err)
	}
	p, err := letters.Inspect(ctx, "value")
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != "ab" {
		t.Errorf("typing a1b2 into a field that refuses digits at keydown gave %q, want \"ab\"", p.Text)
	}
	// Pressing a key is the same keyboard: a refused keydown types nothing.
	for _, key := range []string{"7", "c", "0"} {
		if err := letters.Press(ctx, key); err != nil {
			t.Fatal(err)
		}
	}
	if p, err = letters.Inspect(ctx, "value"); err != nil {
		t.Fatal(err)
	}
	if p.Text != "abc" {
		t.Errorf("pressing 7, c and 0 in a field that refuses digits at keydown gave %q, want \"abc\"", p.Text)
	}
}

// TestOnPasswordBeforeTheText: Fill, Type and Press call the locator's
// OnPassword when the element is a password field (whatever the case of
// its type attribute), after the focus and before the text or key goes
// out, and not for another field.
func TestOnPasswordBeforeTheText(t *testing.T) {
	srv := testServer(t)
	s := testSession(t)
	ctx := stepCtx(t, 20*time.Second)
	if err := s.Navigate(ctx, srv.URL+"/typing.html"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		loc      string
		password bool
	}{{"#pw", true}, {"#field", false}} {
		for name, act := range map[string]func(l *Locator) error{
			"fill":  func(l *Locator) error { return l.Fill(ctx, "s3cret") },
			"type":  func(l *Locator) error { return l.Type(ctx, "s3cret") },
			"press": func(l *Locator) error { return l.Press(ctx, "x") },
		} {
			if _, err := s.Evaluate(ctx, `document.querySelector("#pw").value = document.querySelector("#field").value = ""`); err != nil {
				t.Fatal(err)
			}
			l, _ := s.Locate(tt.loc)
			var seen []string
			err := act(l.OnPassword(func() {
				v, err := s.Evaluate(ctx, `document.activeElement.id + " " + document.activeElement.value`)
				if err != nil {
					t.Error(err)
				}
				seen = append(seen, v)
			}))
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.password && (len(seen) != 1 || seen[0] != `"pw "`):
				t.Errorf("%s %s: OnPassword saw %v, want once, the field focused and still empty", name, tt.loc, seen)
			case !tt.password && len(seen) != 0:
				t.Errorf("%s %s: OnPassword called (%v) for a field that is no password field", name, tt.loc, seen)
			}
		}
	}
}
