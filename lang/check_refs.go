package lang

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/internal/words"
)

// known returns the names declared for a kind of reference.
func (st *loadState) known(kind string) map[string]bool {
	s := st.spec
	out := map[string]bool{}
	add := func(names []string) {
		for _, n := range names {
			out[n] = true
		}
	}
	switch kind {
	case "service":
		add(keysOf(s.Services))
	case "network":
		add(keysOf(s.Networks))
		out[DefaultNetwork] = true
	case "volume":
		add(keysOf(s.Volumes))
	case "secret":
		add(keysOf(s.Secrets))
	case "config":
		add(keysOf(s.Configs))
	case "queue":
		add(keysOf(s.Queues))
	case "load":
		add(keysOf(s.Loads))
	}
	return out
}

// declared reports whether a name of a kind of reference is declared.
func (st *loadState) declared(kind, name string) bool {
	s := st.spec
	switch kind {
	case "service":
		return has(s.Services, name)
	case "network":
		return has(s.Networks, name) || name == DefaultNetwork
	case "volume":
		return has(s.Volumes, name)
	case "secret":
		return has(s.Secrets, name)
	case "config":
		return has(s.Configs, name)
	case "queue":
		return has(s.Queues, name)
	case "load":
		return has(s.Loads, name)
	}
	return false
}

func has[V any](m map[string]V, k string) bool { _, ok := m[k]; return ok }

// checkNameRefs reports every name given as a string that names nothing.
// The names of a kind are listed, for suggestions, on its first miss.
func (st *loadState) checkNameRefs() {
	var candidates map[string][]string
	for _, r := range st.side.refs {
		if st.declared(r.kind, r.name) {
			continue
		}
		if r.kind == "service" {
			if note := st.fleetNote(r.name, "name"); note != "" {
				st.add(errorAt(r.rng, "Reference to a for_each service",
					"%s names %q.%s", capitalize(r.what), r.name, note))
				continue
			}
		}
		if candidates == nil {
			candidates = map[string][]string{}
		}
		if _, ok := candidates[r.kind]; !ok {
			candidates[r.kind] = keysOf(st.known(r.kind))
		}
		st.add(unknownName(r, candidates[r.kind]))
	}
}

func unknownName(r nameRef, candidates []string) *hcl.Diagnostic {
	return errorAt(r.rng, "Unknown "+r.kind,
		"%s names the %s %q, which is not declared.%s Declare %s block with that name, or fix the name.",
		capitalize(r.what), r.kind, r.name, didYouMean(r.name, candidates), words.A(r.kind))
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// checkEndpointRefs reports endpoints named by calls, consumers, loads and
// SLOs that their service does not have.
func (st *loadState) checkEndpointRefs() {
	for _, svc := range st.services {
		forEachCall(svc, func(_ *Endpoint, c *Call) {
			st.checkEndpoint(c.Service, c.Endpoint, c.DeclRange, "the call")
		})
		for _, cs := range svc.Consumes {
			st.checkEndpoint(svc.Name, cs.Endpoint, cs.DeclRange, "the consumer")
		}
	}
	for _, name := range keysOf(st.spec.Loads) {
		ld := st.spec.Loads[name]
		st.checkEndpoint(ld.Entry.Service, ld.Entry.Endpoint, ld.DeclRange, "the load")
	}
	for _, name := range keysOf(st.spec.SLOs) {
		slo := st.spec.SLOs[name]
		st.checkEndpoint(slo.Service, slo.Endpoint, slo.DeclRange, "the slo")
	}
}

// checkEndpoint reports when service exists but has no endpoint named ep,
// at the endpoint attribute of the block declared at blockRng.
func (st *loadState) checkEndpoint(service, ep string, blockRng hcl.Range, what string) {
	svc := st.spec.Services[service]
	if svc == nil || ep == "" || svc.Endpoint(ep) != nil {
		return
	}
	rng := st.attrIn(blockRng, "endpoint")
	names := make([]string, len(svc.Endpoints))
	for i, e := range svc.Endpoints {
		names[i] = e.Name
	}
	st.add(errorAt(rng, "Unknown endpoint",
		"%s names the endpoint %q of service %q, which has no such endpoint.%s Its endpoints are: %s.",
		capitalize(what), ep, service, didYouMean(ep, names), joinQuoted(names)))
}

// forEachCall calls fn for every call of every endpoint of svc.
func forEachCall(svc *Service, fn func(*Endpoint, *Call)) {
	for _, e := range svc.Endpoints {
		e.Flow.Walk(func(s *Step) {
			if s.Kind == StepCall && s.Call != nil {
				fn(e, s.Call)
			}
		})
	}
}
