package planner

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// hintRenames explains a likely rename. berth has no way to say that a
// service of the spec is another one renamed (Terraform's moved blocks),
// so a renamed service plans as every object of the old name deleted and
// every one of the new name created, which reads as two unrelated
// changes. When a group the spec no longer has (all its changes
// deletes) and a group it did not have (all creates) have the same type
// and their first resources are equal but for the group's name, each of
// their changes gets a reason that names the other. A deleted group
// pairs with one created group at most, the first by name.
func (r *reconciler) hintRenames(cs []*Change) {
	groups := map[groupKey][]*Change{}
	for _, c := range cs {
		if c.Group != "" {
			k := groupKey{c.Type, c.Group}
			groups[k] = append(groups[k], c)
		}
	}
	var gone, added []groupKey
	for k, g := range groups {
		switch {
		case all(g, func(c *Change) bool { return c.Action == Delete && c.After == nil }):
			if r.declared[k] { // scaled to zero
				continue
			}
			gone = append(gone, k)
		case all(g, func(c *Change) bool { return c.Action == Create && c.Before == nil }):
			added = append(added, k)
		}
	}
	byName := func(ks []groupKey) {
		sort.Slice(ks, func(i, j int) bool { return ks[i].typ+"."+ks[i].group < ks[j].typ+"."+ks[j].group })
	}
	byName(gone)
	byName(added)
	paired := map[groupKey]bool{}
	for _, to := range added {
		for _, from := range gone {
			if from.typ != to.typ || paired[from] {
				continue
			}
			o, d := first(groups[from]).Before, first(groups[to]).After
			if !r.sameButName(from.typ, d.Attrs, o, from.group, to.group) {
				continue
			}
			paired[from] = true
			for _, c := range groups[from] {
				c.Reasons = append(c.Reasons, Reason{Action: Delete, Message: RenameHint(Delete, from.group, to.group)})
			}
			for _, c := range groups[to] {
				c.Reasons = append(c.Reasons, Reason{Action: Create, Message: RenameHint(Create, from.group, to.group)})
			}
			break
		}
	}
}

// RenameHint is the reason of the deleted (action Delete) or the created
// side of a likely rename of from to to: berth plan and berth diff both
// give it.
func RenameHint(action Action, from, to string) string {
	tail := fmt.Sprintf("a rename? berth has no moved block, so %q's objects are deleted and %q's created new", from, to)
	if action == Delete {
		return fmt.Sprintf("same configuration as %q, which is created: %s", to, tail)
	}
	return fmt.Sprintf("same configuration as %q, which is deleted: %s", from, tail)
}

// SameButName reports whether after equals before, the name from in
// before's strings read as to: the rename test of hintRenames, for two
// attribute maps of one kind (berth diff's resources).
func SameButName(before, after Attrs, from, to string) bool {
	return sameButRename(DiffAttrs(before, after), from, to, nil)
}

// sameButName reports whether the desired attributes of a resource of
// group to equal the observed ones of group from, the group's name
// aside.
func (r *reconciler) sameButName(typ string, desired Attrs, o *ObservedResource, from, to string) bool {
	sch := r.schema(typ)
	return sameButRename(diffAttrs(desired, o.Attrs, o.Defaults), from, to, func(ad AttrDiff) bool {
		f := sch.Renamed[ad.Path]
		return f != nil && f(ad.Before, ad.After, from, to)
	})
}

// sameButRename reports whether every difference of diffs is the name
// from written to (or one that ok accepts).
func sameButRename(diffs []AttrDiff, from, to string, ok func(AttrDiff) bool) bool {
	for _, ad := range diffs {
		if ok != nil && ok(ad) {
			continue
		}
		if !equalValues(renamed(ad.Before, from, to), ad.After) {
			return false
		}
	}
	return true
}

// renamed is v with the name from replaced by to in its strings.
func renamed(v any, from, to string) any {
	switch x := v.(type) {
	case string:
		return strings.ReplaceAll(x, from, to)
	case []string:
		out := make([]string, len(x))
		for i, s := range x {
			out[i] = strings.ReplaceAll(s, from, to)
		}
		return out
	}
	return v
}

func all(cs []*Change, f func(*Change) bool) bool {
	return !slices.ContainsFunc(cs, func(c *Change) bool { return !f(c) })
}

// first is the change of the lowest replica number.
func first(cs []*Change) *Change {
	return slices.MinFunc(cs, func(a, b *Change) int { return a.Index - b.Index })
}
