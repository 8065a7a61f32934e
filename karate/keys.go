package karate

import (
	"regexp"
	"strings"

	"github.com/dop251/goja"
)

// webDriverKeys are Karate's Key constants: WebDriver's private-use
// characters, with the key name kumite's browser presses for each; v1's
// names and Karate 2's (Keys.java: BACKSPACE, COMMAND, SEMICOLON, EQUALS).
var webDriverKeys = []struct {
	name, char, press string
}{
	{"NULL", "\uE000", ""}, {"CANCEL", "\uE001", ""}, {"HELP", "\uE002", ""},
	{"BACK_SPACE", "\uE003", "Backspace"}, {"TAB", "\uE004", "Tab"}, {"CLEAR", "\uE005", ""},
	{"RETURN", "\uE006", "Enter"}, {"ENTER", "\uE007", "Enter"}, {"SHIFT", "\uE008", "Shift"},
	{"CONTROL", "\uE009", "Control"}, {"ALT", "\uE00A", "Alt"}, {"PAUSE", "\uE00B", ""},
	{"ESCAPE", "\uE00C", "Escape"}, {"SPACE", "\uE00D", "Space"}, {"PAGE_UP", "\uE00E", "PageUp"},
	{"PAGE_DOWN", "\uE00F", "PageDown"}, {"END", "\uE010", "End"}, {"HOME", "\uE011", "Home"},
	{"LEFT", "\uE012", "ArrowLeft"}, {"UP", "\uE013", "ArrowUp"}, {"RIGHT", "\uE014", "ArrowRight"},
	{"DOWN", "\uE015", "ArrowDown"}, {"INSERT", "\uE016", "Insert"}, {"DELETE", "\uE017", "Delete"},
	{"F1", "\uE031", "F1"}, {"F2", "\uE032", "F2"}, {"F3", "\uE033", "F3"}, {"F4", "\uE034", "F4"},
	{"F5", "\uE035", "F5"}, {"F6", "\uE036", "F6"}, {"F7", "\uE037", "F7"}, {"F8", "\uE038", "F8"},
	{"F9", "\uE039", "F9"}, {"F10", "\uE03A", "F10"}, {"F11", "\uE03B", "F11"}, {"F12", "\uE03C", "F12"},
	{"META", "\uE03D", "Meta"},
	{"BACKSPACE", "\uE003", "Backspace"}, {"SEMICOLON", "\uE018", ";"}, {"EQUALS", "\uE019", "="},
	{"COMMAND", "\uE03D", "Meta"},
}

// keyObject is Karate's Key: Key.ENTER and the others (ARROW_LEFT and
// friends are aliases of LEFT...).
func keyObject(rt *goja.Runtime) *goja.Object {
	k := rt.NewObject()
	for _, key := range webDriverKeys {
		_ = k.Set(key.name, key.char)
		if strings.Contains("LEFT UP RIGHT DOWN", key.name) {
			_ = k.Set("ARROW_"+key.name, key.char)
		}
	}
	return k
}

// chunk is a run of text to type, or one key (with modifiers) to press.
type chunk struct{ text, key string }

// splitKeys splits what input() was given into text to type and keys to
// press: "abc" + Key.ENTER is "abc" then Enter; Key.CONTROL + 'a' is
// Control+a.
func splitKeys(s string) []chunk {
	press := map[rune]string{}
	for _, k := range webDriverKeys {
		press[[]rune(k.char)[0]] = k.press
	}
	var out []chunk
	var text strings.Builder
	var mods []string
	flush := func() {
		if text.Len() > 0 {
			out = append(out, chunk{text: text.String()})
			text.Reset()
		}
	}
	for _, r := range s {
		name, isKey := press[r]
		switch {
		case isKey && (name == "Shift" || name == "Control" || name == "Alt" || name == "Meta"):
			flush()
			mods = append(mods, name)
		case isKey:
			flush()
			if name != "" {
				out = append(out, chunk{key: strings.Join(append(mods, name), "+")})
			}
			mods = nil
		case len(mods) > 0:
			flush()
			out = append(out, chunk{key: strings.Join(append(mods, string(r)), "+")})
			mods = nil
		default:
			text.WriteRune(r)
		}
	}
	flush()
	return out
}

var identifierRe = regexp.MustCompile(`^[A-Za-z_$][\w$]*$`)

func isIdentifier(s string) bool { return identifierRe.MatchString(s) }
