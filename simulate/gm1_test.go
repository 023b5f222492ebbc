package simulate

import (
	"fmt"
	"math"
	"testing"
)

// TestDM1 runs testdata/mmc with evenly spaced arrivals: D/M/1. With σ
// the root in (0, 1) of σ = e^(−μ(1−σ)/λ), an arrival waits with
// probability σ, and its sojourn is exponential of rate μ(1 − σ): mean
// 1/(μ(1 − σ)), p99 ln(100)/(μ(1 − σ)). Poisson arrivals would give the
// M/M/1's 1/(μ − λ), twice as long at ρ = 0.5.
func TestDM1(t *testing.T) {
	for _, rho := range []float64{0.5, 0.8} {
		sigma := 0.5
		for range 1000 {
			sigma = math.Exp(-(1 - sigma) / rho)
		}
		w, p99 := 1/(1-sigma), math.Log(100)/(1-sigma)
		sp := loadVars(t, "testdata/mmc", map[string]string{"rate": fmt.Sprint(rho), "arrival": "constant",
			"duration": secs(300_000 / rho), "warmup": secs(5_000 / rho)})
		res := mustRun(t, sp, Options{Seed: 13, Replications: 4})
		m := res.Services["s"]
		t.Logf("D/M/1 ρ=%g: σ=%.4f W %.4f (want %.4f, ci %v), p99 %.4f (want %.4f, ci %v), util %.4f",
			rho, sigma, m.Latency.Mean, w, m.CI.Mean, m.Latency.P99, p99, m.CI.P99, m.Utilization)
		if !within(m.Latency.Mean, w, 0.02, &m.CI.Mean) {
			t.Errorf("D/M/1 ρ=%g: mean sojourn %.4f, want %.4f", rho, m.Latency.Mean, w)
		}
		if !within(m.Latency.P99, p99, 0.05, &m.CI.P99) {
			t.Errorf("D/M/1 ρ=%g: p99 %.4f, want %.4f", rho, m.Latency.P99, p99)
		}
		if !within(m.Utilization, rho, 0.02, &m.CI.Utilization) {
			t.Errorf("D/M/1 ρ=%g: utilisation %.4f, want %.4f", rho, m.Utilization, rho)
		}
	}
}
