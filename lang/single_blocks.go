package lang

import (
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// singleBlocks are the nested blocks a top-level block may hold at most
// one of, by the top-level block's type: the owner's name for the
// message, and the nested types. A second one is an error rather than
// silently replacing the first. (A load's ramp and diurnal are checked as
// rate profiles, a scenario's expect where it is decoded.)
var singleBlocks = map[string]struct {
	owner string
	types []string
}{
	"service": {"service", []string{"resources", "health", "restart", "update", "rollback", "placement", "capacity"}},
	"link":    {"link", []string{"retry", "circuit_breaker", "bulkhead"}},
	"berth":   {"berth block", []string{"defaults"}},
	"load":    {"load", []string{"burst"}},
}

// checkSingleBlocks reports each repeat of a nested block that a
// top-level block may hold only once, at the repeat, naming the first.
// It reads the syntax, so a for_each service is checked once.
func (st *loadState) checkSingleBlocks() {
	for _, kind := range []string{"berth", "service", "link", "load"} {
		single := singleBlocks[kind]
		for _, top := range st.decls.blocks[kind] {
			body, ok := top.Body.(*hclsyntax.Body)
			if !ok {
				continue
			}
			first := map[string]hcl.Range{}
			for _, b := range body.Blocks {
				if !slices.Contains(single.types, b.Type) {
					continue
				}
				if prev, dup := first[b.Type]; dup {
					st.add(errorAt(b.DefRange(), "Duplicate "+b.Type+" block",
						"A %s has one %s block, and this one repeats the one at %s; only one of them would count. Merge them into one block.",
						single.owner, b.Type, at(prev)))
					continue
				}
				first[b.Type] = b.DefRange()
			}
		}
	}
}
