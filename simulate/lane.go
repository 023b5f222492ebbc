package simulate

// maxLanes bounds the lanes the run loop looks at.
const maxLanes = 4

// lane is a FIFO of events that all wait the same constant delay: the
// network hops of every link whose latency is that constant (typically
// berth.defaults.hop_latency, shared by all links). Their times only grow,
// so the run loop takes the lane's head directly, comparing it with the
// heap's top: a hop costs a ring push and pop instead of a heap push and
// pop, and the heap holds only the work in progress.
type lane struct {
	d int64
	q evRing
}

// evRing is a growable FIFO of events (a power-of-two ring; events hold
// no pointers, so slots are not cleared).
type evRing struct {
	buf        []event
	head, size int
}

func (r *evRing) push(e event) {
	if r.size == len(r.buf) {
		r.grow()
	}
	r.buf[(r.head+r.size)&(len(r.buf)-1)] = e
	r.size++
}

func (r *evRing) pop() event {
	e := r.buf[r.head]
	r.head = (r.head + 1) & (len(r.buf) - 1)
	r.size--
	return e
}

func (r *evRing) grow() {
	buf := make([]event, max(16, 2*len(r.buf)))
	for i := range r.size {
		buf[i] = r.buf[(r.head+i)&(len(r.buf)-1)]
	}
	r.buf, r.head = buf, 0
}

// laneFor returns the lane of delay d, making it; -1 when there are
// maxLanes already (the hop then goes through the heap).
func (s *sim) laneFor(d int64) int {
	for i := range s.lanes {
		if s.lanes[i].d == d {
			return i
		}
	}
	if len(s.lanes) == maxLanes {
		return -1
	}
	s.lanes = append(s.lanes, lane{d: d})
	return len(s.lanes) - 1
}

// laneAdd schedules a job event on lane i, its delay from now.
func (s *sim) laneAdd(i int, kind evKind, code failClass, j *job, node int, attempt uint16) {
	l := &s.lanes[i]
	l.q.push(event{at: s.now + l.d, key: uint64(kind)<<8 | uint64(code), ref: jobRef(j.id, j.gen), arg: uint32(node)<<16 | uint32(attempt)})
}

// peekLanes returns the earliest of at (the heap's top) and the lanes'
// heads, with its lane (-1: the heap, which goes first on a tie).
func (s *sim) peekLanes(at int64) (int64, int) {
	li := -1
	for i := range s.lanes {
		if q := &s.lanes[i].q; q.size > 0 {
			if t := q.buf[q.head].at; t < at {
				at, li = t, i
			}
		}
	}
	return at, li
}
