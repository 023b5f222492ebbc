package hist

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"
)

const relBound = 1.0 / 128 // documented quantile error

// exactQuantile is the nearest-rank order statistic of sorted values.
func exactQuantile(sorted []int64, q float64) int64 {
	rank := int(math.Ceil(q * float64(len(sorted))))
	return sorted[max(rank, 1)-1]
}

func TestIndexBounds(t *testing.T) {
	// Every bucket's range maps back to itself and buckets tile [0, MaxInt64].
	next := int64(0)
	for i := 0; i < nBuckets; i++ {
		lo, w := bounds(i)
		if i == index(math.MaxInt64)+1 {
			break
		}
		if lo != next {
			t.Fatalf("bucket %d starts at %d, want %d", i, lo, next)
		}
		if index(lo) != i || index(lo+w-1) != i {
			t.Fatalf("bucket %d [%d, %d] indexes to %d, %d", i, lo, lo+w-1, index(lo), index(lo+w-1))
		}
		if lo >= linear && float64(w)/float64(lo) > 1.0/sub+1e-12 {
			t.Fatalf("bucket %d width %d over %d", i, w, lo)
		}
		next = lo + w
	}
	if index(math.MaxInt64) != nBuckets-1 {
		t.Errorf("index(MaxInt64) = %d, nBuckets = %d", index(math.MaxInt64), nBuckets)
	}
}

func TestQuantilesAgainstExact(t *testing.T) {
	gens := map[string]func(r *rand.Rand) int64{
		"exp_10ms":      func(r *rand.Rand) int64 { return int64(r.ExpFloat64() * 10e6) },
		"lognormal_1us": func(r *rand.Rand) int64 { return int64(math.Exp(math.Log(1e3) + 2*r.NormFloat64())) },
		"uniform_1h":    func(r *rand.Rand) int64 { return r.Int64N(3600e9) },
		"small_ns":      func(r *rand.Rand) int64 { return r.Int64N(300) },
	}
	qs := []float64{0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 0.9999, 1}
	for name, gen := range gens {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(11, 13))
			var h Histogram
			vals := make([]int64, 100_000)
			var sum float64
			for i := range vals {
				vals[i] = gen(r)
				sum += float64(vals[i])
				h.Record(vals[i])
			}
			slices.Sort(vals)
			for _, q := range qs {
				want := exactQuantile(vals, q)
				got := h.QuantileNs(q)
				if d := math.Abs(float64(got - want)); d > relBound*float64(want) {
					t.Errorf("q%v = %d, exact %d (rel err %.4f)", q, got, want, d/float64(want))
				}
				if s := h.Quantile(q); s != float64(got)/1e9 {
					t.Errorf("Quantile(%v) = %v, QuantileNs/1e9 = %v", q, s, float64(got)/1e9)
				}
			}
			if h.Count() != int64(len(vals)) || h.Min() != vals[0] || h.Max() != vals[len(vals)-1] {
				t.Errorf("count/min/max = %d/%d/%d, want %d/%d/%d", h.Count(), h.Min(), h.Max(), len(vals), vals[0], vals[len(vals)-1])
			}
			if m := sum / float64(len(vals)) / 1e9; math.Abs(h.Mean()-m) > 1e-12*m {
				t.Errorf("mean = %v, want %v", h.Mean(), m)
			}
		})
	}
}

// The 128-bit sum keeps the mean exact where an int64 sum would overflow.
func TestMeanNoOverflow(t *testing.T) {
	var h Histogram
	h.RecordN(math.MaxInt64, 4)
	h.Record(0)
	want := 4 * float64(math.MaxInt64) / 5 / 1e9
	if got := h.Mean(); math.Abs(got-want) > 1e-12*want {
		t.Fatalf("mean = %v, want %v", got, want)
	}
}

func TestEmptyAndEdges(t *testing.T) {
	var h Histogram
	if h.Quantile(0.5) != 0 || h.Mean() != 0 || h.Count() != 0 || h.Min() != 0 || h.Max() != 0 {
		t.Fatal("empty histogram is not all zero")
	}
	if !math.IsNaN(h.Quantile(1.5)) || !math.IsNaN(h.Quantile(-0.1)) {
		t.Error("out-of-range q does not give NaN")
	}
	h.Record(-5)
	if h.Min() != 0 || h.Max() != 0 || h.Count() != 1 {
		t.Errorf("negative value not recorded as 0: min %d max %d n %d", h.Min(), h.Max(), h.Count())
	}
	h.RecordN(7, 0)
	if h.Count() != 1 {
		t.Error("RecordN with n = 0 counted")
	}
}

func TestMergeEqualsRecordingAll(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var a, b, all Histogram
	for i := range 50_000 {
		v := int64(r.ExpFloat64() * 1e6)
		if i%3 == 0 {
			v *= 1000
			a.Record(v)
		} else {
			b.Record(v)
		}
		all.Record(v)
	}
	var empty Histogram
	a.Merge(&empty)
	empty.Merge(&a)
	empty.Merge(&b)
	if empty != all {
		t.Fatalf("merge differs from recording all: n %d/%d min %d/%d max %d/%d", empty.n, all.n, empty.min, all.min, empty.max, all.max)
	}
}

func TestReset(t *testing.T) {
	var h Histogram
	for _, v := range []int64{5, 5e3, 5e9, 3600e9} {
		h.Record(v)
	}
	h.Reset()
	if h != (Histogram{}) {
		t.Fatal("Reset left state behind")
	}
	h.Record(42)
	if h.QuantileNs(0.5) != 42 || h.Min() != 42 {
		t.Fatalf("after Reset: median %d, min %d", h.QuantileNs(0.5), h.Min())
	}
}

func TestSize(t *testing.T) {
	if n := int(unsafe.Sizeof(Histogram{})); n > 32<<10 {
		t.Errorf("Histogram is %d bytes, over 32 KiB", n)
	}
}
