package simulate

import (
	"syscall"
	"testing"
)

// cpuNow returns the process's user+system CPU time in ns. Benchmarks
// report it beside wall time: on a shared machine the wall clock also
// measures the neighbours.
func cpuNow() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkMMc is the speed anchor: M/M/4 at ρ = 0.9 (λ = 3.6, μ = 1),
// 1,000,000 customers, one replication on one goroutine. Compare with
// /work/shared/anchors/simpy_mmc.py 1000000 3.6 1 4.
func BenchmarkMMc(b *testing.B) {
	sp := mmc(b, 3.6, 1, 4, 1_000_000)
	b.ReportAllocs()
	var customers int64
	cpu0 := cpuNow()
	for i := 0; i < b.N; i++ {
		res, diags := Run(sp, Options{Seed: uint64(i + 1)})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		customers += res.Services["s"].Arrivals
	}
	b.ReportMetric(float64(customers)/b.Elapsed().Seconds(), "customers/s")
	b.ReportMetric(float64(cpuNow()-cpu0)/float64(customers), "cpu-ns/customer")
}
