package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// A reference to a service, service.NAME, is an object with the service's
// name and a map of its endpoints, so that service.NAME.endpoint.EP names
// one endpoint (a load's entry). Every service object has the same type
// (the endpoints are a map), so services mix in lists and conditionals as
// they did when they carried only a name.

// endpointRefType is the type of service.NAME.endpoint.EP.
var endpointRefType = cty.Object(map[string]cty.Type{"service": cty.String, "endpoint": cty.String})

// serviceObject is the value of a reference to the service name whose
// endpoint blocks are labelled endpoints.
func serviceObject(name string, endpoints []string) cty.Value {
	eps := make(map[string]cty.Value, len(endpoints))
	for _, ep := range endpoints {
		eps[ep] = cty.ObjectVal(map[string]cty.Value{"service": cty.StringVal(name), "endpoint": cty.StringVal(ep)})
	}
	m := cty.MapValEmpty(endpointRefType)
	if len(eps) > 0 {
		m = cty.MapVal(eps)
	}
	return cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal(name), "endpoint": m})
}

// declaredServiceObject is the value of a reference to a service before
// it is decoded. Endpoint labels are literal, so they are known then,
// unless a dynamic block makes endpoints: the endpoint map is unknown
// until the service is decoded (refreshServiceObjects), and a reference to
// one of them evaluates to unknown meanwhile instead of failing.
func declaredServiceObject(name string, body hcl.Body) (v cty.Value, dynamic bool) {
	var labels []string
	if sb, ok := body.(*hclsyntax.Body); ok {
		for _, b := range sb.Blocks {
			switch {
			case b.Type == "endpoint" && len(b.Labels) == 1:
				labels = append(labels, b.Labels[0])
			case b.Type == "dynamic" && len(b.Labels) == 1 && b.Labels[0] == "endpoint":
				dynamic = true
			}
		}
	}
	if dynamic {
		return cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal(name), "endpoint": cty.UnknownVal(cty.Map(endpointRefType))}), true
	}
	if len(labels) == 0 {
		labels = []string{"default"}
	}
	return serviceObject(name, labels), false
}

// refreshServiceObjects gives the services whose endpoints a dynamic block
// makes their decoded endpoints, evaluates again the locals that were
// unknown for it, and rebuilds the evaluation context, so that the blocks
// decoded after the services (links, loads, scenarios, slos) can name
// those endpoints.
func (st *loadState) refreshServiceObjects() {
	if !st.dynamicEndpoints {
		return
	}
	objs := st.ev.objects["service"]
	for _, b := range st.decls.blocks["service"] {
		label := b.Labels[0]
		if insts, ok := st.forEach[label]; ok {
			m := make(map[string]cty.Value, len(insts))
			for _, in := range insts {
				m[in.key] = decodedServiceObject(st.spec.Services[in.name], in.name)
			}
			if len(m) > 0 {
				objs[label] = cty.ObjectVal(m)
			}
			continue
		}
		if syntaxAttr(b.Body, "for_each") == nil {
			objs[label] = decodedServiceObject(st.spec.Services[label], label)
		}
	}
	st.reevalUnknownLocals()
	st.ctx = st.ev.context()
}

// decodedServiceObject is serviceObject of a decoded service (nil when it
// failed to decode: its endpoints stay unknown).
func decodedServiceObject(svc *Service, name string) cty.Value {
	if svc == nil {
		return cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal(name), "endpoint": cty.UnknownVal(cty.Map(endpointRefType))})
	}
	labels := make([]string, len(svc.Endpoints))
	for i, e := range svc.Endpoints {
		labels[i] = e.Name
	}
	return serviceObject(name, labels)
}

// endpointRef returns the service and endpoint of a value of
// service.NAME.endpoint.EP; ok is false for any other value.
func endpointRef(v cty.Value) (service, endpoint string, ok bool) {
	if v.IsNull() || !v.IsWhollyKnown() || !v.Type().Equals(endpointRefType) {
		return "", "", false
	}
	return v.GetAttr("service").AsString(), v.GetAttr("endpoint").AsString(), true
}

// endpointRefError reports service.NAME.endpoint.EP (or
// service.NAME["KEY"].endpoint.EP) when the service has no endpoint EP, at
// EP, with a suggestion. services is the value of the root "service".
func endpointRefError(tr hcl.Traversal, services cty.Value) *hcl.Diagnostic {
	if tr.RootName() != "service" {
		return nil
	}
	cur := services
	for i := 1; i < len(tr); i++ {
		if attr, ok := tr[i].(hcl.TraverseAttr); ok && isServiceObject(cur) {
			switch {
			case attr.Name != "name" && attr.Name != "endpoint":
				return unsupportedServiceAttr(attr, cur)
			case attr.Name == "endpoint" && i+1 < len(tr):
				return unknownEndpointStep(tr[i+1], cur)
			}
		}
		if name, idx, ok := instanceIndex(tr, i); ok {
			if d := unknownInstance(name, idx, cur); d != nil {
				return d
			}
		}
		next, diags := tr[i].TraversalStep(cur)
		if diags.HasErrors() || !next.IsWhollyKnown() || next.IsNull() {
			return nil
		}
		cur = next
	}
	return nil
}

// unsupportedServiceAttr reports service.NAME.X for an X that is neither
// name nor endpoint.
func unsupportedServiceAttr(attr hcl.TraverseAttr, svc cty.Value) *hcl.Diagnostic {
	service := svc.GetAttr("name").AsString()
	return errorAt(attr.SrcRange, "Unsupported attribute",
		"A service reference has two attributes: name, and endpoint, which names one endpoint (service.%s.endpoint.ENDPOINT); %q is neither.%s",
		service, attr.Name, didYouMean(attr.Name, []string{"name", "endpoint"}))
}

func isServiceObject(v cty.Value) bool {
	ty := v.Type() // the type first: the object of all services is large, and IsWhollyKnown walks it
	return ty.IsObjectType() && ty.HasAttribute("name") && ty.HasAttribute("endpoint") && !v.IsNull() && v.IsWhollyKnown()
}

// unknownEndpointStep reports step, the endpoint name after
// service.NAME.endpoint, unless svc has that endpoint.
func unknownEndpointStep(step hcl.Traverser, svc cty.Value) *hcl.Diagnostic {
	var name string
	switch s := step.(type) {
	case hcl.TraverseAttr:
		name = s.Name
	case hcl.TraverseIndex:
		if s.Key.Type() != cty.String || !s.Key.IsKnown() || s.Key.IsNull() {
			return nil
		}
		name = s.Key.AsString()
	default:
		return nil
	}
	eps := svc.GetAttr("endpoint")
	if eps.LengthInt() > 0 && eps.HasIndex(cty.StringVal(name)).True() {
		return nil
	}
	var names []string
	for it := eps.ElementIterator(); it.Next(); {
		k, _ := it.Element()
		names = append(names, k.AsString())
	}
	service := svc.GetAttr("name").AsString()
	return errorAt(step.SourceRange(), "Unknown endpoint",
		"Service %q has no endpoint named %q.%s Its endpoints are: %s. Name one of them, or declare an endpoint %q block in service %q.",
		service, name, didYouMean(name, names), joinQuoted(names), name, service)
}
