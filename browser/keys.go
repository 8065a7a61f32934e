package browser

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// namedKeys maps the key names a feature may use to chromedp's key runes.
var namedKeys = map[string]string{
	"Enter": kb.Enter, "Tab": kb.Tab, "Escape": kb.Escape, "Backspace": kb.Backspace,
	"Delete": kb.Delete, "Space": " ", "ArrowUp": kb.ArrowUp, "ArrowDown": kb.ArrowDown,
	"ArrowLeft": kb.ArrowLeft, "ArrowRight": kb.ArrowRight, "Home": kb.Home, "End": kb.End,
	"PageUp": kb.PageUp, "PageDown": kb.PageDown, "Insert": kb.Insert,
	"F1": kb.F1, "F2": kb.F2, "F3": kb.F3, "F4": kb.F4, "F5": kb.F5, "F6": kb.F6,
	"F7": kb.F7, "F8": kb.F8, "F9": kb.F9, "F10": kb.F10, "F11": kb.F11, "F12": kb.F12,
}

// modifierKeys maps modifier names (and their aliases) to the protocol's
// modifier bits and the key that is held.
var modifierKeys = map[string]struct {
	bit chromedp.Modifier
	key string
}{
	"Control": {chromedp.ModifierCtrl, kb.Control}, "Ctrl": {chromedp.ModifierCtrl, kb.Control},
	"Shift": {chromedp.ModifierShift, kb.Shift}, "Alt": {chromedp.ModifierAlt, kb.Alt},
	"Meta": {chromedp.ModifierMeta, kb.Meta}, "Command": {chromedp.ModifierMeta, kb.Meta},
}

// parseKey splits "Control+Shift+A" into its modifiers and the main key's
// rune. A single printable character is a key of its own.
func parseKey(spec string) (mods []string, key rune, err error) {
	parts := strings.Split(spec, "+")
	if strings.HasSuffix(spec, "++") || spec == "+" {
		parts = append(strings.Split(strings.TrimSuffix(spec, "++"), "+"), "+")
	}
	last := parts[len(parts)-1]
	for _, m := range parts[:len(parts)-1] {
		if _, ok := modifierKeys[m]; !ok {
			return nil, 0, fmt.Errorf("key %q: %q is not a modifier (use Control, Shift, Alt or Meta)", spec, m)
		}
		mods = append(mods, m)
	}
	if r, ok := namedKeys[last]; ok {
		return mods, []rune(r)[0], nil
	}
	if m, ok := modifierKeys[last]; ok {
		return mods, []rune(m.key)[0], nil
	}
	if rs := []rune(last); len(rs) == 1 {
		return mods, rs[0], nil
	}
	names := make([]string, 0, len(namedKeys))
	for n := range namedKeys {
		names = append(names, n)
	}
	sort.Strings(names)
	return nil, 0, fmt.Errorf("unknown key %q: use a single character or one of %s, with modifiers like Control+A", last, strings.Join(names, ", "))
}

func validKey(spec string) error {
	_, _, err := parseKey(spec)
	return err
}

// pressKey holds the modifiers, presses and releases the key, and releases
// the modifiers, as a person would.
func pressKey(ctx context.Context, t *chromedp.Target, spec string) error {
	mods, r, err := parseKey(spec)
	if err != nil {
		return err
	}
	var bits chromedp.Modifier
	send := func(p *input.DispatchKeyEventParams) error {
		p.Modifiers = int64(bits)
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *p)
		return err
	}
	for _, m := range mods {
		mk := modifierKeys[m]
		bits |= mk.bit
		if err := send(kb.Encode([]rune(mk.key)[0])[0]); err != nil {
			return err
		}
	}
	for _, ev := range keyEvents(r, bits) {
		if err := send(ev); err != nil {
			return err
		}
	}
	for i := len(mods) - 1; i >= 0; i-- {
		mk := modifierKeys[mods[i]]
		bits &^= mk.bit
		evs := kb.Encode([]rune(mk.key)[0])
		if err := send(evs[len(evs)-1]); err != nil {
			return err
		}
	}
	return nil
}

