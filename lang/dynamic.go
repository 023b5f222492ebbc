package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// A dynamic block writes a repeated nested block once, as Terraform's does:
//
//	dynamic "call" {
//	  for_each = var.shards          # a list, set, map or object
//	  iterator = shard               # default: the block type, here call
//	  labels   = [shard.value]       # one per label of the block type
//	  content {
//	    fallback = "skip"
//	  }
//	}
//
// makes one call block per element, in the collection's order, and each
// copy's expressions see shard.key (the index, the map key, or the set
// element) and shard.value. Dynamic blocks may nest. berth accepts them
// where blocks repeat: a service's port, mount, endpoint and consume, an
// endpoint's (or a parallel's or sequence's) call, parallel, sequence and
// publish, and a scenario's fault.

// dynamicHeader lets a body hold dynamic blocks; its label is the type of
// the blocks it makes.
var dynamicHeader = hcl.BlockHeaderSchema{Type: "dynamic", LabelNames: []string{"type"}}

var dynamicBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "for_each", Required: true}, {Name: "iterator"}, {Name: "labels"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "content"}},
}

// reservedIterators are the roots of berth references, which an iterator
// must not hide.
var reservedIterators = map[string]bool{
	"var": true, "local": true, "each": true, "service": true, "network": true, "volume": true,
	"secret": true, "config": true, "queue": true, "load": true, "dynamic": true,
}

// maxDynamicBlocks bounds the blocks one dynamic block may make.
const maxDynamicBlocks = 10000

// scopedBlock is a nested block and the context its expressions evaluate
// in; a dynamic block's copies bind its iterator there.
type scopedBlock struct {
	*hcl.Block
	ctx *hcl.EvalContext
}

// expandDynamic returns blocks with every dynamic block replaced by the
// blocks it makes, each in its own context; the other blocks keep ctx.
// schema is the body's schema: a dynamic block may make only the repeated
// block types listed in it.
func (st *loadState) expandDynamic(blocks hcl.Blocks, ctx *hcl.EvalContext, schema *hcl.BodySchema) []scopedBlock {
	out := make([]scopedBlock, 0, len(blocks))
	for _, b := range blocks {
		if b.Type != "dynamic" {
			out = append(out, scopedBlock{b, ctx})
			continue
		}
		out = append(out, st.expandDynamicBlock(b, ctx, schema)...)
	}
	return out
}

// expandDynamicBlock makes the blocks of one dynamic block.
func (st *loadState) expandDynamicBlock(b *hcl.Block, ctx *hcl.EvalContext, schema *hcl.BodySchema) []scopedBlock {
	typ := b.Labels[0]
	header, ok := dynamicTarget(schema, typ)
	if !ok {
		st.add(errorAt(b.LabelRanges[0], "Unsupported dynamic block type",
			"A dynamic block here can make %s, not %q.%s Write the block type as the dynamic block's label.",
			dynamicTypes(schema), typ, didYouMean(typ, dynamicTypeNames(schema))))
		return nil
	}
	c := st.content(b.Body, dynamicBlockSchema)
	a := st.attrsOf(c, ctx)
	content := st.dynamicContent(b, c.Blocks)
	iter, ok := st.dynamicIterator(a, typ)
	if content == nil || !ok {
		return nil
	}
	v, ok := a.value("for_each")
	if !ok {
		return nil
	}
	if !v.CanIterateElements() {
		st.add(errorAt(a.rng("for_each"), "Invalid dynamic for_each value",
			"for_each must be a list, a set, a map or an object, not %s. Each element makes one %s block.", v.Type().FriendlyName(), typ))
		return nil
	}
	if n := v.LengthInt(); n > maxDynamicBlocks {
		st.add(errorAt(a.rng("for_each"), "Too many dynamic blocks",
			"for_each has %d elements; one dynamic block makes at most %d blocks.", n, maxDynamicBlocks))
		return nil
	}
	var out []scopedBlock
	for it := v.ElementIterator(); it.Next(); {
		key, val := it.Element()
		if v.Type().IsSetType() {
			key = val
		}
		child := ctx.NewChild()
		child.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": key, "value": val})}
		labels, ok := st.dynamicLabels(a, header, child, b)
		if !ok {
			return nil
		}
		blk := &hcl.Block{Type: typ, Labels: labels, Body: content.Body, DefRange: content.DefRange,
			TypeRange: b.LabelRanges[0], LabelRanges: make([]hcl.Range, len(labels))}
		for i := range labels {
			blk.LabelRanges[i] = a.rng("labels")
		}
		// The copy may itself hold dynamic blocks; its decoder expands
		// them in child.
		out = append(out, scopedBlock{blk, child})
	}
	return out
}

