package lang

import (
	"sort"
	"time"

	"github.com/hashicorp/hcl/v2"
)

var loadBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "entry", Required: true}, {Name: "endpoint"}, {Name: "rate"}, {Name: "arrival"},
		{Name: "duration"}, {Name: "warmup"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "ramp"}, {Type: "step"}, {Type: "burst"}},
}

// decodeLoadBlock decodes a `load "name" {}` block.
func (st *loadState) decodeLoadBlock(b *hcl.Block) *Load {
	c := st.content(b.Body, loadBlockSchema)
	a := st.attrsOf(c, st.ctx)
	ld := &Load{Name: b.Labels[0], Arrival: ArrivalPoisson, Duration: 60 * time.Second, DeclRange: b.DefRange}
	a.name("entry", &ld.Entry.Service)
	a.str("endpoint", &ld.Entry.Endpoint)
	ld.Entry.Range = a.rng("entry")
	if a.has("endpoint") {
		ld.Entry.Range = hcl.RangeBetween(a.rng("entry"), a.rng("endpoint"))
	}
	st.ref("service", ld.Entry.Service, a.rng("entry"), "the load's entry")
	a.enum("arrival", "arrival process", &ld.Arrival, ArrivalPoisson, ArrivalConstant, ArrivalBursty)
	a.duration("duration", &ld.Duration)
	a.duration("warmup", &ld.Warmup)
	a.need(ld.Duration > 0, "duration", b.DefRange, "duration must be more than zero.")
	a.need(ld.Warmup < ld.Duration, "warmup", b.DefRange, "warmup (%s) must be shorter than the duration (%s).", ld.Warmup, ld.Duration)
	ld.Profile = st.decodeRateProfile(b, a, c.Blocks)
	st.decodeBurst(ld, a, c.Blocks)
	return ld
}

// decodeRateProfile builds the rate profile from rate, ramp and step.
func (st *loadState) decodeRateProfile(b *hcl.Block, a attrs, blocks hcl.Blocks) RateProfile {
	p := RateProfile{Kind: ProfileConstant}
	a.number("rate", &p.Rate)
	a.need(p.Rate >= 0, "rate", b.DefRange, "rate must be 0 or more requests/s, not %g.", p.Rate)
	var ramps, steps int
	for _, nb := range blocks {
		switch nb.Type {
		case "ramp":
			if ramps++; ramps > 1 || a.has("rate") {
				st.add(errorAt(nb.DefRange, "Conflicting rate profiles",
					"A load has one profile: rate (with optional step blocks) or a single ramp block. Remove the extra one."))
				continue
			}
			st.decodeRamp(nb, &p)
		case "step":
			steps++
			p.Kind = ProfileSteps
			p.Steps = append(p.Steps, st.decodeStep(nb))
		}
	}
	if ramps > 0 && steps > 0 {
		st.add(errorAt(b.DefRange, "Conflicting rate profiles", "A load takes a ramp block or step blocks, not both. Remove one kind."))
	}
	if ramps == 0 && !a.has("rate") && steps == 0 {
		st.add(errorAt(b.DefRange, "Missing load rate",
			"A load needs a rate (requests/s), a ramp block or step blocks. Add rate = 100, for example."))
	}
	sort.SliceStable(p.Steps, func(i, j int) bool { return p.Steps[i].At < p.Steps[j].At })
	return p
}

var rampBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "from", Required: true}, {Name: "to", Required: true}, {Name: "over", Required: true}},
}

func (st *loadState) decodeRamp(b *hcl.Block, p *RateProfile) {
	c := st.content(b.Body, rampBlockSchema)
	a := st.attrsOf(c, st.ctx)
	p.Kind = ProfileRamp
	a.number("from", &p.From)
	a.number("to", &p.To)
	a.duration("over", &p.Over)
	a.need(p.From >= 0, "from", b.DefRange, "from must be 0 or more requests/s, not %g.", p.From)
	a.need(p.To >= 0, "to", b.DefRange, "to must be 0 or more requests/s, not %g.", p.To)
}

var stepBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "at", Required: true}, {Name: "rate", Required: true}},
}

func (st *loadState) decodeStep(b *hcl.Block) RateStep {
	c := st.content(b.Body, stepBlockSchema)
	a := st.attrsOf(c, st.ctx)
	var s RateStep
	a.duration("at", &s.At)
	a.number("rate", &s.Rate)
	a.need(s.Rate >= 0, "rate", b.DefRange, "rate must be 0 or more requests/s, not %g.", s.Rate)
	return s
}

var burstBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "on", Required: true}, {Name: "off", Required: true}},
}

// decodeBurst decodes the burst block of a bursty load.
func (st *loadState) decodeBurst(ld *Load, a attrs, blocks hcl.Blocks) {
	var burst *hcl.Block
	for _, nb := range blocks {
		if nb.Type == "burst" {
			burst = nb
		}
	}
	switch {
	case burst == nil && ld.Arrival == ArrivalBursty:
		st.add(errorAt(a.rng("arrival"), "Missing burst block",
			`A bursty load needs a burst block with its phases, like burst { on = "1s"  off = "4s" }.`))
	case burst != nil && ld.Arrival != ArrivalBursty:
		st.add(errorAt(burst.DefRange, "Unexpected burst block",
			`A burst block applies only to arrival = "bursty". Remove it, or set the arrival.`))
	case burst != nil:
		c := st.content(burst.Body, burstBlockSchema)
		ba := st.attrsOf(c, st.ctx)
		ba.duration("on", &ld.BurstOn)
		ba.duration("off", &ld.BurstOff)
		ba.need(ld.BurstOn > 0, "on", burst.DefRange, "on must be more than zero.")
	}
}
