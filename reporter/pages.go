package reporter

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/kumite/kumite/results"
)

// maxSlug bounds the length of a feature page name before its suffixes.
const maxSlug = 60

// pageNames names each feature's page under features/ (without ".html"):
// the slug of its URI, so that features/login.feature becomes login. When
// slugs collide (compared without case, for case-insensitive file systems),
// each colliding page gets a short hash of its URI appended, so a name does
// not depend on which other features were selected; a name that still
// collides (the same URI twice) gets -2, -3, … in run order.
func pageNames(features []*results.Feature) []string {
	slugs := make([]string, len(features))
	count := map[string]int{}
	for i, f := range features {
		slugs[i] = slug(f.URI)
		count[slugs[i]]++
	}
	names := make([]string, len(features))
	taken := map[string]bool{}
	for i, f := range features {
		name := slugs[i]
		if count[name] > 1 {
			name += "-" + shortHash(f.URI)
		}
		base := name
		for n := 2; taken[name]; n++ {
			name = base + "-" + strconv.Itoa(n)
		}
		taken[name] = true
		names[i] = name
	}
	return names
}

// slug turns a feature URI into a file name that is safe everywhere: lower
// case ASCII letters, digits, "_" and "-", never empty, never a path. The
// part up to the last "features" folder and the .feature extension are
// dropped; every other run of characters becomes one "-", so "/" and ".."
// cannot climb out of the features folder.
func slug(uri string) string {
	p := strings.ReplaceAll(uri, `\`, "/")
	if i := strings.LastIndex("/"+p, "/features/"); i >= 0 {
		p = p[i+len("features/"):]
	}
	if strings.HasSuffix(strings.ToLower(p), ".feature") {
		p = p[:len(p)-len(".feature")]
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(p) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	s := b.String()
	if len(s) > maxSlug {
		s = strings.TrimRight(s[:maxSlug], "-")
	}
	if s == "" {
		s = "feature"
	}
	return s
}

// shortHash is 6 hex digits of the SHA-256 of s.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:3])
}
