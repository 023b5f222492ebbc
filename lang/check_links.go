package lang

import (
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// checkCalls reports calls to unknown services and gives every call
// without a link block an implicit link, with a warning on its first call.
func (st *loadState) checkCalls() {
	var names []string // the services, listed on the first unknown one
	for _, svc := range st.services {
		forEachCall(svc, func(_ *Endpoint, c *Call) {
			if st.spec.Services[c.Service] == nil {
				if note := st.fleetNote(c.Service, "call"); note != "" {
					st.add(errorAt(c.DeclRange, "Call to a for_each service",
						"Service %q calls %q.%s", svc.Name, c.Service, note))
					return
				}
				if names == nil {
					names = keysOf(st.spec.Services)
				}
				st.add(errorAt(c.DeclRange, "Call to unknown service",
					"Service %q calls %q, which is not declared.%s Declare the service, or fix the name.",
					svc.Name, c.Service, didYouMean(c.Service, names)))
				return
			}
			if c.Service == svc.Name {
				st.add(errorAt(c.DeclRange, "Service calls itself",
					"Service %q calls itself; a call goes to another service. Remove the call.", svc.Name))
				return
			}
			key := LinkKey{svc.Name, c.Service}
			if st.spec.Links[key] != nil {
				return
			}
			st.spec.Links[key] = implicitLink(svc.Name, c.Service, c.DeclRange)
			st.add(warningAt(c.DeclRange, "Call without a link",
				"Service %q calls %q, but no link \"%s\" \"%s\" block declares the policy of that edge. It gets the defaults: no timeout, no retries and no circuit breaker. Declare the link to set them.",
				svc.Name, c.Service, svc.Name, c.Service))
		})
	}
}

// checkLinks checks each link against its two services: a shared network,
// and a timeout that the callee can meet.
func (st *loadState) checkLinks() {
	var timeouts map[LinkKey]hcl.Range // made on the first warning
	for _, l := range st.spec.SortedLinks() {
		from, to := st.spec.Services[l.From], st.spec.Services[l.To]
		if from == nil || to == nil {
			continue
		}
		if !shareNetwork(from, to) {
			st.add(errorAt(l.DeclRange, "No shared network",
				"Service %q (networks %s) calls %q (networks %s), but they share no network, so the call cannot reach it. Add a common network to both.",
				l.From, joinQuoted(effectiveNetworks(from)), l.To, joinQuoted(effectiveNetworks(to))))
		}
		st.checkTimeout(l, to, &timeouts)
	}
}

// checkTimeout warns when a link's timeout is below the callee's median
// service time: most attempts would time out. The warning points at the
// timeout attribute, found in *timeouts (made from the side ranges when
// it is first needed).
func (st *loadState) checkTimeout(l *Link, to *Service, timeouts *map[LinkKey]hcl.Range) {
	if l.Timeout <= 0 {
		return
	}
	st2, ep := calledServiceTime(st.spec.Services[l.From], to)
	if st2.IsZero() {
		return
	}
	median := time.Duration(st2.Median() * 1e9)
	if l.Timeout >= median {
		return
	}
	if *timeouts == nil {
		*timeouts = make(map[LinkKey]hcl.Range, len(st.side.linkTimeouts))
		for _, t := range st.side.linkTimeouts {
			(*timeouts)[t.key] = t.rng
		}
	}
	rng, ok := (*timeouts)[l.Key()]
	if !ok {
		rng = l.DeclRange
	}
	callee := fmt.Sprintf("%q", l.To)
	if ep != "" {
		callee = fmt.Sprintf("endpoint %q of %q", ep, l.To)
	}
	st.add(warningAt(rng, "Timeout shorter than the callee's service time",
		"The link from %q to %q times out after %s, but %s takes %s (median of %s) to serve a request, so most attempts will time out. Raise the timeout or speed up the callee.",
		l.From, l.To, l.Timeout, callee, roundDuration(median), st2.Source))
}

// calledServiceTime returns the service time of the callee's endpoint that
// from calls with the largest median (an endpoint's own service_time, or
// the callee's capacity.service_time), and that endpoint's name when it
// has its own. Without calls it is the callee's first endpoint's.
func calledServiceTime(from, to *Service) (Dist, string) {
	var best Dist
	bestName := ""
	consider := func(name string) {
		e := to.Endpoint(name)
		d, own := to.Capacity.ServiceTime, ""
		if e != nil && e.ServiceTime != nil {
			d, own = *e.ServiceTime, e.Name
		}
		if !d.IsZero() && (best.IsZero() || d.Median() > best.Median()) {
			best, bestName = d, own
		}
	}
	called := false
	if from != nil {
		forEachCall(from, func(_ *Endpoint, c *Call) {
			if c.Service == to.Name {
				called = true
				consider(c.Endpoint)
			}
		})
	}
	if !called {
		consider("")
	}
	return best, bestName
}

// roundDuration rounds d for a message to three significant digits
// (69.314718ms is 69.3ms).
func roundDuration(d time.Duration) time.Duration {
	g := time.Duration(1)
	for g*1000 <= d {
		g *= 10
	}
	return d.Round(g)
}

// effectiveNetworks returns the networks a service joins: its own, or the
// project's default network.
func effectiveNetworks(s *Service) []string {
	if len(s.Networks) == 0 {
		return []string{DefaultNetwork}
	}
	return s.Networks
}

func shareNetwork(a, b *Service) bool {
	for _, x := range effectiveNetworks(a) {
		for _, y := range effectiveNetworks(b) {
			if x == y {
				return true
			}
		}
	}
	return false
}

func joinQuoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

var _ hcl.Range
