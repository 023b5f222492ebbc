package lang

import "github.com/hashicorp/hcl/v2"

var sloBlockSchema = &hcl.BodySchema{
	Attributes: append([]hcl.AttributeSchema{{Name: "service"}, {Name: "endpoint"}}, expectAttributes...),
}

// decodeSLOBlock decodes an `slo "name" {}` block.
func (st *loadState) decodeSLOBlock(b *hcl.Block) *SLO {
	c := st.content(b.Body, sloBlockSchema)
	a := st.attrsOf(c, st.ctx)
	s := &SLO{Name: b.Labels[0], DeclRange: b.DefRange}
	a.name("service", &s.Service)
	a.str("endpoint", &s.Endpoint)
	st.ref("service", s.Service, a.rng("service"), "the slo")
	s.Expect = st.decodeExpect(a, b.DefRange)
	return s
}
