package simulate

import "github.com/berth-dev/berth/simulate/policy"

// startCall begins call node n of j: its first attempt.
func (s *sim) startCall(j *job, n int) {
	l := j.ep.nodes[n].link
	j.nodes[n].retry = l.backoff.Start()
	if s.now >= s.warmup {
		l.m.calls++
	}
	s.attempt(j, n)
}

// attempt starts one attempt of call n: bulkhead, circuit breaker, then
// the network.
func (s *sim) attempt(j *job, n int) {
	l := j.ep.nodes[n].link
	ls := &j.rep.links[l.idx]
	st := &j.nodes[n]
	st.attempt++
	st.start = s.now
	if !ls.bulkhead.TryAcquire() {
		if w := ls.bulkhead.MaxWait(); w > 0 {
			st.waiting = true
			ls.waiting.push(waiter{j: j, gen: j.gen, node: uint16(n)})
			s.at(w, evBulkWait, j, n, st.attempt)
			return
		}
		s.count(&l.m.bulkheadRejected)
		s.attemptFailed(j, n, failRefused)
		return
	}
	st.bulk = true
	s.admitted(j, n)
}

// admitted continues an attempt that holds its bulkhead slot.
func (s *sim) admitted(j *job, n int) {
	l := j.ep.nodes[n].link
	ls := &j.rep.links[l.idx]
	st := &j.nodes[n]
	t, ok := ls.breaker.Allow(s.now)
	if !ok {
		s.count(&l.m.breakerRejected)
		s.releaseBulkhead(j, n)
		s.attemptFailed(j, n, failRefused)
		return
	}
	st.ticket = t
	s.send(j, n)
}

// send picks the callee replica and puts the attempt on the wire.
func (s *sim) send(j *job, n int) {
	fn := &j.ep.nodes[n]
	l := fn.link
	ls := &j.rep.links[l.idx]
	st := &j.nodes[n]
	callee := l.to
	st.open = true
	st.active = true
	ls.budget.AttemptStart()
	s.count(&l.m.attempts)
	if l.timeout > 0 {
		s.pipeAdd(l.timeouts, l.timeout, evTimeout, 0, j, n, st.attempt)
	}
	idx := ls.lb.Pick(callee.rotation, callee.inflight, l.rng)
	if idx < 0 {
		s.attemptEnd(j, n, failRefused)
		s.attemptFailed(j, n, failRefused)
		return
	}
	if s.partitioned(j.svc, callee) {
		return // black hole: only the timeout ends the attempt
	}
	r := callee.replicas[idx]
	cj := s.pool.get(fn.callee)
	cj.parent, cj.pgen, cj.pnode, cj.pattempt = j, j.gen, uint16(n), st.attempt
	s.attach(cj, r)
	if l.lane >= 0 {
		s.laneAdd(l.lane, evDeliver, 0, cj, 0, 0)
		return
	}
	var d int64
	if l.hasLatency {
		d = l.latency.Sample(l.rng)
	}
	if d > 0 || r.state == repFrozen {
		s.at(d, evDeliver, cj, 0, 0)
		return
	}
	s.arrive(cj)
}

// reply sends the answer of callee job cj back to its caller.
func (s *sim) reply(cj *job, class failClass) {
	p := cj.parent
	if p.gen != cj.pgen {
		return // the caller is gone
	}
	if s.partitioned(p.svc, cj.svc) {
		return
	}
	if class == answerOK && cj.flags&jobDegraded != 0 {
		class = answerDegraded
	}
	l := p.ep.nodes[cj.pnode].link
	if l.lane >= 0 {
		s.laneAdd(l.lane, evReply, class, p, int(cj.pnode), cj.pattempt)
		return
	}
	var d int64
	if l.hasLatency {
		d = l.latency.Sample(l.rng)
	}
	if d > 0 || p.rep.state == repFrozen {
		s.q.add(s.now+d, evReply, class, p.id, p.gen, nodeArg(int(cj.pnode), cj.pattempt))
		return
	}
	s.answer(p, int(cj.pnode), cj.pattempt, class)
}

// answer takes the callee's answer to attempt of call n of j. An answer
// to an attempt that already timed out is discarded: the callee's work
// was wasted.
func (s *sim) answer(j *job, n int, attempt uint16, class failClass) {
	st := &j.nodes[n]
	if !st.open || st.attempt != attempt {
		return
	}
	if class == answerDegraded {
		j.flags |= jobDegraded
		class = answerOK
	}
	s.attemptEnd(j, n, class)
	if class == answerOK {
		st.done = true
		s.nodeDone(j, n, answerOK)
		return
	}
	s.attemptFailed(j, n, class)
}

