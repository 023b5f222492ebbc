package simulate

import "math/bits"

// evKind says what an event does when it fires.
type evKind uint8

const (
	evStart      evKind = iota + 1 // a dequeued job starts (deferred to avoid deep recursion)
	evWorkDone                     // a job's local work is done
	evSlowDone                     // a job's extra "slow" fault delay is over
	evDeliver                      // a call attempt reaches the callee replica
	evReply                        // a callee's answer reaches the caller
	evTimeout                      // a call attempt's timeout fires
	evRetry                        // a retry's backoff is over
	evBulkWait                     // a bulkhead wait (max_wait) gives up
	evTick                         // close one time-series interval
	evFault                        // a fault action (start, end, detection, restart)
	evProbe                        // a health probe of a replica
	evPipe                         // the head of a pipe is due
	evConsume                      // a consumer looks for its next message
	evGiveUp                       // the client of an entry request gives up (load.timeout)
	evFaultError                   // an error fault answers a job with an error
	evUser                         // a user of a closed load sends its next request (users.go)
)

// event is one entry of the event queue: a plain value, no allocation.
// job events carry the job's generation so events for a job that has been
// recycled since are recognised and dropped (lazy cancellation).
// An event is 32 bytes and holds no pointer (the heap is never scanned by
// the garbage collector and moves need no write barrier): the job is an
// index into the pool's table, and the kind and a code ride in the low bits
// of the sequence number, which orders events of one instant first-in
// first-out. The job and its generation share one word, so an event has
// four fields and the compiler keeps one in registers (a popped event is
// passed to dispatch by value).
type event struct {
	at  int64  // simulated time, ns
	key uint64 // seq<<16 | kind<<8 | code
	ref uint64 // jid<<32 | gen (see jobRef)
	arg uint32 // job events: node<<16 | attempt; else kind-specific
}

// jobRef packs a job's index in the pool's table (0: none) and its
// generation (or a replica's incarnation) at scheduling.
func jobRef(jid, gen uint32) uint64 { return uint64(jid)<<32 | uint64(gen) }

func (e *event) jid() uint32                  { return uint32(e.ref >> 32) }
func (e *event) gen() uint32                  { return uint32(e.ref) }
func (e *event) kind() evKind                 { return evKind(e.key >> 8) }
func (e *event) code() failClass              { return failClass(e.key) }
func (e *event) node() int                    { return int(e.arg >> 16) }
func (e *event) attempt() uint16              { return uint16(e.arg) }
func nodeArg(node int, attempt uint16) uint32 { return uint32(node)<<16 | uint32(attempt) }

// eventQueue is a priority queue of events ordered by (at, seq). Most of
// the time it holds a few events (the work in progress of a run), and then
// it is an unordered slice with the index of its earliest event: a push
// compares the new event with that one, and a pop moves the last event
// into the gap and finds the earliest again by a scan that has no branch
// to mispredict (a heap's sift-down over a few events costs more, most of
// it in mispredicted branches). Above scanMax events it becomes a 4-ary
// min-heap (a 4-ary heap halves the depth of a binary one, and its four
// children share a cache line or two), and back to a slice at scanMin
// (a heap is a valid slice; its earliest is at 0). Both forms pop the
// same events in the same order.
type eventQueue struct {
	h    []event
	min  int  // index of the earliest event (0 in heap form)
	heap bool // h is a heap
	seq  uint64
}

const (
	scanMax = 32 // a push beyond this many events makes a heap
	scanMin = 16 // a pop down to this many makes a slice again
)

func (q *eventQueue) len() int { return len(q.h) }

// top returns the earliest event. The queue must not be empty.
func (q *eventQueue) top() *event { return &q.h[q.min] }

// before orders events by (at, key) as one 128-bit number: the borrow of
// the subtraction says which is smaller, with no branch to mispredict.
func before(a, b *event) bool {
	_, borrow := bits.Sub64(a.key, b.key, 0)
	_, borrow = bits.Sub64(uint64(a.at), uint64(b.at), borrow)
	return borrow != 0
}

// add schedules an event.
func (q *eventQueue) add(at int64, kind evKind, code failClass, jid, gen, arg uint32) {
	q.seq++
	q.push(event{at: at, key: q.seq<<16 | uint64(kind)<<8 | uint64(code), ref: jobRef(jid, gen), arg: arg})
}

// push inserts e, its key already set.
func (q *eventQueue) push(e event) {
	if !q.heap && len(q.h) < scanMax {
		q.h = append(q.h, e)
		if before(&e, &q.h[q.min]) {
			q.min = len(q.h) - 1
		}
		return
	}
	if !q.heap {
		q.heapify()
	}
	q.heapPush(e)
}

// pop removes and returns the earliest event. The queue must not be empty.
func (q *eventQueue) pop() event {
	if q.heap {
		e := q.heapPop()
		if len(q.h) <= scanMin {
			q.heap = false
		}
		return e
	}
	h := q.h
	n := len(h) - 1
	e := h[q.min]
	h[q.min] = h[n]
	h = h[:n]
	q.h = h
	q.min = earliest(h)
	return e
}

// earliest returns the index of the earliest event of h (0 when empty),
// keeping the candidate's time and key in registers and choosing with
// conditional moves.
func earliest(h []event) int {
	if len(h) == 0 {
		return 0
	}
	m, at, key := 0, uint64(h[0].at), h[0].key
	for i := 1; i < len(h); i++ {
		a, k := uint64(h[i].at), h[i].key
		_, b := bits.Sub64(k, key, 0)
		_, b = bits.Sub64(a, at, b)
		if b != 0 {
			m, at, key = i, a, k
		}
	}
	return m
}

// heapify turns the slice into a heap (Floyd's bottom-up construction).
func (q *eventQueue) heapify() {
	q.heap, q.min = true, 0
	for i := (len(q.h) - 2) >> 2; i >= 0; i-- {
		q.siftDown(i, q.h[i])
	}
}

// heapPush is a sift-up from the end of the heap.
func (q *eventQueue) heapPush(e event) {
	q.h = append(q.h, e)
	h := q.h
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) >> 2
		if !before(&e, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

// heapPop removes the root and sifts the last event down from it.
func (q *eventQueue) heapPop() event {
	h := q.h
	top := h[0]
	n := len(h) - 1
	last := h[n]
	q.h = h[:n]
	if n > 0 {
		q.siftDown(0, last)
	}
	return top
}

// siftDown places e at i or below, moving earlier children up.
func (q *eventQueue) siftDown(i int, e event) {
	h := q.h
	n := len(h)
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		end := min(c+4, n)
		for k := c + 1; k < end; k++ {
			if before(&h[k], &h[m]) {
				m = k
			}
		}
		if !before(&h[m], &e) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = e
}
