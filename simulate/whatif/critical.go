package whatif

import (
	"sort"

	"github.com/berth-dev/berth/lang"
)

// mustCarry returns the services whose overload fails a run of load ld
// for sure enough to prune it: those its requests reach through calls
// without a fallback (the entry first), and the targets of the slos.
// A service reached only through a fallback (or a queue) degrades the
// answer when it is overloaded, or lets a backlog grow, without failing
// the entry: that is the point of the fallback, so its ρ ≥ 1 proves
// nothing and such a configuration is simulated.
func mustCarry(spec *lang.Spec, ld *lang.Load) map[string]bool {
	out := map[string]bool{}
	for _, slo := range spec.SLOs {
		if slo.Service != "" {
			out[slo.Service] = true
		}
	}
	var visit func(svc *lang.Service, endpoint string)
	visit = func(svc *lang.Service, endpoint string) {
		if svc == nil {
			return
		}
		key := svc.Name + "\x00" + endpoint
		if out[key] {
			return
		}
		out[key], out[svc.Name] = true, true
		for _, e := range svc.Endpoints {
			if endpoint != "" && e.Name != endpoint {
				continue
			}
			e.Flow.Walk(func(s *lang.Step) {
				if s.Kind == lang.StepCall && s.Call != nil && s.Call.Fallback == "" && s.Call.Probability > 0 {
					visit(spec.Services[s.Call.Service], s.Call.Endpoint)
				}
			})
		}
	}
	visit(spec.Services[ld.Entry.Service], ld.Entry.Endpoint)
	return out
}

// bottleneckAmong is Bottleneck over the services in set only (all of
// them when set is nil).
func (o *Offered) bottleneckAmong(set map[string]bool) (string, float64) {
	names := make([]string, 0, len(o.Rate))
	for n := range o.Rate {
		if set == nil || set[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	best, rho := "", 0.0
	for _, n := range names {
		if r := max(o.CPU[n], o.Local[n]); r > rho {
			best, rho = n, r
		}
	}
	return best, rho
}