// attemptTimeout gives up on an attempt; the callee keeps working.
func (s *sim) attemptTimeout(j *job, n int, attempt uint16) {
	st := &j.nodes[n]
	if !st.open || st.attempt != attempt {
		return
	}
	s.count(&j.ep.nodes[n].link.m.timeouts)
	s.attemptEnd(j, n, failTimeout)
	s.attemptFailed(j, n, failTimeout)
}

// attemptEnd closes the books of an attempt that was sent: breaker outcome,
// bulkhead slot, retry budget.
func (s *sim) attemptEnd(j *job, n int, class failClass) {
	l := j.ep.nodes[n].link
	ls := &j.rep.links[l.idx]
	st := &j.nodes[n]
	st.open = false
	if ls.breaker != nil {
		before := ls.breaker.Openings()
		ls.breaker.Record(s.now, st.ticket, class == answerOK, s.now-st.start)
		if ls.breaker.Openings() != before {
			s.breakerOpened(j, l)
		}
	}
	s.releaseBulkhead(j, n)
	if st.active {
		ls.budget.AttemptEnd()
		st.active = false
	}
	if st.isRetry {
		ls.budget.RetryEnd()
		st.isRetry = false
	}
}

// attemptFailed retries the call when the policy allows it, else falls
// back (a degraded success) or fails the node.
func (s *sim) attemptFailed(j *job, n int, class failClass) {
	fn := &j.ep.nodes[n]
	l := fn.link
	st := &j.nodes[n]
	if st.isRetry { // a retry refused before it was sent (bulkhead, breaker)
		j.rep.links[l.idx].budget.RetryEnd()
		st.isRetry = false
	}
	if st.retry.Retries() < l.maxRetries && policy.Retryable(l.retry, class.retryClass()) {
		ls := &j.rep.links[l.idx]
		if ls.budget.TryRetry() {
			st.isRetry = ls.budget != nil
			s.count(&l.m.retries)
			if d := st.retry.Next(l.rng); d > 0 {
				s.at(d, evRetry, j, n, st.attempt)
				return
			}
			s.attempt(j, n)
			return
		}
		s.count(&l.m.budgetRejected)
	}
	s.count(&l.m.failures)
	st.done = true
	if fn.fallback {
		s.count(&l.m.fallbacks)
		j.flags |= jobDegraded
		s.nodeDone(j, n, answerOK)
		return
	}
	s.nodeDone(j, n, class)
}

// retryNow starts the attempt that waited for its backoff.
func (s *sim) retryNow(j *job, n int, attempt uint16) {
	st := &j.nodes[n]
	if st.done || st.attempt != attempt {
		return
	}
	s.attempt(j, n)
}

// releaseBulkhead frees the attempt's bulkhead slot and hands it to the
// next call waiting for one.
func (s *sim) releaseBulkhead(j *job, n int) {
	st := &j.nodes[n]
	if !st.bulk {
		return
	}
	st.bulk = false
	ls := &j.rep.links[j.ep.nodes[n].link.idx]
	ls.bulkhead.Release()
	for ls.waiting.len() > 0 {
		w := ls.waiting.pop()
		if w.j.gen != w.gen || !w.j.nodes[w.node].waiting {
			continue // gave up or ended meanwhile
		}
		if !ls.bulkhead.TryAcquire() {
			ls.waiting.pushFront(w)
			return
		}
		ws := &w.j.nodes[w.node]
		ws.waiting, ws.bulk = false, true
		s.admitted(w.j, int(w.node))
		return
	}
}

// bulkheadGiveUp fails an attempt that waited max_wait for a slot.
func (s *sim) bulkheadGiveUp(j *job, n int, attempt uint16) {
	st := &j.nodes[n]
	if !st.waiting || st.attempt != attempt {
		return
	}
	st.waiting = false
	l := j.ep.nodes[n].link
	j.rep.links[l.idx].bulkhead.Reject()
	s.count(&l.m.bulkheadRejected)
	s.attemptFailed(j, n, failRefused)
}

// count increments a link counter after the warm-up.
func (s *sim) count(c *int64) {
	if s.now >= s.warmup {
		*c++
	}
}
