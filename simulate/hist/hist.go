package hist

import (
	"math"
	"math/bits"
)

const (
	subBits  = 6            // 64 linear buckets per power of two
	sub      = 1 << subBits // 64
	linear   = 2 * sub      // values [0, 128) have a bucket each
	nBuckets = 58 * sub     // index of MaxInt64 is 56·64+127 = 3711
	nsPerSec = 1e9
)

// Histogram records int64 nanosecond values. The zero value is empty and
// ready to use.
type Histogram struct {
	counts [nBuckets]int64
	n      int64
	min    int64
	max    int64
	sumLo  uint64 // exact 128-bit sum of the recorded values
	sumHi  uint64
}

// New returns an empty histogram.
func New() *Histogram { return new(Histogram) }

// index returns the bucket of v ≥ 0: e = bits.Len(v>>7) is the number of
// low bits dropped, and v>>e lies in [64, 128) once e > 0.
func index(v int64) int {
	e := bits.Len64(uint64(v) >> (subBits + 1))
	return e<<subBits + int(uint64(v)>>e)
}

// bounds returns the lowest value of bucket i and its width.
func bounds(i int) (lo, width int64) {
	if i < linear {
		return int64(i), 1
	}
	e := i>>subBits - 1
	return int64(i-e<<subBits) << e, 1 << e
}

// Record adds one value. Negative values are recorded as 0.
func (h *Histogram) Record(v int64) { h.RecordN(v, 1) }

// RecordN adds the value v n times (n > 0). Negative values count as 0.
func (h *Histogram) RecordN(v int64, n int64) {
	if n <= 0 {
		return
	}
	if v < 0 {
		v = 0
	}
	h.counts[index(v)] += n
	if h.n == 0 || v < h.min {
		h.min = v
	}
	if v > h.max {
		h.max = v
	}
	h.n += n
	hi, lo := bits.Mul64(uint64(v), uint64(n))
	var c uint64
	h.sumLo, c = bits.Add64(h.sumLo, lo, 0)
	h.sumHi += hi + c
}

// Count returns the number of recorded values.
func (h *Histogram) Count() int64 { return h.n }

// Min returns the smallest recorded value in nanoseconds (0 when empty).
func (h *Histogram) Min() int64 { return h.min }

// Max returns the largest recorded value in nanoseconds (0 when empty).
func (h *Histogram) Max() int64 { return h.max }

// Sum returns the exact sum of the recorded values in seconds, rounded to
// float64.
func (h *Histogram) Sum() float64 { return h.sumNs() / nsPerSec }

func (h *Histogram) sumNs() float64 {
	return float64(h.sumHi)*(1<<64) + float64(h.sumLo)
}

// Mean returns the exact mean in seconds (0 when empty).
func (h *Histogram) Mean() float64 {
	if h.n == 0 {
		return 0
	}
	return h.sumNs() / float64(h.n) / nsPerSec
}

// Quantile returns the q-quantile (0 ≤ q ≤ 1) in seconds: the value of rank
// ⌈q·n⌉ (nearest rank; q = 0 gives Min, q = 1 gives Max), within 0.78 %. It
// returns 0 when the histogram is empty and NaN when q is outside [0, 1].
func (h *Histogram) Quantile(q float64) float64 {
	if !(q >= 0 && q <= 1) {
		return math.NaN()
	}
	return float64(h.QuantileNs(q)) / nsPerSec
}

// QuantileNs is Quantile in nanoseconds (q is clamped to [0, 1]).
func (h *Histogram) QuantileNs(q float64) int64 {
	if h.n == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(h.n)))
	switch {
	case !(rank > 1): // also NaN
		return h.min
	case rank >= h.n:
		return h.max
	}
	var seen int64
	for i := index(h.min); i <= index(h.max); i++ {
		seen += h.counts[i]
		if seen >= rank {
			return h.clampedMid(i)
		}
	}
	return h.max
}

// clampedMid is the midpoint of bucket i, kept inside [Min, Max].
func (h *Histogram) clampedMid(i int) int64 {
	lo, w := bounds(i)
	v := lo + (w-1)/2
	return min(max(v, h.min), h.max)
}

// Merge adds every value recorded in o to h.
func (h *Histogram) Merge(o *Histogram) {
	if o.n == 0 {
		return
	}
	for i := index(o.min); i <= index(o.max); i++ {
		h.counts[i] += o.counts[i]
	}
	if h.n == 0 || o.min < h.min {
		h.min = o.min
	}
	h.max = max(h.max, o.max)
	h.n += o.n
	var c uint64
	h.sumLo, c = bits.Add64(h.sumLo, o.sumLo, 0)
	h.sumHi += o.sumHi + c
}

// Reset empties the histogram, keeping its memory.
func (h *Histogram) Reset() {
	if h.n != 0 {
		clear(h.counts[index(h.min) : index(h.max)+1])
	}
	h.n, h.min, h.max, h.sumLo, h.sumHi = 0, 0, 0, 0, 0
}