// dynamicContent returns the dynamic block's one content block.
func (st *loadState) dynamicContent(b *hcl.Block, blocks hcl.Blocks) *hcl.Block {
	switch len(blocks) {
	case 0:
		st.add(errorAt(b.DefRange, "Missing content block",
			"A dynamic block needs one content { ... } block: the body of each %s block it makes.", b.Labels[0]))
		return nil
	case 1:
		return blocks[0]
	}
	st.add(errorAt(blocks[1].DefRange, "Duplicate content block",
		"A dynamic block has one content block, first at %s. Merge them.", at(blocks[0].DefRange)))
	return nil
}

// dynamicIterator returns the name the copies see their element by.
func (st *loadState) dynamicIterator(a attrs, typ string) (string, bool) {
	name := typ
	if e, ok := a.expr("iterator"); ok {
		tr, diags := hcl.AbsTraversalForExpr(e)
		if diags.HasErrors() || len(tr) != 1 {
			st.add(errorAt(e.Range(), "Invalid dynamic iterator",
				"iterator is a bare name, as in iterator = shard, without quotes; the content then reads shard.key and shard.value."))
			return "", false
		}
		name = tr.RootName()
	}
	if reservedIterators[name] {
		rng := a.rng("iterator")
		if !a.has("iterator") {
			rng = a.rng("for_each")
		}
		st.add(errorAt(rng, "Reserved iterator name",
			"The iterator would be called %q, which would hide berth's %s. references. Set iterator = NAME to another name.", name, name))
		return "", false
	}
	return name, true
}

// dynamicLabels evaluates the labels of one copy in its context.
func (st *loadState) dynamicLabels(a attrs, header hcl.BlockHeaderSchema, ctx *hcl.EvalContext, b *hcl.Block) ([]string, bool) {
	want := len(header.LabelNames)
	e, ok := a.expr("labels")
	if !ok {
		if want == 0 {
			return nil, true
		}
		st.add(errorAt(b.DefRange, "Missing dynamic labels",
			"A %s block has %s (%s), so the dynamic block needs labels = [...] with %s, such as labels = [%s.value].",
			b.Labels[0], plural(want, "label"), strings.Join(header.LabelNames, ", "), plural(want, "string"), b.Labels[0]))
		return nil, false
	}
	v, diags := eval(e, ctx)
	st.add(diags...)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
		return nil, false
	}
	lv, err := convert.Convert(v, cty.List(cty.String))
	if err != nil || lv.LengthInt() != want {
		st.add(errorAt(e.Range(), "Invalid dynamic labels",
			"A %s block has %s, so labels must be a list of %s, not %s.", b.Labels[0], plural(want, "label"), plural(want, "string"), describeValue(v)))
		return nil, false
	}
	labels := make([]string, 0, want)
	for _, l := range lv.AsValueSlice() {
		if l.IsNull() {
			st.add(errorAt(e.Range(), "Invalid dynamic labels", "A label must not be null."))
			return nil, false
		}
		labels = append(labels, l.AsString())
	}
	return labels, true
}

// dynamicTarget returns the header of typ in schema, when a dynamic block
// may make it.
func dynamicTarget(schema *hcl.BodySchema, typ string) (hcl.BlockHeaderSchema, bool) {
	for _, h := range schema.Blocks {
		if h.Type == typ && dynamicRepeats[typ] {
			return h, true
		}
	}
	return hcl.BlockHeaderSchema{}, false
}

// dynamicRepeats are the block types a dynamic block may make: the ones a
// body may hold many of.
var dynamicRepeats = map[string]bool{
	"port": true, "mount": true, "endpoint": true, "consume": true,
	"call": true, "parallel": true, "sequence": true, "publish": true, "fault": true,
}

func dynamicTypeNames(schema *hcl.BodySchema) []string {
	var names []string
	for _, h := range schema.Blocks {
		if dynamicRepeats[h.Type] {
			names = append(names, h.Type)
		}
	}
	return names
}

func dynamicTypes(schema *hcl.BodySchema) string {
	names := dynamicTypeNames(schema)
	if len(names) == 0 {
		return "no block"
	}
	return joinQuoted(names) + " blocks"
}

// describeValue names a value's type for messages.
func describeValue(v cty.Value) string {
	if v.Type().IsListType() || v.Type().IsTupleType() || v.Type().IsSetType() {
		return fmt.Sprintf("%s of %d", v.Type().FriendlyName(), v.LengthInt())
	}
	return v.Type().FriendlyName()
}
