package lang

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

var loadBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "entry", Required: true}, {Name: "endpoint"}, {Name: "rate"}, {Name: "arrival"},
		{Name: "duration"}, {Name: "warmup"}, {Name: "timeout"}, {Name: "users"}, {Name: "think_time"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "ramp"}, {Type: "step"}, {Type: "diurnal"}, {Type: "burst"}},
}

// decodeLoadBlock decodes a `load "name" {}` block.
func (st *loadState) decodeLoadBlock(b *hcl.Block) *Load {
	c := st.content(b.Body, loadBlockSchema)
	a := st.attrsOf(c, st.ctx)
	ld := &Load{Name: b.Labels[0], Arrival: ArrivalPoisson, Duration: 60 * time.Second, DeclRange: b.DefRange}
	st.decodeEntry(a, ld)
	a.enum("arrival", "arrival process", &ld.Arrival, ArrivalPoisson, ArrivalConstant, ArrivalBursty)
	a.duration("duration", &ld.Duration)
	a.duration("warmup", &ld.Warmup)
	a.duration("timeout", &ld.Timeout)
	a.need(ld.Duration > 0, "duration", b.DefRange, "duration must be more than zero.")
	a.need(ld.Warmup < ld.Duration || ld.Duration <= 0, "warmup", b.DefRange, "warmup (%s) must be shorter than the duration (%s).", ld.Warmup, ld.Duration)
	if st.decodeClosed(b, a, c.Blocks, ld) {
		return ld
	}
	ld.Profile = st.decodeRateProfile(b, a, c.Blocks, ld.Duration)
	st.decodeBurst(ld, a, c.Blocks)
	return ld
}
