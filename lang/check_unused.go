package lang

import "github.com/hashicorp/hcl/v2"

// checkUnused reports what is declared and accepted but would do nothing,
// or not what it seems: a link that no call goes through, a queue that
// nobody consumes, and endpoints that all weigh 0. These checks reason
// from what is absent, which a block that failed to decode makes
// unreliable, so the warnings wait until the spec has no errors.
func (st *loadState) checkUnused() {
	st.checkZeroWeights()
	if st.diags.HasErrors() {
		return
	}
	st.checkUnusedLinks()
	st.checkUnconsumedQueues()
}

// checkUnusedLinks warns at the labels of a link block none of whose
// edges any call takes: its policy applies to nothing, which is most
// often a typo or a link written the wrong way round.
func (st *loadState) checkUnusedLinks() {
	blocks := st.decls.blocks["link"]
	if len(blocks) == 0 {
		return
	}
	calls := st.firstCalls()
	used := make(map[hcl.Range]bool, len(st.spec.Links))
	for k, l := range st.spec.Links {
		if _, ok := calls[k]; ok && !l.Implicit {
			used[l.DeclRange] = true
		}
	}
	for _, b := range blocks {
		from, to := b.Labels[0], b.Labels[1]
		if used[b.DefRange] || from == to || !st.linkEndKnown(from) || !st.linkEndKnown(to) {
			continue
		}
		hint := " Add a call block for it to an endpoint of the caller, or remove the link."
		if st.anyCall(calls, to, from) {
			hint = " The calls go the other way: a link names the caller first, then the callee. Swap the labels."
		}
		st.add(warningAt(hcl.RangeBetween(b.LabelRanges[0], b.LabelRanges[1]), "Link without calls",
			"No call goes from %s to %s, so the policy of this link applies to nothing.%s",
			st.linkEndText(from), st.linkEndText(to), hint))
	}
}

// linkEndKnown reports whether a link label names a service or a fleet.
func (st *loadState) linkEndKnown(name string) bool {
	_, fleet := st.fleet(name)
	return fleet || st.spec.Services[name] != nil
}

// linkEndText names a link end for messages.
func (st *loadState) linkEndText(name string) string {
	if _, fleet := st.fleet(name); fleet {
		return "any instance of the for_each service \"" + name + "\""
	}
	return "\"" + name + "\""
}

// anyCall reports whether a call goes from one of the services a link end
// from stands for to one that to stands for.
func (st *loadState) anyCall(calls map[LinkKey]hcl.Range, from, to string) bool {
	froms, _ := st.linkEnds(from)
	tos, _ := st.linkEnds(to)
	for _, f := range froms {
		for _, t := range tos {
			if _, ok := calls[LinkKey{f, t}]; ok {
				return true
			}
		}
	}
	return false
}

// checkUnconsumedQueues warns about a queue that no service consumes:
// every message published to it stays there.
func (st *loadState) checkUnconsumedQueues() {
	if len(st.spec.Queues) == 0 {
		return
	}
	consumed := map[string]bool{}
	published := map[string]bool{}
	for _, svc := range st.services {
		for _, cs := range svc.Consumes {
			consumed[cs.Queue] = true
		}
		for _, e := range svc.Endpoints {
			e.Flow.Walk(func(s *Step) {
				if s.Kind == StepPublish && s.Publish != nil {
					published[s.Publish.Queue] = true
				}
			})
		}
	}
	for _, q := range st.spec.SortedQueues() {
		switch {
		case consumed[q.Name]:
		case published[q.Name]:
			st.add(warningAt(q.DeclRange, "Queue without consumers",
				"Messages are published to queue %q, but no service consumes it, so they pile up: the backlog grows for the whole run (a queue with a capacity fills, then publishing fails). Add consume %q {} to the service that handles them.",
				q.Name, q.Name))
		default:
			st.add(warningAt(q.DeclRange, "Unused queue",
				"No endpoint publishes to queue %q and no service consumes it. Add publish and consume blocks that use it, or remove it.", q.Name))
		}
	}
}

// checkZeroWeights reports services whose endpoints all have weight 0.
// A load that enters such a service without naming an endpoint picks
// endpoints by weight and has nothing to pick: that is an error at the
// load. Otherwise the weights change nothing yet (calls, consumers and
// loads that name an endpoint ignore them), so it is a warning.
func (st *loadState) checkZeroWeights() {
	for _, svc := range st.services {
		if len(svc.Endpoints) == 0 || !allZeroWeights(svc.Endpoints) {
			continue
		}
		entered := false
		for _, ld := range st.spec.SortedLoads() {
			if ld.Entry.Service != svc.Name || ld.Entry.Endpoint != "" {
				continue
			}
			entered = true
			st.add(errorAt(ld.Entry.Range, "No endpoint to load",
				"Load %q enters service %q without naming an endpoint, so it picks endpoints by weight, but every endpoint of %q has weight 0. Give an endpoint a weight above 0, or name one in the load (endpoint = %q).",
				ld.Name, svc.Name, svc.Name, svc.Endpoints[0].Name))
		}
		if !entered {
			st.add(warningAt(st.attrIn(svc.Endpoints[0].DeclRange, "weight"), "Every endpoint weighs 0",
				"Every endpoint of service %q has weight 0. An endpoint's weight is its share of a load that enters %q without naming an endpoint, so such a load would have nothing to request. Give the endpoints their shares (weight = 1 is the default).",
				svc.Name, svc.Name))
		}
	}
}

func allZeroWeights(eps []*Endpoint) bool {
	for _, e := range eps {
		if e.Weight != 0 { // a negative weight is reported where it is decoded
			return false
		}
	}
	return true
}
