package lang

import "github.com/hashicorp/hcl/v2"

var sloBlockSchema = &hcl.BodySchema{
	Attributes: append([]hcl.AttributeSchema{{Name: "service"}, {Name: "endpoint"}}, expectAttributes...),
}

// sloServiceForms lists the ways to write an slo's subject, for messages.
const sloServiceForms = `service = service.NAME (every request it answers), service = service.NAME.endpoint.ENDPOINT (one endpoint), or service = service.NAME with endpoint = "ENDPOINT"`

// decodeSLOBlock decodes an `slo "name" {}` block. Its service may name
// one endpoint, as a load's entry does.
func (st *loadState) decodeSLOBlock(b *hcl.Block) *SLO {
	c := st.content(b.Body, sloBlockSchema)
	a := st.attrsOf(c, st.ctx)
	s := &SLO{Name: b.Labels[0], DeclRange: b.DefRange}
	if v, ok := a.value("service"); ok {
		if svc, ep, isEP := endpointRef(v); isEP {
			s.Service, s.Endpoint = svc, ep
		} else if n, err := nameOf(v); err == nil {
			s.Service = n
		} else {
			st.add(errorAt(a.rng("service"), "Incorrect attribute value type", "service must name a service or one of its endpoints: %s. Write %s.", err, sloServiceForms))
		}
	}
	if a.has("endpoint") {
		if s.Endpoint != "" {
			st.add(errorAt(a.rng("endpoint"), "Conflicting arguments",
				"service already names the endpoint %q of service %q. Remove endpoint, or write service = service.%s.", s.Endpoint, s.Service, s.Service))
		} else {
			a.str("endpoint", &s.Endpoint)
		}
	}
	st.ref("service", s.Service, a.rng("service"), "the slo")
	s.Expect = st.decodeExpect(a, b.DefRange)
	return s
}
