package simulate

import (
	"slices"

	"github.com/berth-dev/berth/simulate/policy"
)

// startReplica brings r up as a new incarnation: empty queues, fresh
// policy state (a new process has fresh breakers), its consumers joining
// their groups. A swarm task with a health check enters rotation only after
// its first probe passes (swarm routes to healthy tasks); otherwise it is
// in rotation at once.
func (s *sim) startReplica(r *replica) {
	svc := r.svc
	r.inc++
	r.state = repUp
	r.started = s.now
	r.healthFails, r.unhealthy, r.lostNode = 0, false, false
	r.slowUntil, r.errorUntil = 0, 0
	r.links = r.links[:0]
	for _, l := range svc.outLinks {
		lb, _ := policy.NewBalancer(l.spec.LoadBalancing)
		r.links = append(r.links, linkState{
			breaker:  policy.NewBreaker(l.spec.CircuitBreaker),
			budget:   policy.NewBudget(l.spec.Retry),
			bulkhead: policy.NewBulkhead(l.spec.Bulkhead),
			lb:       lb,
		})
	}
	svc.cap.add(s.now, int64(svc.slots(r)))
	svc.cpuCap.add(s.now, svc.cpuMilli(svc.cpuSlots))
	r.probeBase, r.probeActive = s.now, false
	if svc.health == nil || s.backend != backendSwarm || s.now == 0 {
		s.setRotation(r, true)
	} else { // a new swarm task: in rotation once its first probe passes
		r.probeActive = true
		s.q.add(s.now+healthOf(svc.health).interval, evProbe, probeStart, 0, r.inc, r.id)
	}
	for _, sub := range svc.subs {
		s.rebalance(sub)
	}
}

// bootReplica starts r after its service's capacity.startup (at once
// without one) and notes what when it serves. Until then r stays down,
// out of rotation, starting on r.node.
func (s *sim) bootReplica(r *replica, what string) {
	if r.svc.hasStartup {
		if d := r.svc.startup.Sample(r.svc.startRng); d > 0 {
			r.starting = true
			s.schedule(d, faultAction{kind: actStarted, rep: r, inc: r.inc, what: what})
			return
		}
	}
	s.startReplica(r)
	s.note(what, r, "")
}

// stopReplica takes r down: out of rotation, its jobs ended (notify: their
// callers see the connection reset; else they are lost without an answer),
// its resources freed, its consumers gone from their groups.
func (s *sim) stopReplica(r *replica, notify bool) {
	svc := r.svc
	s.setRotation(r, false)
	wasUp := r.state != repDown
	r.state = repDown
	r.inc++ // stale probes, hang ends, restarts and starts of this life are ignored
	r.starting = false
	if wasUp {
		svc.cap.add(s.now, -int64(svc.slots(r)))
		svc.cpuCap.add(s.now, -svc.cpuMilli(svc.cpuSlots))
	}
	svc.busy.add(s.now, -int64(r.busy))
	svc.queued.add(s.now, -int64(r.queue.len()))
	s.setCores(r, 0)
	r.running = r.running[:0]
	r.busy, r.active = 0, 0
	r.queue.clear()
	r.cpuQ.clear()
	r.parked = r.parked[:0]
	s.scratch = s.scratch[:0]
	for j := r.jobs; j != nil; j = j.next {
		s.scratch = append(s.scratch, j)
	}
	r.jobs = nil
	for _, j := range s.scratch {
		j.prev, j.next, j.rep = nil, nil, nil
		j.flags &^= jobWorker
		s.abort(j, notify)
	}
	for _, c := range r.consumers {
		s.setBusy(c, false)
		c.pending = false
	}
	for _, sub := range svc.subs {
		s.rebalance(sub)
	}
}

// abort ends a job whose replica went away. Without notify (a lost node)
// no answer comes, as from a dead host (no reset, no refusal): a caller
// waits for its timeout, and so does the client of an entry request,
// without one for as long as it takes (the drain ends it as unanswered).
func (s *sim) abort(j *job, notify bool) {
	if j.cons != nil {
		s.redeliver(j)
		j.cons = nil
	}
	if !notify {
		if j.flags&jobArrived != 0 {
			measured := j.flags&jobMeasured != 0
			j.svc.m.drop(measured)
			if j.ep.m != nil {
				j.ep.m.drop(measured)
			}
		}
		if j.flags&jobEntry != 0 {
			s.clientWaits(j)
		}
		s.pool.put(j)
		return
	}
	s.finish(j, failRefused)
}

// freeze makes r hang: it keeps accepting but nothing it holds moves on.
func (s *sim) freeze(r *replica) {
	if r.state != repUp {
		return
	}
	r.state = repFrozen
	if h := r.svc.health; h != nil && !r.probeActive && !r.lostNode {
		// The probes of a healthy replica change nothing, so they are not
		// simulated; the chain starts at the first one due now or later.
		iv := healthOf(h).interval
		k := max(1, (s.now-r.probeBase+iv-1)/iv)
		r.probeActive = true
		s.q.add(r.probeBase+k*iv, evProbe, probeStart, 0, r.inc, r.id)
	}
}

// unfreeze resumes a hung replica where it stopped.
func (s *sim) unfreeze(r *replica) {
	if r.state != repFrozen {
		return
	}
	r.state = repUp
	r.lostNode = false
	for _, e := range r.parked {
		s.q.add(s.now, e.kind(), e.code(), e.jid(), e.gen(), e.arg)
	}
	r.parked = r.parked[:0]
	for _, c := range r.consumers {
		s.poke(c)
	}
}

// setRotation puts r in or out of the set the balancers pick from.
func (s *sim) setRotation(r *replica, in bool) {
	if r.inRot == in {
		return
	}
	r.inRot = in
	svc := r.svc
	// Kept sorted in place: rebuilding it on every change made starting
	// n replicas cost n² (replicas start in order, so each insert appends).
	i, found := slices.BinarySearch(svc.rotation, r.idx)
	switch {
	case in && !found:
		svc.rotation = slices.Insert(svc.rotation, i, r.idx)
	case !in && found:
		svc.rotation = slices.Delete(svc.rotation, i, i+1)
	}
}
