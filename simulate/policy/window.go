package policy

// window is the closed-state record of outcomes: time-based buckets or a
// ring of the last N outcomes. add returns the calls and failures in the
// window after adding one outcome.
type window struct {
	// time-based
	width   int64 // bucket width, ns
	head    int64 // id (time/width) of the newest bucket
	buckets [windowBuckets]bucket
	// count-based
	ring []bool // failure flag of each slot
	pos  int
	full bool

	calls, fails int
}

type bucket struct{ calls, fails int }

func newTimeWindow(span int64) window {
	return window{width: max(1, span/windowBuckets)}
}

func newCountWindow(n int) window { return window{ring: make([]bool, n)} }

func (w *window) add(now int64, failed bool) (calls, fails int) {
	if w.ring != nil {
		w.addCount(failed)
	} else {
		w.addTime(now, failed)
	}
	return w.calls, w.fails
}

func (w *window) addCount(failed bool) {
	if w.full {
		if w.ring[w.pos] {
			w.fails--
		}
	} else {
		w.calls++
	}
	w.ring[w.pos] = failed
	if failed {
		w.fails++
	}
	if w.pos++; w.pos == len(w.ring) {
		w.pos, w.full = 0, true
	}
}

func (w *window) addTime(now int64, failed bool) {
	w.advance(floorDiv(now, w.width))
	b := &w.buckets[mod(w.head, windowBuckets)]
	b.calls++
	w.calls++
	if failed {
		b.fails++
		w.fails++
	}
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
		*b = bucket{}
	}
	w.head = id
}

func (w *window) reset() {
	w.buckets = [windowBuckets]bucket{}
	clear(w.ring)
	w.pos, w.full, w.calls, w.fails = 0, false, 0, 0
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
