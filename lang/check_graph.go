package lang

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// checkCallCycles reports cycles in the synchronous call graph: with
// thread-per-request workers they deadlock under load.
func (st *loadState) checkCallCycles() {
	var firstCall map[LinkKey]hcl.Range // made on the first cycle
	for _, cyc := range st.spec.CallGraph().Cycles() {
		if len(cyc) == 2 {
			continue // a service calling itself is reported by checkCalls
		}
		if firstCall == nil {
			firstCall = st.firstCalls()
		}
		st.add(errorAt(firstCall[LinkKey{cyc[0], cyc[1]}], "Cycle in the call graph",
			"The synchronous calls form a cycle: %s. A request would wait on itself, holding a worker at every hop. Break the cycle, for example by publishing to a queue instead of calling.",
			strings.Join(cyc, " -> ")))
	}
}

// firstCalls returns the range of the first call along each edge of the
// call graph.
func (st *loadState) firstCalls() map[LinkKey]hcl.Range {
	firstCall := make(map[LinkKey]hcl.Range, len(st.spec.Links))
	for _, svc := range st.services {
		forEachCall(svc, func(_ *Endpoint, c *Call) {
			k := LinkKey{svc.Name, c.Service}
			if _, ok := firstCall[k]; !ok {
				firstCall[k] = c.DeclRange
			}
		})
	}
	return firstCall
}

// portKey identifies a published host port, regardless of the address.
type portKey struct {
	proto string
	port  int
}

// portUse is one service's use of a host port.
type portUse struct {
	service string
	ip      string
	rng     hcl.Range
}

// checkPorts reports two ports publishing the same host port on
// overlapping addresses ("" and 0.0.0.0 overlap every address).
func (st *loadState) checkPorts() {
	uses := map[portKey][]portUse{}
	for _, svc := range st.services {
		for _, p := range svc.Ports {
			if p.Published == 0 {
				continue
			}
			k := portKey{p.Protocol, p.Published}
			u := portUse{service: svc.Name, ip: p.HostIP, rng: p.DeclRange}
			for _, prev := range uses[k] {
				if ipsOverlap(prev.ip, u.ip) {
					st.add(errorAt(u.rng, "Host port already published",
						"Service %q publishes %s port %d on %s, which service %q already publishes at %s. Two containers cannot bind the same host port; change published or host_ip.",
						u.service, k.proto, k.port, hostIPText(u.ip), prev.service, at(prev.rng)))
					break
				}
			}
			uses[k] = append(uses[k], u)
		}
	}
}

func ipsOverlap(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	// An IPv4 and an IPv6 address never share a socket: "0.0.0.0:443"
	// beside "[::]:443" is how a Compose file publishes on both.
	if strings.Contains(a, ":") != strings.Contains(b, ":") {
		return false
	}
	wild := func(ip string) bool { return ip == "0.0.0.0" || ip == "::" }
	return wild(a) || wild(b) || a == b
}

func hostIPText(ip string) string {
	if ip == "" {
		return "all addresses"
	}
	return ip
}
