package planner

import (
	"container/heap"
	"fmt"
	"slices"
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
//     (containers before their network) and for the update of those that
//     stop using it, and the delete of the old version
//     of a create-before-destroy resource waits for everything that used it
//     to have moved to the new one.
//
// The steps are numbered in a deterministic topological order.
func buildSteps(changes []*Change, by map[Address]*Change) ([]*Step, error) {
	g := newStepGraph(len(changes))
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

// stepGraph holds the steps as numbered nodes: index finds a node by key,
// after[n] lists the nodes n waits for (possibly repeated until sort).
type stepGraph struct {
	index map[stepKey]int
	keys  []stepKey
	steps []*Step
	after [][]int
}

func newStepGraph(n int) *stepGraph {
	return &stepGraph{index: make(map[stepKey]int, n)}
}

func (g *stepGraph) add(c *Change, op Op) {
	k := stepKey{c.Address, op}
	g.index[k] = len(g.keys)
	g.keys = append(g.keys, k)
	g.steps = append(g.steps, &Step{Op: op, Change: c})
	g.after = append(g.after, nil)
}

// edge makes step `to` wait for step `from`, when both exist.
func (g *stepGraph) edge(from, to stepKey) {
	f, ok := g.index[from]
	if !ok {
		return
	}
	if t, ok := g.index[to]; ok && f != t {
		g.after[t] = append(g.after[t], f)
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
	if k := (stepKey{a, OpCreate}); g.has(k) {
		return k
	}
	return stepKey{a, OpUpdate}
}

func (g *stepGraph) has(k stepKey) bool { _, ok := g.index[k]; return ok }

func (g *stepGraph) addEdges(c *Change, by map[Address]*Change) {
	if c.After != nil {
		to := g.newSide(c.Address)
		for _, dep := range c.After.Deps {
			g.edge(g.newSide(dep.To), to)
			if dc := by[dep.To]; dc != nil && dc.Action == Replace && dc.CreateBeforeDestroy {
				old := stepKey{dep.To, OpDelete}
				g.edge(to, old)
				g.edge(stepKey{c.Address, OpDelete}, old)
			}
		}
	}
	if c.Before != nil {
		for _, dep := range c.Before.Deps {
			g.edge(stepKey{c.Address, OpDelete}, stepKey{dep.To, OpDelete})
			// An update that stops using a dependency the plan deletes
			// frees it first (a swarm service leaving a network). Only
			// a plain delete: a replaced dependency's create comes
			// before the update, and its delete before that create.
			if dc := by[dep.To]; dc != nil && dc.Action == Delete {
				g.edge(stepKey{c.Address, OpUpdate}, stepKey{dep.To, OpDelete})
			}
		}
	}
}

// sort numbers the steps with Kahn's algorithm, always taking the smallest
// ready step (by address, then op), so the order is deterministic.
func (g *stepGraph) sort() ([]*Step, error) {
	n := len(g.keys)
	indeg := make([]int, n)
	next := make([][]int, n)
	for t := range g.after {
		slices.Sort(g.after[t])
		g.after[t] = slices.Compact(g.after[t])
		indeg[t] = len(g.after[t])
		for _, f := range g.after[t] {
			next[f] = append(next[f], t)
		}
	}
	ready := &nodeHeap{keys: g.keys}
	for i, d := range indeg {
		if d == 0 {
			ready.nodes = append(ready.nodes, i)
		}
	}
	heap.Init(ready)
	ids := make([]int, n) // node → step id, 0 until numbered
	out := make([]*Step, 0, n)
	for ready.Len() > 0 {
		i := heap.Pop(ready).(int)
		s := g.steps[i]
		s.ID = len(out) + 1
		ids[i] = s.ID
		for _, f := range g.after[i] {
			s.After = append(s.After, ids[f])
		}
		sort.Ints(s.After)
		out = append(out, s)
		for _, t := range next[i] {
			if indeg[t]--; indeg[t] == 0 {
				heap.Push(ready, t)
			}
		}
	}
	if len(out) != n {
		return nil, g.cycleError(ids)
	}
	return out, nil
}

func (g *stepGraph) cycleError(ids []int) error {
	var stuck []string
	for i, k := range g.keys {
		if ids[i] == 0 {
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

// nodeHeap orders ready nodes by their keys.
type nodeHeap struct {
	keys  []stepKey
	nodes []int
}

func (h *nodeHeap) Len() int           { return len(h.nodes) }
func (h *nodeHeap) Less(i, j int) bool { return keyLess(h.keys[h.nodes[i]], h.keys[h.nodes[j]]) }
func (h *nodeHeap) Swap(i, j int)      { h.nodes[i], h.nodes[j] = h.nodes[j], h.nodes[i] }
func (h *nodeHeap) Push(x any)         { h.nodes = append(h.nodes, x.(int)) }
func (h *nodeHeap) Pop() any {
	old := h.nodes
	x := old[len(old)-1]
	h.nodes = old[:len(old)-1]
	return x
}
