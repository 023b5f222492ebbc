package compose

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// startOrder returns, for each service, the services whose containers must
// start first: its depends_on, then the services it calls. A call that
// would close a cycle (services that call each other) is left out of the
// order, since either must start first; a depends_on cycle is an error.
func startOrder(spec *lang.Spec) (map[string][]string, hcl.Diagnostics) {
	svcs := spec.SortedServices()
	if order, ok := acyclicOrder(spec, svcs); ok {
		return order, nil // the common case, in linear time
	}
	g := map[string]map[string]bool{}
	for name := range spec.Services {
		g[name] = map[string]bool{}
	}
	var diags hcl.Diagnostics
	for _, svc := range svcs {
		for _, dep := range sortedUnique(svc.DependsOn) {
			if spec.Services[dep] == nil || dep == svc.Name {
				continue
			}
			if reaches(g, dep, svc.Name) {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Services depend on each other",
					Detail: fmt.Sprintf("%q depends on %q, which depends on %q: neither can start first.", svc.Name, dep, svc.Name), Subject: svc.DeclRange.Ptr()})
				continue
			}
			g[svc.Name][dep] = true
		}
	}
	for _, svc := range svcs {
		for _, callee := range callees(svc) {
			if spec.Services[callee] == nil || callee == svc.Name || g[svc.Name][callee] || reaches(g, callee, svc.Name) {
				continue
			}
			g[svc.Name][callee] = true
		}
	}
	out := map[string][]string{}
	for name, deps := range g {
		for d := range deps {
			out[name] = append(out[name], d)
		}
		sort.Strings(out[name])
	}
	return out, diags
}

// callees returns the services svc's endpoints call, sorted.
func callees(svc *lang.Service) []string {
	var out []string
	for _, e := range svc.Endpoints {
		e.Flow.Walk(func(s *lang.Step) {
			if s.Kind == lang.StepCall && s.Call != nil {
				out = append(out, s.Call.Service)
			}
		})
	}
	return sortedUnique(out)
}

// reaches reports whether to is reachable from from in g.
func reaches(g map[string]map[string]bool, from, to string) bool {
	seen := map[string]bool{}
	stack := []string{from}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == to {
			return true
		}
		if seen[n] {
			continue
		}
		seen[n] = true
		for m := range g[n] {
			stack = append(stack, m)
		}
	}
	return false
}

// acyclicOrder returns every depends_on and call edge when together they
// form no cycle (checked with Kahn's algorithm), and false otherwise; svcs
// are the spec's services, sorted.
func acyclicOrder(spec *lang.Spec, svcs []*lang.Service) (map[string][]string, bool) {
	out := map[string][]string{}
	indeg := map[string]int{}
	users := map[string][]string{}
	for _, svc := range svcs {
		indeg[svc.Name] += 0
		for _, dep := range sortedUnique(append(append([]string(nil), svc.DependsOn...), callees(svc)...)) {
			if spec.Services[dep] == nil || dep == svc.Name {
				continue
			}
			out[svc.Name] = append(out[svc.Name], dep)
			indeg[svc.Name]++
			users[dep] = append(users[dep], svc.Name)
		}
	}
	var ready []string
	for n, d := range indeg {
		if d == 0 {
			ready = append(ready, n)
		}
	}
	seen := 0
	for len(ready) > 0 {
		n := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		seen++
		for _, u := range users[n] {
			if indeg[u]--; indeg[u] == 0 {
				ready = append(ready, u)
			}
		}
	}
	return out, seen == len(indeg)
}
