package simulate

// The end of a run. Arrivals stop at the end of the load, but the
// requests then in flight are followed to their answer: the run goes on
// without arrivals (the drain) until nothing measured is in flight, or
// for at most drainBound. A request still unanswered then fails, class
// unanswered, and its age enters the latency histogram: a lower bound of a
// latency that never ended. So a dead service shows as errors and as a
// tail, never as requests that vanished from the verdicts.
//
// What is measured stays the load's window: requests that arrive during
// the drain (calls made by requests in flight) are simulated but not
// measured; no new fault starts (nor one due at the end itself), though
// those under way go on (a hang ends, swarm detects a node); consumers
// take no new message; and the time averages (utilisation, queue
// lengths, backlogs), the time series and the events are read at the end
// of the load (closeWindow).

// minDrain is the shortest drain of a load without a client timeout.
const minDrain = int64(60e9)

// drainBound is how long the run may go on after the load: the load's
// client timeout (every request is answered or timed out by then), else
// the run's length, at least minDrain. A healthy system's backlog, built
// during the run, drains long before.
func (s *sim) drainBound() int64 {
	if s.clientTO > 0 {
		return s.clientTO
	}
	return max(s.end, minDrain)
}

// closeWindow ends the measurement window at the end of the load: the last
// time-series interval, and the time integrals and maxima of the services
// and queues.
func (s *sim) closeWindow() {
	s.openWindow(false)
	s.closeInterval()
	for _, svc := range s.svcs {
		svc.endAreas = svc.levels.areas(s.end)
		svc.endQMax = svc.queued.max
	}
	for _, sub := range s.subsAll() {
		sub.end = subEnd{area: sub.backlog.areaAt(s.end), max: sub.backlog.max, final: sub.backlog.v, oldest: sub.oldestAge(s.end)}
		sub.end.consumers, sub.end.active = sub.activeConsumers()
	}
	s.endEvents = len(s.events)
	s.draining = true
}

// drain runs on without arrivals until no measured request is in flight
// or the drain bound, then fails what is still unanswered.
func (s *sim) drain() {
	if s.halted {
		return
	}
	limit := s.end + s.drainBound()
	for s.inFlight() {
		if !s.step(limit) {
			s.now = max(s.now, limit)
			break
		}
	}
	if !s.halted {
		s.unanswered()
	}
}

// inFlight reports whether a measured request has no answer yet.
func (s *sim) inFlight() bool {
	if s.entry.live > 0 {
		return true
	}
	for _, svc := range s.svcs {
		if svc.m.live > 0 {
			return true
		}
	}
	return false
}

// unanswered fails every measured request still in flight, with its age
// as its (censored) latency.
func (s *sim) unanswered() {
	for _, j := range s.pool.all {
		if j == nil { // all[0]: no job
			continue
		}
		if j.flags&(jobArrived|jobMeasured) == jobArrived|jobMeasured {
			age := s.now - j.arrived
			j.svc.m.answer(age, failNoAnswer, false, true)
			if j.ep.m != nil {
				j.ep.m.answer(age, failNoAnswer, false, true)
			}
		}
		if j.flags&(jobEntry|jobEntryMeasured) == jobEntry|jobEntryMeasured {
			s.entry.answer(s.now-j.sent, failNoAnswer, false, true)
		}
	}
}

// subEnd is a subscription's state at the end of the load.
type subEnd struct {
	area              float64 // backlog integral
	max, final        int64   // backlog
	oldest            float64 // age of the oldest message waiting, s
	consumers, active int
}
