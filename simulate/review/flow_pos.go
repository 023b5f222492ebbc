package review

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// flowAtCall points a changed flow (endpoints.NAME.flow) at the call the
// change adds, or else at the one it removes (on the OLD side), rather
// than at the endpoint's first line: a pull request that adds
// `call "inventory" {}` to an endpoint of twenty lines is reviewed at
// that line. A flow whose calls are the same but reordered, or made by a
// dynamic block, keeps the endpoint's line.
func (c *Change) flowAtCall(old, new *resource, oldSrc, newSrc *sources) {
	for i, a := range c.Attributes {
		segs := strings.Split(a.Attribute, ".")
		if len(segs) != 3 || segs[0] != "endpoints" || segs[2] != "flow" {
			continue
		}
		oldCalls, newCalls := endpointCalls(old, oldSrc, segs[1]), endpointCalls(new, newSrc, segs[1])
		if rng, ok := firstNotIn(newCalls, oldCalls); ok {
			c.Attributes[i].Pos, c.Attributes[i].onOld = pos(rng), false
		} else if rng, ok := firstNotIn(oldCalls, newCalls); ok {
			c.Attributes[i].Pos, c.Attributes[i].onOld = pos(rng), true
		}
	}
}

// endpointCalls returns the call blocks of r's endpoint name, in source
// order, nested ones included.
func endpointCalls(r *resource, src *sources, name string) []*hclsyntax.Block {
	b := src.blockOf(r.block, r.Range)
	if b == nil {
		return nil
	}
	var calls []*hclsyntax.Block
	var walk func(*hclsyntax.Body)
	walk = func(body *hclsyntax.Body) {
		for _, blk := range body.Blocks {
			if blk.Type == "call" && len(blk.Labels) == 1 {
				calls = append(calls, blk)
			}
			walk(blk.Body)
		}
	}
	for _, ep := range b.Body.Blocks {
		if ep.Type == "endpoint" && len(ep.Labels) == 1 && ep.Labels[0] == name {
			walk(ep.Body)
		}
	}
	return calls
}

// firstNotIn returns the range of the first call of calls to a service
// that others calls fewer times.
func firstNotIn(calls, others []*hclsyntax.Block) (hcl.Range, bool) {
	left := map[string]int{}
	for _, o := range others {
		left[o.Labels[0]]++
	}
	for _, c := range calls {
		if left[c.Labels[0]] == 0 {
			return c.DefRange(), true
		}
		left[c.Labels[0]]--
	}
	return hcl.Range{}, false
}
