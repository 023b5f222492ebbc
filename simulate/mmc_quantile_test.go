package simulate

import (
	"fmt"
	"math"
	"testing"
)

// mmcSojournSurvival is P(T > t) for the sojourn T of M/M/c: the wait is 0
// with probability 1 − C (Erlang C), else exponential of rate θ = cμ − λ,
// and the service exponential of rate μ follows it.
func mmcSojournSurvival(c int, lambda, mu, t float64) float64 {
	pw, th := erlangC(c, lambda/mu), float64(c)*mu-lambda
	both := math.Exp(-mu*t) * (1 + mu*t) // θ = μ: Erlang-2
	if math.Abs(th-mu) > 1e-9 {
		both = (th*math.Exp(-mu*t) - mu*math.Exp(-th*t)) / (th - mu)
	}
	return (1-pw)*math.Exp(-mu*t) + pw*both
}

// mmcSojournQuantile inverts mmcSojournSurvival by bisection.
func mmcSojournQuantile(c int, lambda, mu, q float64) float64 {
	lo, hi := 0.0, 1000/mu
	for range 200 {
		if mid := (lo + hi) / 2; mmcSojournSurvival(c, lambda, mu, mid) > 1-q {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// TestMMcSojournQuantiles runs testdata/mmc as M/M/2 and M/M/8 and compares
// the sojourn's p50, p90 and p99 with the quantiles of its distribution
// (within 2 %, 5 % for p99, or inside the 95 % interval).
func TestMMcSojournQuantiles(t *testing.T) {
	for _, tc := range []struct {
		c   int
		rho float64
	}{{2, 0.5}, {2, 0.8}, {8, 0.5}, {8, 0.8}} {
		lambda := tc.rho * float64(tc.c)
		res := mustRun(t, mmcHCL(t, lambda, tc.c, "exp(1s)", 300_000), Options{Seed: 17, Replications: 4})
		m := res.Services["s"]
		name := fmt.Sprintf("M/M/%d ρ=%g", tc.c, tc.rho)
		for _, q := range []struct {
			p        float64
			got, tol float64
			ci       CI
		}{{0.5, m.Latency.P50, 0.02, m.CI.P50}, {0.9, m.Latency.P90, 0.02, m.CI.P90}, {0.99, m.Latency.P99, 0.05, m.CI.P99}} {
			want := mmcSojournQuantile(tc.c, lambda, 1, q.p)
			t.Logf("%s: p%g %.4f (want %.4f, ci %v)", name, q.p*100, q.got, want, q.ci)
			if !within(q.got, want, q.tol, &q.ci) {
				t.Errorf("%s: p%g %.4f, want %.4f", name, q.p*100, q.got, want)
			}
		}
	}
}
