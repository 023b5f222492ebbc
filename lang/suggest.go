package lang

import (
	"fmt"
	"sort"

	"github.com/agext/levenshtein"
)

// suggest returns the candidate closest to name, or "" when none is close
// enough to be a likely typo: one edit that leaves a letter standing
// ("ll" for "l", "ab" for "a", but not "z" for "a": one edit turns any
// single letter into any other), or two between names longer than two
// letters ("zz" is two edits from "a" and "l", and no typo of either).
// Only called on the error path.
func suggest(name string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := levenshtein.Distance(name, c, nil)
		if (d == 1 && max(len(name), len(c)) > 1 || d == 2 && min(len(name), len(c)) > 2) && (best == "" || d < bestDist || d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// didYouMean returns ` Did you mean "x"?` for the closest candidate, or "".
func didYouMean(name string, candidates []string) string {
	if s := suggest(name, candidates); s != "" {
		return fmt.Sprintf(" Did you mean %q?", s)
	}
	return ""
}

// keysOf returns the sorted keys of m.
func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// DidYouMean returns ` Did you mean "x"?` when a candidate is close to
// name (a likely typo), or "": for messages outside lang about names of
// the spec, such as a --scenario flag's.
func DidYouMean(name string, candidates []string) string { return didYouMean(name, candidates) }