// keyEvents are the events of pressing the key r names on a US keyboard
// while the modifiers bits are held, as a physical keyboard gives them:
// a letter names its key, so "A" and "a" are the same key, which gives
// "a", and "A" only with Shift; Shift+1 gives "!". With Control, Alt or
// Meta held a key types nothing, and keyCode is the key's, not the
// character's (65 for a and A).
func keyEvents(r rune, bits chromedp.Modifier) []*input.DispatchKeyEventParams {
	shift := bits&chromedp.ModifierShift != 0
	if unicode.IsLetter(r) && r < unicode.MaxASCII {
		r = unicode.ToLower(r)
		if shift {
			r = unicode.ToUpper(r)
		}
	} else if s, ok := shifted[r]; ok && shift {
		r = s
	}
	evs := kb.Encode(r)
	for _, ev := range evs {
		if unicode.IsLetter(r) && r < unicode.MaxASCII && ev.Type != kb.KeyChar {
			// kb gives the character's code (97 for a); a keyboard gives the key's.
			ev.WindowsVirtualKeyCode = int64(unicode.ToUpper(r))
			ev.NativeVirtualKeyCode = ev.WindowsVirtualKeyCode
		}
	}
	if bits&^chromedp.ModifierShift == 0 {
		return textOnKeyDown(evs)
	}
	// With Control, Alt or Meta held a key types nothing (chromedp does the
	// same); the editing command of a shortcut is named, which headless
	// Chrome does not derive from the key (Puppeteer passes these too).
	var out []*input.DispatchKeyEventParams
	for _, ev := range evs {
		switch ev.Type {
		case kb.KeyChar:
			continue
		case kb.KeyDown:
			ev.Text, ev.UnmodifiedText = "", ""
			ev.Type = input.DispatchKeyEventTypeRawKeyDown
			ev.Commands = editCommand(r, bits)
		}
		out = append(out, ev)
	}
	return out
}

// shifted maps a key's unshifted character to what it types with Shift on
// a US keyboard ('1' to '!'), from chromedp's key table.
var shifted = func() map[rune]rune {
	byCode := map[string]rune{}
	for r, k := range kb.Keys {
		if k.Shift && k.Print && k.Code != "" && !unicode.IsLetter(r) {
			byCode[k.Code] = r
		}
	}
	m := map[rune]rune{}
	for r, k := range kb.Keys {
		if s, ok := byCode[k.Code]; ok && !k.Shift && k.Print && !unicode.IsLetter(r) {
			m[r] = s
		}
	}
	return m
}()

// editCommand names the editing command of a shortcut, which headless
// Chrome does not derive from the key itself (Puppeteer passes these too).
func editCommand(r rune, bits chromedp.Modifier) []string {
	if bits&(chromedp.ModifierCtrl|chromedp.ModifierMeta) == 0 {
		return nil
	}
	switch r {
	case 'a', 'A':
		return []string{"selectAll"}
	case 'c', 'C':
		return []string{"copy"}
	case 'x', 'X':
		return []string{"cut"}
	case 'v', 'V':
		return []string{"paste"}
	case 'z', 'Z':
		return []string{"undo"}
	}
	return nil
}

// typeKeys types text with real key events, one character after another,
// as Playwright's type does: a keyDown that carries the character's text,
// from which Chrome gives the page keydown, keypress, beforeinput and
// input, then a keyUp. Two round trips per character; chromedp's KeyEvent
// sends the character as an event of its own, three.
func typeKeys(ctx context.Context, t *chromedp.Target, text string) error {
	for _, r := range text {
		for _, ev := range textOnKeyDown(kb.Encode(r)) {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *ev); err != nil {
				return err
			}
		}
	}
	return nil
}

// textOnKeyDown folds the char event of a printable key (keyDown, char,
// keyUp, as chromedp's kb gives them) into its keyDown: a keydown the page
// refuses (preventDefault) then types nothing, as on a keyboard, where a
// char event of its own would type it anyway.
func textOnKeyDown(evs []*input.DispatchKeyEventParams) []*input.DispatchKeyEventParams {
	if len(evs) != 3 {
		return evs
	}
	down := *evs[0]
	down.Text, down.UnmodifiedText = evs[1].Text, evs[1].UnmodifiedText
	return []*input.DispatchKeyEventParams{&down, evs[2]}
}
