package lang

import "sort"

// CallGraph is the synchronous call graph of a spec: for each service, the
// services its endpoints call and the services that call it, each sorted
// and without repeats. Publishing to a queue is asynchronous and is not an
// edge.
type CallGraph struct {
	Callees map[string][]string
	Callers map[string][]string
}

// CallGraph computes the synchronous call graph from the endpoints' calls.
// Calls to services that do not exist are left out.
func (s *Spec) CallGraph() CallGraph {
	g := CallGraph{Callees: make(map[string][]string, len(s.Services)), Callers: make(map[string][]string, len(s.Services))}
	seen := make(map[LinkKey]bool, len(s.Links)) // the links are about the edges
	for _, svc := range s.Services {
		forEachCall(svc, func(_ *Endpoint, c *Call) {
			k := LinkKey{svc.Name, c.Service}
			if seen[k] || s.Services[c.Service] == nil {
				return
			}
			seen[k] = true
			g.Callees[k.From] = append(g.Callees[k.From], k.To)
			g.Callers[k.To] = append(g.Callers[k.To], k.From)
		})
	}
	for _, m := range []map[string][]string{g.Callees, g.Callers} {
		for _, v := range m {
			sort.Strings(v)
		}
	}
	return g
}

// Cycles returns the cycles of the graph found by a depth-first search in
// name order, each as the services along it with the first repeated at the
// end ("a", "b", "a"). Every edge that closes a cycle yields one.
func (g CallGraph) Cycles() [][]string {
	state := make(map[string]int, len(g.Callees)) // 1 on the stack, 2 done
	var stack []string
	var out [][]string
	var visit func(n string)
	visit = func(n string) {
		state[n] = 1
		stack = append(stack, n)
		for _, m := range g.Callees[n] {
			switch state[m] {
			case 0:
				visit(m)
			case 1:
				i := len(stack) - 1
				for stack[i] != m {
					i--
				}
				out = append(out, append(append([]string{}, stack[i:]...), m))
			}
		}
		stack = stack[:len(stack)-1]
		state[n] = 2
	}
	for _, n := range keysOf(g.Callees) {
		if state[n] == 0 {
			visit(n)
		}
	}
	return out
}
