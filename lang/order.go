package lang

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// sortByRange sorts xs by file name, then position.
func sortByRange[T any](xs []T, rng func(T) hcl.Range) {
	sort.SliceStable(xs, func(i, j int) bool { return rangeLess(rng(xs[i]), rng(xs[j])) })
}

func rangeLess(a, b hcl.Range) bool {
	if a.Filename != b.Filename {
		return a.Filename < b.Filename
	}
	return a.Start.Byte < b.Start.Byte
}
