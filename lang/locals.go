package lang

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// depNode is a value that other expressions may depend on: a local, or the
// instances of a for_each service (which locals may reference and whose
// for_each may use locals).
type depNode struct {
	key   string // "local.x" or "service.y"
	rng   hcl.Range
	exprs []hcl.Expression
	run   func(ctx *hcl.EvalContext)
}

// evalLocalsAndForEach evaluates the locals and expands the for_each
// services in dependency order. A cycle is reported once, naming it; its
// members stay unknown.
func (st *loadState) evalLocalsAndForEach() {
	nodes := map[string]*depNode{}
	failed := map[string]bool{} // locals whose evaluation reported an error
	for _, a := range st.decls.locals {
		a := a
		st.ev.locals[a.Name] = cty.DynamicVal
		nodes["local."+a.Name] = &depNode{key: "local." + a.Name, rng: a.Expr.Range(), exprs: []hcl.Expression{a.Expr},
			run: func(ctx *hcl.EvalContext) {
				v, diags := eval(a.Expr, ctx)
				st.add(diags...)
				st.ev.locals[a.Name] = v
				failed[a.Name] = failed[a.Name] || diags.HasErrors()
			}}
	}
	for _, b := range st.decls.blocks["service"] {
		if n := st.forEachNode(b); n != nil {
			nodes[n.key] = n
		}
	}
	for _, n := range st.orderNodes(nodes) {
		n.run(st.ev.context())
		if name, ok := strings.CutPrefix(n.key, "local."); ok && !failed[name] {
			st.locals = append(st.locals, localNode{name: name, node: n})
		}
	}
}

// localNode is a local that evaluated without error, in dependency order.
type localNode struct {
	name string
	node *depNode
}

// reevalUnknownLocals evaluates again, in dependency order, the locals
// whose value is not wholly known, once the service objects are complete
// (a local naming an endpoint a dynamic block makes).
func (st *loadState) reevalUnknownLocals() {
	for _, l := range st.locals {
		if !st.ev.locals[l.name].IsWhollyKnown() {
			l.node.run(st.ev.context())
		}
	}
}

// orderNodes returns the nodes so that each comes after its dependencies,
// leaving out the members of cycles (reported here).
func (st *loadState) orderNodes(nodes map[string]*depNode) []*depNode {
	state := map[string]int{} // 1 visiting, 2 done
	inCycle := map[string]bool{}
	var stack []string
	var order []*depNode
	var visit func(k string)
	visit = func(k string) {
		state[k] = 1
		stack = append(stack, k)
		for _, d := range nodeDeps(nodes[k], nodes) {
			switch state[d] {
			case 0:
				visit(d)
			case 1:
				st.reportCycle(nodes, stack, d, inCycle)
			}
		}
		stack = stack[:len(stack)-1]
		state[k] = 2
		order = append(order, nodes[k])
	}
	for _, k := range keysOf(nodes) {
		if state[k] == 0 {
			visit(k)
		}
	}
	out := order[:0]
	for _, n := range order {
		if !inCycle[n.key] {
			out = append(out, n)
		}
	}
	return out
}

// nodeDeps lists the nodes n's expressions refer to, sorted.
func nodeDeps(n *depNode, nodes map[string]*depNode) []string {
	seen := map[string]bool{}
	for _, e := range n.exprs {
		for _, tr := range e.Variables() {
			if len(tr) < 2 {
				continue
			}
			if attr, ok := tr[1].(hcl.TraverseAttr); ok {
				k := tr.RootName() + "." + attr.Name
				if nodes[k] != nil {
					seen[k] = true
				}
			}
		}
	}
	deps := keysOf(seen)
	sort.Strings(deps)
	return deps
}

func (st *loadState) reportCycle(nodes map[string]*depNode, stack []string, back string, inCycle map[string]bool) {
	i := len(stack) - 1
	for i > 0 && stack[i] != back {
		i--
	}
	cycle := append(append([]string{}, stack[i:]...), back)
	reported := inCycle[back]
	for _, k := range cycle {
		inCycle[k] = true
	}
	if reported {
		return
	}
	st.add(errorAt(nodes[back].rng, "Reference cycle",
		"%s: each of these values depends on the next, so none of them can be computed. Break the cycle by replacing one of the references with a plain value.",
		strings.Join(cycle, " -> ")))
}
