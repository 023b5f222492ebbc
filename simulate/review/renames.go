package review

import "github.com/berth-dev/berth/planner"

// hintRenames gives a deleted resource and a created one of the same kind
// whose attributes are equal but for the name (planner.SameButName) the
// hint berth plan gives (planner.RenameHint): berth has no moved block,
// so a renamed service reads as two unrelated changes. A deleted
// resource pairs with one created resource at most, the first by name
// (changes are sorted).
func hintRenames(changes []Change, old, new []*resource) {
	attrs := func(rs []*resource) map[string]planner.Attrs {
		out := map[string]planner.Attrs{}
		for _, r := range rs {
			out[r.Address] = r.Attrs
		}
		return out
	}
	oldAttrs, newAttrs := attrs(old), attrs(new)
	paired := map[int]bool{}
	for i, to := range changes {
		if to.Action != planner.Create {
			continue
		}
		for j, from := range changes {
			if from.Action != planner.Delete || from.Kind != to.Kind || paired[j] ||
				!planner.SameButName(oldAttrs[from.Address], newAttrs[to.Address], from.Name, to.Name) {
				continue
			}
			paired[j] = true
			changes[j].Hint = planner.RenameHint(planner.Delete, from.Name, to.Name)
			changes[i].Hint = planner.RenameHint(planner.Create, from.Name, to.Name)
			changes[i].renamedFrom = from.Address
			break
		}
	}
}

// hintGraphRenames draws the renames hintRenames found in the merged
// graph: a renamed service or queue is a removed node and an added one,
// which then name each other (graph.HintRename), as the changes do.
func (r *Review) hintGraphRenames() {
	for _, c := range r.Changes {
		if c.renamedFrom != "" {
			r.Graph.HintRename(c.renamedFrom, c.Address) // node IDs are the addresses
		}
	}
}

// renames maps the address of each deleted block that looks renamed to
// that of the block created for it: a finding about it is the same risk
// under the new name, neither new nor resolved.
func (r *Review) renames() map[string]string {
	out := map[string]string{}
	for _, c := range r.Changes {
		if c.renamedFrom != "" {
			out[c.renamedFrom] = c.Address
		}
	}
	return out
}
