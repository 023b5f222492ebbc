package lang

import (
	"github.com/hashicorp/hcl/v2"
)

// maxFlowDepth bounds the nesting of parallel and sequence blocks.
const maxFlowDepth = 64

// flowBlocks are the blocks of an endpoint body, a parallel and a sequence.
var flowBlocks = []hcl.BlockHeaderSchema{
	{Type: "call", LabelNames: []string{"service"}},
	{Type: "parallel"},
	{Type: "sequence"},
	{Type: "publish", LabelNames: []string{"queue"}},
	dynamicHeader,
}

var endpointBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "weight"}, {Name: "service_time"}},
	Blocks:     flowBlocks,
}

var flowBlockSchema = &hcl.BodySchema{Blocks: flowBlocks}

// decodeEndpointBlock decodes an `endpoint "name" {}` block; seen holds the
// endpoints of the service so far, for duplicates. It returns nil for a
// duplicate.
func (st *loadState) decodeEndpointBlock(b *hcl.Block, ctx *hcl.EvalContext, seen map[string]hcl.Range) *Endpoint {
	name := b.Labels[0]
	if name == "" {
		st.add(errorAt(b.DefRange, "Empty endpoint name",
			"An endpoint needs a name: calls, loads and slos name it, and the emulator serves it at /NAME. An empty name is what they write to mean the service's first endpoint, so this one could never be named. Give it one, such as endpoint \"get\" {}."))
		return nil
	}
	if first, ok := seen[name]; ok {
		st.add(errorAt(b.DefRange, "Duplicate endpoint name",
			"This service already has an endpoint named %q, at %s. Endpoint names must be unique within a service; rename or remove one.",
			name, at(first)))
		return nil
	}
	seen[name] = b.DefRange
	c := st.content(b.Body, endpointBlockSchema)
	a := st.attrsOf(c, ctx)
	e := &Endpoint{Name: name, Weight: 1, DeclRange: b.DefRange}
	a.number("weight", &e.Weight)
	a.need(e.Weight >= 0, "weight", b.DefRange, "weight must be 0 or more, not %g: it is the endpoint's share of the load.", e.Weight)
	var d Dist
	a.dist("service_time", &d)
	if !d.IsZero() {
		e.ServiceTime = &d
	}
	e.Flow = &Step{Kind: StepSequence, DeclRange: b.DefRange}
	e.Flow.Children = st.decodeFlowBlocks(c.Blocks, ctx, 1)
	return e
}

// decodeFlowBlocks decodes the call, parallel, sequence and publish blocks
// of a body, in order, at the given nesting depth.
func (st *loadState) decodeFlowBlocks(blocks hcl.Blocks, ctx *hcl.EvalContext, depth int) []*Step {
	steps := make([]*Step, 0, len(blocks))
	for _, sb := range st.expandDynamic(blocks, ctx, flowBlockSchema) {
		b, ctx := sb.Block, sb.ctx
		switch b.Type {
		case "call":
			steps = append(steps, &Step{Kind: StepCall, Call: st.decodeCallBlock(b, ctx), DeclRange: b.DefRange})
		case "publish":
			steps = append(steps, &Step{Kind: StepPublish, Publish: st.decodePublishBlock(b, ctx), DeclRange: b.DefRange})
		case "parallel", "sequence":
			steps = append(steps, st.decodeGroupBlock(b, ctx, depth))
		}
	}
	return steps
}

// decodeGroupBlock decodes a parallel or sequence block.
func (st *loadState) decodeGroupBlock(b *hcl.Block, ctx *hcl.EvalContext, depth int) *Step {
	s := &Step{Kind: StepKind(b.Type), DeclRange: b.DefRange}
	if depth >= maxFlowDepth {
		st.add(errorAt(b.DefRange, "Flow nested too deep",
			"parallel and sequence blocks nest at most %d deep here. Flatten the endpoint's flow.", maxFlowDepth))
		return s
	}
	c := st.content(b.Body, flowBlockSchema)
	s.Children = st.decodeFlowBlocks(c.Blocks, ctx, depth+1)
	return s
}

var callBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "endpoint"}, {Name: "fallback"}, {Name: "probability"}},
}

// decodeCallBlock decodes a `call "service" {}` block.
func (st *loadState) decodeCallBlock(b *hcl.Block, ctx *hcl.EvalContext) *Call {
	c := st.content(b.Body, callBlockSchema)
	a := st.attrsOf(c, ctx)
	call := &Call{Service: b.Labels[0], Probability: 1, DeclRange: callRange(b)}
	a.str("endpoint", &call.Endpoint)
	a.enum("fallback", "fallback", &call.Fallback, FallbackDefault, FallbackCache, FallbackSkip)
	a.number("probability", &call.Probability)
	a.need(validProbability(call.Probability), "probability", b.DefRange, "probability must be between 0 and 1, not %g.", call.Probability)
	return call
}

// callRange is where a call names its service: the block's header, or,
// for a call made by a dynamic block, the element of its labels list that
// gave this one its name (the header there is the shared `content {`).
func callRange(b *hcl.Block) hcl.Range {
	if len(b.LabelRanges) > 0 && b.LabelRanges[0].Filename == b.DefRange.Filename && !b.DefRange.Overlaps(b.LabelRanges[0]) {
		return b.LabelRanges[0]
	}
	return b.DefRange
}

var publishBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "probability"}},
}

// decodePublishBlock decodes a `publish "queue" {}` block.
func (st *loadState) decodePublishBlock(b *hcl.Block, ctx *hcl.EvalContext) *Publish {
	c := st.content(b.Body, publishBlockSchema)
	a := st.attrsOf(c, ctx)
	p := &Publish{Queue: b.Labels[0], Probability: 1, DeclRange: callRange(b)}
	a.number("probability", &p.Probability)
	a.need(validProbability(p.Probability), "probability", b.DefRange, "probability must be between 0 and 1, not %g.", p.Probability)
	st.ref("queue", p.Queue, b.LabelRanges[0], "publish")
	return p
}

var consumeBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "concurrency"}, {Name: "endpoint"}},
}

// decodeConsumeBlock decodes a `consume "queue" {}` block of a service.
func (st *loadState) decodeConsumeBlock(b *hcl.Block, ctx *hcl.EvalContext) *Consume {
	c := st.content(b.Body, consumeBlockSchema)
	a := st.attrsOf(c, ctx)
	cs := &Consume{Queue: b.Labels[0], Concurrency: 1, DeclRange: b.DefRange}
	a.integer("concurrency", &cs.Concurrency)
	a.str("endpoint", &cs.Endpoint)
	a.need(cs.Concurrency >= 1, "concurrency", b.DefRange, "concurrency must be at least 1, not %d: it is the number of consumers per replica.", cs.Concurrency)
	st.ref("queue", cs.Queue, b.LabelRanges[0], "consume")
	return cs
}

func validProbability(p float64) bool { return p >= 0 && p <= 1 }
