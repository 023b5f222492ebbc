package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// pathFindings checks the synchronous call structure: chain depth,
// single replicas on critical paths, calls without fallbacks.
func (c *checker) pathFindings() {
	c.deepChains()
	c.singleReplicas()
	c.missingFallbacks()
}

// callSite is one call step of an endpoint.
type callSite struct {
	from, endpoint string
	call           *lang.Call
	rng            hcl.Range
	inParallel     bool // a direct child of a parallel block with siblings
}

// callSites returns every call of svc's endpoints, in declaration order.
func callSites(svc *lang.Service) []callSite {
	var out []callSite
	for _, ep := range svc.Endpoints {
		var walk func(st *lang.Step, parallel bool)
		walk = func(st *lang.Step, parallel bool) {
			if st == nil {
				return
			}
			if st.Kind == lang.StepCall && st.Call != nil {
				out = append(out, callSite{from: svc.Name, endpoint: ep.Name, call: st.Call, rng: st.Call.DeclRange, inParallel: parallel})
			}
			for _, ch := range st.Children {
				walk(ch, st.Kind == lang.StepParallel && len(st.Children) > 1)
			}
		}
		walk(ep.Flow, false)
	}
	return out
}

// deepChains reports, for each service no one calls, the longest
// synchronous chain below it when it has more calls than MaxDepth.
func (c *checker) deepChains() {
	g := c.spec.CallGraph()
	memo := map[string][]string{}
	var longest func(s string, depth int) []string
	longest = func(s string, depth int) []string {
		if p, ok := memo[s]; ok {
			return p
		}
		best := []string{s}
		if depth < 64 {
			for _, callee := range g.Callees[s] {
				if p := longest(callee, depth+1); len(p)+1 > len(best) {
					best = append([]string{s}, p...)
				}
			}
		}
		memo[s] = best
		return best
	}
	for _, svc := range c.spec.SortedServices() {
		if len(g.Callers[svc.Name]) > 0 {
			continue
		}
		chain := longest(svc.Name, 0)
		if calls := len(chain) - 1; calls > c.opts.MaxDepth {
			rng := c.callRange(chain[len(chain)-2], chain[len(chain)-1])
			c.add(KindDeepChain, SeverityWarning, "chain."+svc.Name, rng, float64(calls), fmt.Sprintf(
				"A synchronous chain of %d calls, deeper than %d: %s. Latencies add up along it and every hop can fail the request; make a hop asynchronous (a queue) or merge services.",
				calls, c.opts.MaxDepth, strings.Join(chain, " → ")))
		}
	}
}

// callRange is the range of the first call from → to.
func (c *checker) callRange(from, to string) hcl.Range {
	if svc := c.spec.Services[from]; svc != nil {
		for _, cs := range callSites(svc) {
			if cs.call.Service == to {
				return cs.rng
			}
		}
	}
	return hcl.Range{}
}

// singleReplicas reports single-replica services on a critical path: one
// that a load's entry reaches through calls without a fallback.
func (c *checker) singleReplicas() {
	paths := c.criticalPaths()
	names := make([]string, 0, len(paths))
	for n := range paths {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		svc := c.spec.Services[n]
		if svc == nil || svc.Replicas != 1 {
			continue
		}
		rng, _ := c.src.attrRange([]string{"service", serviceLabel(svc)}, svc.DeclRange, "replicas")
		if rng.Filename == "" || rng == svc.DeclRange {
			rng = svc.DeclRange
		}
		c.add(KindSingleReplica, SeverityWarning, "service."+n, rng, 1, fmt.Sprintf(
			"%s runs a single replica on a critical synchronous path (%s, no fallback): while it is down, those requests fail. Run 2 or more replicas, or give the call a fallback.",
			n, strings.Join(paths[n], " → ")))
	}
}

// criticalPaths returns, for every service a load's entry reaches
// through calls without a fallback, one such path from the entry.
func (c *checker) criticalPaths() map[string][]string {
	paths := map[string][]string{}
	var queue []string
	for _, ld := range c.spec.SortedLoads() {
		if e := ld.Entry.Service; c.spec.Services[e] != nil && paths[e] == nil {
			paths[e] = []string{e}
			queue = append(queue, e)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, cs := range callSites(c.spec.Services[s]) {
			to := cs.call.Service
			if cs.call.Fallback != lang.FallbackNone || c.spec.Services[to] == nil || paths[to] != nil {
				continue
			}
			paths[to] = append(append([]string{}, paths[s]...), to)
			queue = append(queue, to)
		}
	}
	return paths
}

// missingFallbacks reports non-critical calls (a branch of their own in a
// parallel block) that have no fallback.
func (c *checker) missingFallbacks() {
	for _, svc := range c.spec.SortedServices() {
		for _, cs := range callSites(svc) {
			if !cs.inParallel || cs.call.Fallback != lang.FallbackNone {
				continue
			}
			c.add(KindNoFallback, SeverityNotice, fmt.Sprintf("call.%s/%s->%s", svc.Name, cs.endpoint, cs.call.Service), cs.rng, 1, fmt.Sprintf(
				"The call from %s.%s to %s is a branch of its own in a parallel block, so nothing in the endpoint waits for its result, yet it has no fallback: when %s fails, the whole request fails. If the answer can do without it, add `fallback = \"default\"` (or cache, skip).",
				svc.Name, cs.endpoint, cs.call.Service, cs.call.Service))
		}
	}
}
