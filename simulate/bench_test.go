package simulate

import (
	"testing"
)

// BenchmarkMMc is the speed anchor: M/M/4 at ρ = 0.9 (λ = 3.6, μ = 1),
// 1,000,000 customers, one replication on one goroutine. Compare with
// /work/shared/anchors/simpy_mmc.py 1000000 3.6 1 4.
func BenchmarkMMc(b *testing.B) {
	sp := mmc(b, 3.6, 1, 4, 1_000_000)
	b.ReportAllocs()
	var customers int64
	for i := 0; i < b.N; i++ {
		res, diags := Run(sp, Options{Seed: uint64(i + 1)})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		customers = res.Services["s"].Arrivals
	}
	b.ReportMetric(float64(customers)*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
}
