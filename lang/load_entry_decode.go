package lang

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// entryForms lists the ways to write a load's entry, for messages.
const entryForms = `entry = service.NAME (its endpoints by weight), entry = service.NAME.endpoint.ENDPOINT (one endpoint), or entry = service.NAME with endpoint = "ENDPOINT"`

// decodeEntry decodes a load's entry: a service, or one endpoint of it
// named by the reference or by the endpoint attribute. The services are
// decoded before the loads, so the entry is checked here.
func (st *loadState) decodeEntry(a attrs, ld *Load) {
	ref := &ld.Entry
	ref.Range = a.rng("entry")
	if v, ok := a.value("entry"); ok {
		if svc, ep, isEP := endpointRef(v); isEP {
			ref.Service, ref.Endpoint = svc, ep
		} else if n, err := nameOf(v); err == nil {
			ref.Service = n
		} else {
			st.add(errorAt(ref.Range, "Incorrect attribute value type", "entry must name a service or one of its endpoints: %s. Write %s.", err, entryForms))
		}
	}
	if ref.Service == "" && isNull(a, "entry") {
		st.add(errorAt(ref.Range, "Missing required argument",
			"entry is null, and a load must enter a service. Write %s.", entryForms))
	}
	if a.has("endpoint") {
		if ref.Endpoint != "" {
			st.add(errorAt(a.rng("endpoint"), "Conflicting arguments",
				"entry already names the endpoint %q of service %q. Remove endpoint, or write entry = service.%s.", ref.Endpoint, ref.Service, ref.Service))
		} else {
			a.str("endpoint", &ref.Endpoint)
			ref.Range = hcl.RangeBetween(a.rng("entry"), a.rng("endpoint"))
		}
	}
	st.checkEntryService(*ref, a.rng("entry"))
}

// checkEntryService reports an entry written "service.endpoint" as a
// string; any other name is resolved with the other names (check_refs.go).
func (st *loadState) checkEntryService(ref Ref, rng hcl.Range) {
	svc, ep, dotted := strings.Cut(ref.Service, ".")
	if !dotted || st.declared("service", ref.Service) || !st.declared("service", svc) {
		st.ref("service", ref.Service, rng, "the load's entry")
		return
	}
	st.add(errorAt(rng, "Unknown service",
		"The load's entry names the service %q, which is not declared. To enter the endpoint %q of service %q, write entry = service.%s.endpoint.%s. A load's entry is written %s.",
		ref.Service, ep, svc, svc, ep, entryForms))
}

// isNull reports whether the attribute evaluates, without error, to null
// (Terraform reads a required attribute given as null as missing). The
// literal null is reported for every required attribute, by content.
func isNull(a attrs, name string) bool {
	e, ok := a.expr(name)
	if _, lit := e.(*hclsyntax.LiteralValueExpr); !ok || lit {
		return false
	}
	v, diags := eval(e, a.ctx)
	return !diags.HasErrors() && v.IsKnown() && v.IsNull()
}
