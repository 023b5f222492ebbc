package planner

import "sort"

// AttrDiff is one attribute that differs: Path is the attribute name, or
// "name.key" for one key of a map attribute.
type AttrDiff struct {
	Path   string
	Before any // observed (nil: absent)
	After  any // desired (nil: absent)
}

// diffAttrs compares desired with observed, attribute by attribute, and key
// by key inside maps. Where a side has no value, the engine's default
// stands in for it.
func diffAttrs(desired, observed, defaults Attrs) []AttrDiff {
	var out []AttrDiff
	for _, k := range unionKeys(desired, observed, defaults) {
		dv, ov, def := desired[k], observed[k], defaults[k]
		dm, dIsMap := dv.(map[string]string)
		om, oIsMap := ov.(map[string]string)
		if dIsMap || oIsMap {
			defm, _ := def.(map[string]string)
			out = append(out, diffMaps(k, dm, om, defm)...)
			continue
		}
		if dv == nil {
			dv = def
		}
		if ov == nil {
			ov = def
		}
		if !equalValues(dv, ov) {
			out = append(out, AttrDiff{Path: k, Before: ov, After: dv})
		}
	}
	return out
}

func diffMaps(name string, desired, observed, defaults map[string]string) []AttrDiff {
	keys := map[string]bool{}
	for _, m := range []map[string]string{desired, observed} {
		for k := range m {
			keys[k] = true
		}
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	var out []AttrDiff
	for _, k := range sorted {
		dv, dok := lookupDefault(desired, defaults, k)
		ov, ook := lookupDefault(observed, defaults, k)
		if dok == ook && dv == ov {
			continue
		}
		d := AttrDiff{Path: name + "." + k}
		if dok {
			d.After = dv
		}
		if ook {
			d.Before = ov
		}
		out = append(out, d)
	}
	return out
}

func lookupDefault(m, defaults map[string]string, k string) (string, bool) {
	if v, ok := m[k]; ok {
		return v, true
	}
	v, ok := defaults[k]
	return v, ok
}

func unionKeys(ms ...Attrs) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// DiffAttrs compares two attribute maps with no engine defaults: one
// AttrDiff per attribute that differs, and per key inside map attributes
// ("env.LOG_LEVEL"), sorted by path. A nil map is an absent resource, so
// every attribute of the other side differs. It is the comparison
// reconcile makes, for callers that diff two desired states (berth diff).
func DiffAttrs(before, after Attrs) []AttrDiff { return diffAttrs(after, before, nil) }
