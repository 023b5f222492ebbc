package hist

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkRecord(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	vals := make([]int64, 4096)
	for i := range vals {
		vals[i] = int64(r.ExpFloat64() * 10e6)
	}
	h := New()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		h.Record(vals[i&4095])
		i++
	}
}

func BenchmarkQuantile(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	h := New()
	for range 100_000 {
		h.Record(int64(r.ExpFloat64() * 10e6))
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = h.Quantile(0.99)
	}
}
