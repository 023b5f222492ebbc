package hist

import (
	"math/rand/v2"
	"testing"
)

// TestAtMost: AtMost counts the values in the buckets up to v's, the
// same on a histogram and on its Counts copy, and for a quantile it is at
// least the quantile's rank.
func TestAtMost(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	h := New()
	vals := make([]int64, 20_000)
	for i := range vals {
		vals[i] = int64(r.ExpFloat64() * 5e6)
		h.Record(vals[i])
	}
	c := h.Counts()
	if c.Total() != h.Count() {
		t.Fatalf("Counts total %d, histogram %d", c.Total(), h.Count())
	}
	for _, v := range []int64{-1, 0, 1, 1e3, 1e6, 5e6, 2e7, 1e9, h.Min(), h.Max()} {
		want := int64(0)
		for _, x := range vals {
			if v >= 0 && index(x) <= index(v) {
				want++
			}
		}
		if got := h.AtMost(v); got != want {
			t.Errorf("AtMost(%d) = %d, want %d", v, got, want)
		}
		if got := c.AtMost(v); got != want {
			t.Errorf("Counts.AtMost(%d) = %d, want %d", v, got, want)
		}
	}
	for _, q := range []float64{0.5, 0.9, 0.99, 0.999} {
		if got, rank := h.AtMost(h.QuantileNs(q)), int64(q*float64(h.Count())); got < rank {
			t.Errorf("AtMost(Quantile(%g)) = %d, below its rank %d", q, got, rank)
		}
	}
	var empty Histogram
	if empty.AtMost(5) != 0 || empty.Counts().AtMost(5) != 0 {
		t.Error("an empty histogram counts values")
	}
}
