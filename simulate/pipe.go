package simulate

// pipe is a FIFO of timeouts that all wait the same constant delay (one
// link's attempt timeouts, or the load's client timeouts). Their times
// only grow, so the pipe keeps them in a ring and only its first live
// entry sits in the timers heap (one evPipe event). Most attempts are answered long before their timeout; their
// entries are dropped from the ring without ever touching the heap, and
// the heap stays small.
type pipe struct {
	id    uint32
	q     ring[event]
	armed bool // an evPipe event is scheduled (or the pipe is being drained)
}

func (s *sim) newPipe() *pipe {
	p := &pipe{id: uint32(len(s.pipes))}
	s.pipes = append(s.pipes, p)
	return p
}

// pipeAdd schedules a job event d ns from now through p. d must be the
// pipe's constant delay.
func (s *sim) pipeAdd(p *pipe, d int64, kind evKind, code failClass, j *job, node int, attempt uint16) {
	p.q.push(event{at: s.now + d, key: uint64(kind)<<8 | uint64(code), ref: jobRef(j.id, j.gen), arg: nodeArg(node, attempt)})
	if !p.armed {
		p.armed = true
		s.timer(p.q.peek().at, evPipe, p.id)
	}
}

// drainPipe fires the pipe's events that are due, in order, then
// schedules its next head.
func (s *sim) drainPipe(id uint32) {
	p := s.pipes[id]
	for p.q.len() > 0 && p.q.peek().at <= s.now {
		s.dispatch(p.q.pop())
	}
	for p.q.len() > 0 && s.cancelled(p.q.peek()) {
		p.q.pop()
	}
	p.armed = p.q.len() > 0
	if p.armed {
		s.timer(p.q.peek().at, evPipe, p.id)
	}
}

// cancelled reports whether a timeout no longer matters: its job ended, or
// its attempt was answered or superseded.
func (s *sim) cancelled(e event) bool {
	j := s.pool.all[e.jid()]
	if j.gen != e.gen() {
		return true
	}
	if e.kind() == evGiveUp {
		return j.flags&jobEntry == 0
	}
	st := &j.nodes[e.node()]
	return !st.open || st.attempt != e.attempt()
}
