package backends

import (
	"slices"
	"sort"
	"strings"
)

// WhyNotStarted says why a step of r.NotStarted did not start when it
// waited, itself or through other steps that did not start, for steps
// that failed: "waited for container.db[1], which failed". It is "" when
// nothing it waited for failed (apply stopped after an unrelated
// failure, or was interrupted).
func (r *Result) WhyNotStarted(id int) string {
	after := map[int][]int{} // a step that did not start → the steps it waits for
	for _, s := range r.NotStarted {
		after[s.ID] = s.After
	}
	failed := map[int]string{}
	for _, e := range r.Failed {
		failed[e.Step.ID] = e.Step.Address().String()
	}
	var names []string
	seen := map[int]bool{id: true}
	for queue := slices.Clone(after[id]); len(queue) > 0; queue = queue[1:] {
		a := queue[0]
		if seen[a] {
			continue
		}
		seen[a] = true
		if name, ok := failed[a]; ok {
			names = append(names, name)
		}
		queue = append(queue, after[a]...)
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	names = slices.Compact(names) // a replacement's two steps share an address
	list := names[len(names)-1]
	if len(names) > 1 {
		list = strings.Join(names[:len(names)-1], ", ") + " and " + list
	}
	return "waited for " + list + ", which failed"
}
