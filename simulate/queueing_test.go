package simulate

import (
	"math"
	"testing"
)

// Analytic ground truths of anchors/defaults.md. Each check passes when
// the estimate is within the anchors' tolerance (2 % for means, 5 % for
// p99) or the analytic value lies inside the 95 % confidence interval over
// the replications.

func TestMM1(t *testing.T) {
	for _, rho := range []float64{0.5, 0.8, 0.9} {
		mu, lambda := 1.0, rho
		res := mustRun(t, mmc(t, lambda, mu, 1, 400_000), Options{Seed: 7, Replications: 8})
		m := res.Services["s"]
		w := 1 / (mu - lambda)
		p99 := math.Log(100) / (mu - lambda)
		t.Logf("ρ=%.1f W=%.4f (want %.4f, ci %v) p99=%.3f (want %.3f, ci %v) util=%.4f",
			rho, m.Latency.Mean, w, m.CI.Mean, m.Latency.P99, p99, m.CI.P99, m.Utilization)
		if !within(m.Latency.Mean, w, 0.02, &m.CI.Mean) {
			t.Errorf("ρ=%.1f: mean sojourn %.4f, want %.4f", rho, m.Latency.Mean, w)
		}
		if !within(m.Latency.P99, p99, 0.05, &m.CI.P99) {
			t.Errorf("ρ=%.1f: p99 %.4f, want %.4f", rho, m.Latency.P99, p99)
		}
		if !within(m.Utilization, rho, 0.02, &m.CI.Utilization) {
			t.Errorf("ρ=%.1f: utilisation %.4f", rho, m.Utilization)
		}
	}
}
