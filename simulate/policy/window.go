package policy

// window is the closed-state record of outcomes: time-based buckets or a
// ring of the last N outcomes. add returns the calls, failures and slow
// calls in the window after adding one outcome.
type window struct {
	// time-based
	width   int64 // bucket width, ns
	head    int64 // id (time/width) of the newest bucket
	buckets [windowBuckets]bucket
	// count-based
	ring []outcome // each slot's outcome
	pos  int
	full bool

	calls, fails, slows int
}

type bucket struct{ calls, fails, slows int }

// outcome flags of one call in a count window.
type outcome uint8

const (
	outFailed outcome = 1 << iota
	outSlow
)

func newTimeWindow(span int64) window {
	return window{width: max(1, span/windowBuckets)}
}

func newCountWindow(n int) window { return window{ring: make([]outcome, n)} }

func (w *window) add(now int64, failed, slow bool) (calls, fails, slows int) {
	var o outcome
	if failed {
		o |= outFailed
	}
	if slow {
		o |= outSlow
	}
	if w.ring != nil {
		w.addCount(o)
	} else {
		w.addTime(now, o)
	}
	return w.calls, w.fails, w.slows
}

func (w *window) addCount(o outcome) {
	if w.full {
		w.count(w.ring[w.pos], -1)
	} else {
		w.calls++
	}
	w.ring[w.pos] = o
	w.count(o, 1)
	if w.pos++; w.pos == len(w.ring) {
		w.pos, w.full = 0, true
	}
}

// count adds d to the window's failures and slow calls as o says.
func (w *window) count(o outcome, d int) {
	if o&outFailed != 0 {
		w.fails += d
	}
	if o&outSlow != 0 {
		w.slows += d
	}
}

func (w *window) addTime(now int64, o outcome) {
	w.advance(floorDiv(now, w.width))
	b := &w.buckets[mod(w.head, windowBuckets)]
	b.calls++
	w.calls++
	if o&outFailed != 0 {
		b.fails++
	}
	if o&outSlow != 0 {
		b.slows++
	}
	w.count(o, 1)
}

// advance makes id the newest bucket, emptying the buckets that fall out
// of the window. A time before the newest bucket (a clock read before
// another handler's) counts in the newest bucket.
func (w *window) advance(id int64) {
	if id <= w.head {
		return
	}
	for k := w.head + 1; k <= id && k <= w.head+windowBuckets; k++ {
		b := &w.buckets[mod(k, windowBuckets)]
		w.calls -= b.calls
		w.fails -= b.fails
		w.slows -= b.slows
		*b = bucket{}
	}
	w.head = id
}

func (w *window) reset() {
	w.buckets = [windowBuckets]bucket{}
	clear(w.ring)
	w.pos, w.full, w.calls, w.fails, w.slows = 0, false, 0, 0, 0
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

func mod(a, m int64) int64 {
	r := a % m
	if r < 0 {
		r += m
	}
	return r
}
