package hist

import "math"

// AtMost returns how many recorded values lie in the buckets up to and
// including the bucket of v: the rank of v at the histogram's resolution.
// For v = QuantileNs(q) it is at least ⌈q·n⌉.
func (h *Histogram) AtMost(v int64) int64 {
	if h.n == 0 || v < 0 || index(v) < index(h.min) {
		return 0
	}
	if index(v) >= index(h.max) {
		return h.n
	}
	var seen int64
	for i := index(h.min); i <= index(v); i++ {
		seen += h.counts[i]
	}
	return seen
}

// Counts is a compact copy of a histogram's buckets, from the bucket of
// its smallest value to that of its largest, kept to answer AtMost later
// (the batches of a single run keep one each). A bucket holds at most
// MaxUint32 values; more are counted as that many.
type Counts struct {
	first int
	n     int64
	c     []uint32
}

// Counts copies the histogram's buckets.
func (h *Histogram) Counts() Counts {
	if h.n == 0 {
		return Counts{}
	}
	lo, hi := index(h.min), index(h.max)
	out := Counts{first: lo, n: h.n, c: make([]uint32, hi-lo+1)}
	for i, k := range h.counts[lo : hi+1] {
		out.c[i] = uint32(min(k, math.MaxUint32))
	}
	return out
}

// Total returns the number of values copied.
func (c Counts) Total() int64 { return c.n }

// AtMost is Histogram.AtMost of the copied histogram.
func (c Counts) AtMost(v int64) int64 {
	if c.n == 0 || v < 0 {
		return 0
	}
	last := index(v) - c.first
	if last >= len(c.c) {
		return c.n
	}
	var seen int64
	for _, k := range c.c[:max(last+1, 0)] {
		seen += int64(k)
	}
	return seen
}
