package lang

import (
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// checkTimeoutOrder warns when a service waits longer for its callee than
// its own caller waits for it: link "b" "c" whose timeout (times the
// attempts that a timeout retries) is at least that of link "a" "b",
// where the endpoint of b that a calls calls c. When c is slow, a fails
// the request first and b keeps waiting, holding its worker, for an
// answer no one takes: timeouts should shrink downstream. The warning
// points at the downstream timeout and names the shortest upstream one;
// a load's timeout is the upstream one of its entry's links.
func (st *loadState) checkTimeoutOrder() {
	ranges := make(map[LinkKey]hcl.Range, len(st.side.linkTimeouts))
	for _, t := range st.side.linkTimeouts {
		ranges[t.key] = t.rng
	}
	warned := map[hcl.Range]bool{} // a for_each link's instances share a range
	shown, more, firstMore := 0, 0, hcl.Range{}
	links := st.spec.SortedLinks()
	callers := map[string][]*Link{} // service → the links into it that have a timeout, in links' order
	for _, l := range links {
		if l.Timeout > 0 {
			callers[l.To] = append(callers[l.To], l)
		}
	}
	for _, down := range links {
		wait, how := downstreamWait(down)
		if wait <= 0 {
			continue
		}
		var up *Link // the shortest caller timeout that wait outlasts
		for _, l := range callers[down.From] {
			if l.Timeout > wait || !callsThrough(st.spec, l, down.To) {
				continue
			}
			if up == nil || l.Timeout < up.Timeout {
				up = l
			}
		}
		if up == nil {
			continue
		}
		rng, ok := ranges[down.Key()]
		if !ok || warned[rng] {
			continue
		}
		warned[rng] = true
		if shown++; shown > timeoutOrderShown {
			if more++; more == 1 {
				firstMore = rng
			}
			continue
		}
		where := up.DeclRange
		if r, ok := ranges[up.Key()]; ok {
			where = r
		}
		st.add(warningAt(rng, "Timeout longer than the caller's",
			"%q waits up to %s for %q%s, but %q gives up on %q after %s (%s). When %q is slow, %q fails the request first and %q keeps working on it, holding a worker for an answer no one waits for. Timeouts should shrink downstream: make %q → %q wait less than %s in all, or raise the timeout of %q → %q.",
			down.From, wait, down.To, how, up.From, up.To, up.Timeout, at(where),
			down.To, up.From, down.From, down.From, down.To, up.Timeout, up.From, up.To))
	}
	if more > 0 {
		st.add(warningAt(firstMore, "More timeouts longer than the caller's",
			"%d more links, the first of them here, wait at least as long as their callers do; berth shows the first %d such warnings in full. The same fix applies to each: timeouts should shrink downstream.",
			more, timeoutOrderShown))
	}
	st.checkClientTimeouts(ranges, warned)
}

// timeoutOrderShown is how many links checkTimeoutOrder warns about in
// full; the rest are counted in one warning. A generated spec whose links
// share one timeout would otherwise get a warning per link (2,994 for
// 1,000 services, where the reader needs the pattern and a few places),
// and building them cost a fifth of its load time.
const timeoutOrderShown = 10

// checkClientTimeouts is checkTimeoutOrder for a load's clients, the
// callers of its entry: a link of the entry that waits at least as long
// as the load's timeout, called from the endpoints the load enters.
func (st *loadState) checkClientTimeouts(ranges map[LinkKey]hcl.Range, warned map[hcl.Range]bool) {
	for _, ld := range st.spec.SortedLoads() {
		entry := st.spec.Services[ld.Entry.Service]
		if ld.Timeout <= 0 || entry == nil {
			continue
		}
		for _, down := range st.spec.SortedLinks() {
			wait, how := downstreamWait(down)
			rng, ok := ranges[down.Key()]
			if down.From != entry.Name || wait < ld.Timeout || !ok || warned[rng] || !entersThrough(entry, ld.Entry.Endpoint, down.To) {
				continue
			}
			warned[rng] = true
			st.add(warningAt(rng, "Timeout longer than the caller's",
				"%q waits up to %s for %q%s, but the clients of load %q give up after %s (%s). When %q is slow, the clients fail the request first and %q keeps working on it, holding a worker for an answer no one waits for. Timeouts should shrink downstream: make %q → %q wait less than %s in all, or raise the load's timeout.",
				down.From, wait, down.To, how, ld.Name, ld.Timeout, at(ld.DeclRange),
				down.To, down.From, down.From, down.To, ld.Timeout))
		}
	}
}

// entersThrough reports whether the endpoint of entry a load enters (all
// of them when it names none) calls the service to.
func entersThrough(entry *Service, endpoint, to string) bool {
	found := false
	for _, e := range entry.Endpoints {
		if endpoint != "" && e.Name != endpoint {
			continue
		}
		e.Flow.Walk(func(s *Step) {
			if s.Kind == StepCall && s.Call != nil && s.Call.Service == to {
				found = true
			}
		})
	}
	return found
}

// downstreamWait returns the longest a caller waits on l counting only its
// timeouts (the waits between attempts aside): the timeout, times the
// attempts when a timeout is retried, and how, for the message. 0 when l
// has no timeout.
func downstreamWait(l *Link) (time.Duration, string) {
	if l.Timeout <= 0 {
		return 0, ""
	}
	if r := l.Retry; r != nil && r.Attempts > 1 && (len(r.On) == 0 || slices.Contains(r.On, RetryOnTimeout)) {
		return time.Duration(r.Attempts) * l.Timeout, fmt.Sprintf(" (%d attempts of %s)", r.Attempts, l.Timeout)
	}
	return l.Timeout, ""
}

// callsThrough reports whether an endpoint of up.To that up.From calls
// calls the service to.
func callsThrough(spec *Spec, up *Link, to string) bool {
	from, mid := spec.Services[up.From], spec.Services[up.To]
	if from == nil || mid == nil {
		return false
	}
	found := false
	forEachCall(from, func(_ *Endpoint, c *Call) {
		if found || c.Service != mid.Name {
			return
		}
		e := mid.Endpoint(c.Endpoint)
		if e == nil {
			return
		}
		e.Flow.Walk(func(s *Step) {
			if s.Kind == StepCall && s.Call != nil && s.Call.Service == to {
				found = true
			}
		})
	})
	return found
}
