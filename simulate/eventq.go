package simulate

import "math/bits"

// evKind says what an event does when it fires.
type evKind uint8

const (
	evStart    evKind = iota + 1 // a dequeued job starts (deferred to avoid deep recursion)
	evWorkDone                   // a job's local work is done
	evSlowDone                   // a job's extra "slow" fault delay is over
	evDeliver                    // a call attempt reaches the callee replica
	evReply                      // a callee's answer reaches the caller
	evTimeout                    // a call attempt's timeout fires
	evRetry                      // a retry's backoff is over
	evBulkWait                   // a bulkhead wait (max_wait) gives up
	evTick                       // close one time-series interval
	evFault                      // a fault action (start, end, detection, restart)
	evProbe                      // a health probe of a replica
	evPipe                       // the head of a pipe is due
	evConsume                    // a consumer looks for its next message
)

// event is one entry of the event queue: a plain value, no allocation.
// job events carry the job's generation so events for a job that has been
// recycled since are recognised and dropped (lazy cancellation).
// An event is 32 bytes and holds no pointer (the heap is never scanned by
// the garbage collector and moves need no write barrier): the job is an
// index into the pool's table, and the kind and a code ride in the low bits
// of the sequence number, which orders events of one instant first-in
// first-out.
type event struct {
	at  int64  // simulated time, ns
	key uint64 // seq<<16 | kind<<8 | code
	jid uint32 // the job (index in the pool's table; 0: none)
	gen uint32 // job (or replica incarnation) generation at scheduling
	arg uint32 // job events: node<<16 | attempt; else kind-specific
}

func (e *event) kind() evKind                 { return evKind(e.key >> 8) }
func (e *event) code() failClass              { return failClass(e.key) }
func (e *event) node() int                    { return int(e.arg >> 16) }
func (e *event) attempt() uint16              { return uint16(e.arg) }
func nodeArg(node int, attempt uint16) uint32 { return uint32(node)<<16 | uint32(attempt) }

// eventQueue is a 4-ary min-heap ordered by (at, seq). A 4-ary heap halves
// the depth of a binary one, and its four children share a cache line or two.
type eventQueue struct {
	h   []event
	seq uint64
}

func (q *eventQueue) len() int { return len(q.h) }

// before orders events by (at, key) as one 128-bit number: the borrow of
// the subtraction says which is smaller, with no branch to mispredict.
func before(a, b *event) bool {
	_, borrow := bits.Sub64(a.key, b.key, 0)
	_, borrow = bits.Sub64(uint64(a.at), uint64(b.at), borrow)
	return borrow != 0
}

// add schedules an event: a sift-up from the end of the heap.
func (q *eventQueue) add(at int64, kind evKind, code failClass, jid, gen, arg uint32) {
	q.seq++
	q.push(event{at: at, key: q.seq<<16 | uint64(kind)<<8 | uint64(code), jid: jid, gen: gen, arg: arg})
}

// push inserts e, its key already set.
func (q *eventQueue) push(e event) {
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

// pop removes and returns the earliest event. The queue must not be empty.
func (q *eventQueue) pop() event {
	h := q.h
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	q.h = h
	if n == 0 {
		return top
	}
	i := 0
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
		if !before(&h[m], &last) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = last
	return top
}
