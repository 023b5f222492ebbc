package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// A service block with for_each is a fleet: it declares no service of its
// own label, only its instances ("shard-eu", "shard-us"). A call names one
// instance. A link may name the fleet: `link "router" "shard"` is the
// policy of every edge from router to an instance of shard (and a fleet
// caller stands for each of its instances), unless a link names that
// instance itself, which then overrides it for that edge.

// fleet returns the instance names of a for_each service label, and
// whether label is one.
func (st *loadState) fleet(label string) ([]string, bool) {
	insts, ok := st.forEach[label]
	if !ok {
		return nil, false
	}
	names := make([]string, len(insts))
	for i, in := range insts {
		names[i] = in.name
	}
	return names, true
}

// fleetNote returns the sentences that explain that name is a for_each
// service, with its instances and the fix, or "" when it is not one.
// what is what the instance is needed for: "call", "name".
func (st *loadState) fleetNote(name, what string) string {
	names, ok := st.fleet(name)
	if !ok {
		return ""
	}
	if len(names) == 0 {
		return fmt.Sprintf(" %q is declared with for_each, which makes no instances here, so there is no service to %s. Fix its for_each.", name, what)
	}
	example := fmt.Sprintf("%q", names[0])
	if what == "call" {
		example = fmt.Sprintf("call %q {}", names[0])
	}
	return fmt.Sprintf(" %q is declared with for_each, so it is not one service but %s: %s. %s one instance, like %s.",
		name, plural(len(names), "instance"), listNames(names, 5), capitalize(what), example)
}

// listNames quotes up to max names and says how many more there are.
func listNames(names []string, max int) string {
	if len(names) <= max {
		return joinQuoted(names)
	}
	return fmt.Sprintf("%s and %d more", joinQuoted(names[:max]), len(names)-max)
}

// linkEnds returns the services one end of a link stands for: the
// instances of a fleet, or the name itself.
func (st *loadState) linkEnds(name string) ([]string, bool) {
	if names, ok := st.fleet(name); ok {
		return names, true
	}
	return []string{name}, false
}

// addLinks puts the decoded links into the spec, one link per instance
// for a link that names a fleet. Between two links that set the same edge
// the one naming fewer fleets wins; two that name as many are reported.
func (st *loadState) addLinks(links []*Link) {
	fleets := make(map[LinkKey]int, len(links)) // fleet ends of the link that set each edge
	decl := make(map[LinkKey]*Link, len(links)) // the declared link that set each edge
	if len(st.spec.Links) == 0 {
		st.spec.Links = make(map[LinkKey]*Link, len(links))
	}
	var made []*Link // links made from a fleet link
	for _, l := range links {
		froms, ff := st.linkEnds(l.From)
		tos, tf := st.linkEnds(l.To)
		n := btoi(ff) + btoi(tf)
		for _, from := range froms {
			for _, to := range tos {
				k := LinkKey{from, to}
				if from == to || !st.takesEdge(k, n, l, fleets, decl) {
					continue
				}
				inst := l
				if n > 0 {
					inst = l.clone()
					inst.From, inst.To = from, to
					made = append(made, inst)
				}
				st.spec.Links[k], fleets[k], decl[k] = inst, n, l
			}
		}
	}
	st.fleetTimeouts(made, decl)
}

// takesEdge reports whether link l, naming n fleets, sets edge k over the
// link already there, and reports two links that set it alike.
func (st *loadState) takesEdge(k LinkKey, n int, l *Link, fleets map[LinkKey]int, decl map[LinkKey]*Link) bool {
	prev, ok := decl[k]
	switch {
	case !ok || n < fleets[k]:
		return true
	case n == fleets[k]:
		st.add(errorAt(l.DeclRange, "Overlapping links",
			"This link and the one at %s both set the policy of %s -> %s, through for_each services. Name the instance in one of them (it then overrides the other for that edge), or merge the two.",
			at(prev.DeclRange), k.From, k.To))
	}
	return false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fleetTimeouts records the timeout range of each link made from a fleet
// link that is still in the spec, so checkTimeout points at the declared
// timeout.
func (st *loadState) fleetTimeouts(made []*Link, decl map[LinkKey]*Link) {
	if len(made) == 0 {
		return
	}
	byKey := make(map[LinkKey]hcl.Range, len(st.side.linkTimeouts))
	for _, t := range st.side.linkTimeouts {
		byKey[t.key] = t.rng
	}
	for _, m := range made {
		k := m.Key()
		if rng, ok := byKey[LinkKey{decl[k].From, decl[k].To}]; ok && st.spec.Links[k] == m {
			st.side.linkTimeouts = append(st.side.linkTimeouts, linkRange{k, rng})
		}
	}
}
