package planner

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"
)

// buildSteps turns the changes into the DAG of primitive steps:
//
//   - a replacement is a delete then a create of the same address (the
//     reverse, create first, for create-before-destroy types);
//   - a resource's create or update waits for the create or update of
//     everything it depends on (networks before containers, callees before
//     callers);
//   - the delete of a dependency waits for the delete of its dependants
//     (containers before their network), and the delete of the old version
//     of a create-before-destroy resource waits for everything that used it
//     to have moved to the new one.
//
// The steps are numbered in a deterministic topological order.
func buildSteps(changes []*Change, by map[Address]*Change) ([]*Step, error) {
	g := newStepGraph()
	for _, c := range changes {
		g.addChange(c)
	}
	for _, c := range changes {
		g.addEdges(c, by)
	}
	return g.sort()
}

type stepKey struct {
	addr Address
	op   Op
}

type stepGraph struct {
	steps map[stepKey]*Step
	after map[stepKey]map[stepKey]bool
}

func newStepGraph() *stepGraph {
	return &stepGraph{steps: map[stepKey]*Step{}, after: map[stepKey]map[stepKey]bool{}}
}

func (g *stepGraph) add(c *Change, op Op) {
	k := stepKey{c.Address, op}
	g.steps[k] = &Step{Op: op, Change: c}
	g.after[k] = map[stepKey]bool{}
}

// edge makes step `to` wait for step `from`, when both exist.
func (g *stepGraph) edge(from, to stepKey) {
	if g.steps[from] != nil && g.steps[to] != nil && from != to {
		g.after[to][from] = true
	}
}

func (g *stepGraph) addChange(c *Change) {
	switch c.Action {
	case Create:
		g.add(c, OpCreate)
	case Update:
		g.add(c, OpUpdate)
	case Delete:
		g.add(c, OpDelete)
	case Replace:
		g.add(c, OpCreate)
		g.add(c, OpDelete)
		if c.CreateBeforeDestroy {
			g.edge(stepKey{c.Address, OpCreate}, stepKey{c.Address, OpDelete})
		} else {
			g.edge(stepKey{c.Address, OpDelete}, stepKey{c.Address, OpCreate})
		}
	}
}

// newSide returns the step that makes c's desired object ready.
func (g *stepGraph) newSide(a Address) stepKey {
	if k := (stepKey{a, OpCreate}); g.steps[k] != nil {
		return k
	}
	return stepKey{a, OpUpdate}
}

func (g *stepGraph) addEdges(c *Change, by map[Address]*Change) {
	if c.After != nil {
		for _, dep := range c.After.Deps {
			g.edge(g.newSide(dep.To), g.newSide(c.Address))
			if dc := by[dep.To]; dc != nil && dc.Action == Replace && dc.CreateBeforeDestroy {
				old := stepKey{dep.To, OpDelete}
				g.edge(g.newSide(c.Address), old)
				g.edge(stepKey{c.Address, OpDelete}, old)
			}
		}
	}
	if c.Before != nil {
		for _, dep := range c.Before.Deps {
			g.edge(stepKey{c.Address, OpDelete}, stepKey{dep.To, OpDelete})
		}
	}
}

// sort numbers the steps with Kahn's algorithm, always taking the smallest
// ready step (by address, then op), so the order is deterministic.
func (g *stepGraph) sort() ([]*Step, error) {
	indeg := make(map[stepKey]int, len(g.steps))
	next := map[stepKey][]stepKey{}
	for k, deps := range g.after {
		indeg[k] = len(deps)
		for d := range deps {
			next[d] = append(next[d], k)
		}
	}
	ready := &keyHeap{}
	for k, n := range indeg {
		if n == 0 {
			heap.Push(ready, k)
		}
	}
	ids := make(map[stepKey]int, len(g.steps))
	out := make([]*Step, 0, len(g.steps))
	for ready.Len() > 0 {
		k := heap.Pop(ready).(stepKey)
		s := g.steps[k]
		s.ID = len(out) + 1
		ids[k] = s.ID
		for d := range g.after[k] {
			s.After = append(s.After, ids[d])
		}
		sort.Ints(s.After)
		out = append(out, s)
		for _, n := range next[k] {
			if indeg[n]--; indeg[n] == 0 {
				heap.Push(ready, n)
			}
		}
	}
	if len(out) != len(g.steps) {
		return nil, g.cycleError(ids)
	}
	return out, nil
}

func (g *stepGraph) cycleError(done map[stepKey]int) error {
	var stuck []string
	for k := range g.steps {
		if _, ok := done[k]; !ok {
			stuck = append(stuck, string(k.op)+" "+k.addr.String())
		}
	}
	sort.Strings(stuck)
	return fmt.Errorf("the steps depend on each other in a cycle: %s", strings.Join(stuck, ", "))
}

func keyLess(a, b stepKey) bool {
	if a.addr != b.addr {
		return a.addr.Less(b.addr)
	}
	return opRank(a.op) < opRank(b.op)
}

func opRank(o Op) int {
	switch o {
	case OpDelete:
		return 0
	case OpCreate:
		return 1
	}
	return 2
}

type keyHeap []stepKey

func (h keyHeap) Len() int           { return len(h) }
func (h keyHeap) Less(i, j int) bool { return keyLess(h[i], h[j]) }
func (h keyHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *keyHeap) Push(x any)        { *h = append(*h, x.(stepKey)) }
func (h *keyHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
