package config

import (
	"strings"

	"github.com/kumite/kumite/internal/spelling"
)

// closest returns the candidate that s is most likely a typo of: the same
// once case, - and _ are ignored (base_url, baseUrl -> base-url), else at
// most two edits away (workres -> workers). It returns "" when none is.
func closest(s string, candidates []string) string {
	norm := func(s string) string {
		return strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(s))
	}
	for _, c := range candidates {
		if norm(c) == norm(s) {
			return c
		}
	}
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := spelling.Distance(strings.ToLower(s), strings.ToLower(c)); d < bestDist && d < len(c) {
			best, bestDist = c, d
		}
	}
	return best
}
