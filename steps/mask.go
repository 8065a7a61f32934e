package steps

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maskSecrets replaces in s every secret of list (longest first) by Mask,
// in any form a page, a URL or a log gives it: each character raw,
// percent-encoded in either hex case ('+' too for a space, as forms send
// it), JSON-escaped (\", \\, \/, \n, \uXXXX) or HTML-escaped (&amp;
// &quot; &apos; &#39; &#x27; ...). Characters are decoded one by one, so
// mixed forms are hidden too: Chrome encodes only the space of
// "p@ss w0rd" in a URL, Go's JSON only the "&". It reads s once, in time
// proportional to its length.
func maskSecrets(s string, list [][]rune) string {
	if len(list) == 0 {
		return s
	}
	for _, secret := range list { // the raw form, whatever it holds
		s = strings.ReplaceAll(s, string(secret), Mask)
	}
	var b strings.Builder
	last := 0 // s[last:i] is not written yet
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != '%' && c != '\\' && c != '&' && c != '+' && !startsAny(rune(c), list) {
			i++ // the common case: a plain ASCII character no secret starts with
			continue
		}
		if n := matchAt(s, i, list); n > 0 {
			b.WriteString(s[last:i])
			b.WriteString(Mask)
			i += n
			last = i
			continue
		}
		_, size := decodeAt(s, i)
		i += size
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// startsAny tells whether a secret of list starts with r.
func startsAny(r rune, list [][]rune) bool {
	for _, secret := range list {
		if secret[0] == r {
			return true
		}
	}
	return false
}

// matchAt returns the length of the first secret of list that s holds at
// i in some encoding, or 0.
func matchAt(s string, i int, list [][]rune) int {
	first, _ := decodeAt(s, i)
	for _, secret := range list {
		if !same(first, secret[0]) {
			continue
		}
		j := i
		k := 0
		for ; k < len(secret) && j < len(s); k++ {
			u, size := decodeAt(s, j)
			if !same(u, secret[k]) {
				break
			}
			j += size
		}
		if k == len(secret) {
			return j - i
		}
	}
	return 0
}

// unit is one character of the text as read, decoded.
type unit struct {
	r    rune
	plus bool // a raw '+': a space in a form's encoding, or a plus
}

func same(u unit, r rune) bool { return u.r == r || u.plus && r == ' ' }

// decodeAt reads one character of s at i, decoding a percent-encoded
// UTF-8 sequence, a JSON escape or an HTML character reference, and
// returns it with the bytes it took.
func decodeAt(s string, i int) (unit, int) {
	switch s[i] {
	case '%':
		if r, n := percentAt(s, i); n > 0 {
			return unit{r: r}, n
		}
	case '\\':
		if r, n := jsonEscapeAt(s, i); n > 0 {
			return unit{r: r}, n
		}
	case '&':
		if r, n := entityAt(s, i); n > 0 {
			return unit{r: r}, n
		}
	case '+':
		return unit{r: '+', plus: true}, 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return unit{r: r}, n
}

// percentAt decodes %XX (and the %XX that follow for a UTF-8 sequence).
func percentAt(s string, i int) (rune, int) {
	var buf [utf8.UTFMax]byte
	n := 0
	j := i
	for n < utf8.UTFMax && j+2 < len(s) && s[j] == '%' {
		v, err := strconv.ParseUint(s[j+1:j+3], 16, 8)
		if err != nil {
			break
		}
		buf[n] = byte(v)
		n++
		j += 3
		if utf8.FullRune(buf[:n]) {
			r, size := utf8.DecodeRune(buf[:n])
			if r == utf8.RuneError && size <= 1 {
				return 0, 0
			}
			return r, j - i
		}
	}
	return 0, 0
}

// jsonShort is the character of JSON's two-character escape \c.
func jsonShort(c byte) (rune, bool) {
	switch c {
	case '"', '\\', '/':
		return rune(c), true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	}
	return 0, false
}

// jsonEscapeAt decodes \X and \uXXXX (a surrogate pair as one character).
func jsonEscapeAt(s string, i int) (rune, int) {
	if i+1 >= len(s) {
		return 0, 0
	}
	if r, ok := jsonShort(s[i+1]); ok {
		return r, 2
	}
	hex4 := func(at int) (rune, bool) {
		if at+6 > len(s) || s[at] != '\\' || s[at+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(s[at+2:at+6], 16, 16)
		return rune(v), err == nil
	}
	r, ok := hex4(i)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(r) {
		if lo, ok := hex4(i + 6); ok {
			return utf16.DecodeRune(r, lo), 12
		}
	}
	return r, 6
}

// htmlNamed are the named references of the characters HTML writers escape.
var htmlNamed = map[string]rune{"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "nbsp": '\u00a0'}

// entityAt decodes &name; &#NN; and &#xHH;.
func entityAt(s string, i int) (rune, int) {
	end := strings.IndexByte(s[i:min(len(s), i+12)], ';')
	if end < 2 {
		return 0, 0
	}
	ref := s[i+1 : i+end]
	if r, ok := htmlNamed[ref]; ok {
		return r, end + 1
	}
	if num, ok := strings.CutPrefix(ref, "#"); ok {
		base := 10
		if len(num) > 0 && (num[0] == 'x' || num[0] == 'X') {
			num, base = num[1:], 16
		}
		if v, err := strconv.ParseUint(num, base, 32); err == nil && v <= utf8.MaxRune {
			return rune(v), end + 1
		}
	}
	return 0, 0
}
