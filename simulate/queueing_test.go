package simulate

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// mmcHCL loads testdata/mmc: λ arrivals/s into c workers with the given
// service time, for n customers (the first 5 % not measured).
func mmcHCL(t testing.TB, lambda float64, c int, work string, n float64) *lang.Spec {
	dur := time.Duration(n / lambda * 1e9)
	return loadVars(t, "testdata/mmc", map[string]string{
		"rate": fmt.Sprint(lambda), "workers": fmt.Sprint(c), "service_time": work,
		"duration": dur.String(), "warmup": (dur / 20).String(),
	})
}

// Analytic ground truths of anchors/defaults.md. Each check passes when
// the estimate is within the anchors' tolerance (2 % for means, 5 % for
// p99) or the analytic value lies inside the 95 % confidence interval over
// the replications.

func TestMM1(t *testing.T) {
	for _, rho := range []float64{0.5, 0.8, 0.9} {
		mu, lambda := 1.0, rho
		res := mustRun(t, mmcHCL(t, lambda, 1, "exp(1s)", 400_000), Options{Seed: 7, Replications: 8})
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

func TestMMc(t *testing.T) {
	for _, tc := range []struct {
		c   int
		rho float64
		wq  float64 // anchors/defaults.md
	}{{4, 0.8, 0.7455}, {16, 0.9, 0.3696}} {
		mu := 1.0
		lambda := tc.rho * float64(tc.c) * mu
		if got := erlangC(tc.c, lambda/mu) / (float64(tc.c)*mu - lambda); math.Abs(got-tc.wq) > 1e-3 {
			t.Fatalf("Erlang C Wq = %.4f, anchors say %.4f", got, tc.wq)
		}
		res := mustRun(t, mmcHCL(t, lambda, tc.c, "exp(1s)", 600_000), Options{Seed: 11, Replications: 8})
		m := res.Services["s"]
		w := tc.wq + 1/mu
		t.Logf("M/M/%d ρ=%.1f W=%.4f (want %.4f, ci %v)", tc.c, tc.rho, m.Latency.Mean, w, m.CI.Mean)
		if !within(m.Latency.Mean, w, 0.02, &m.CI.Mean) {
			t.Errorf("M/M/%d: mean sojourn %.4f, want %.4f", tc.c, m.Latency.Mean, w)
		}
		if m.Queue.Mean <= 0 || !within(m.Queue.Mean, lambda*tc.wq, 0.03, nil) {
			t.Errorf("M/M/%d: mean queue %.4f, want λ·Wq = %.4f (Little)", tc.c, m.Queue.Mean, lambda*tc.wq)
		}
	}
}

// M/G/1 by Pollaczek–Khinchine: Wq = ρ(1+Cs²)/(2(1−ρ))·E[S].
func TestMG1(t *testing.T) {
	for _, tc := range []struct {
		name, dist string
		wq         float64 // in units of E[S], at ρ = 0.9
	}{
		{"M/D/1", "const(1s)", 4.5},
		{"M/G/1 Cs²=4", "gamma(1s, 2)", 22.5},
	} {
		n := 500_000.0
		if tc.wq > 10 {
			n = 2_000_000 // heavy tail: a longer run for the same precision
		}
		res := mustRun(t, mmcHCL(t, 0.9, 1, tc.dist, n), Options{Seed: 3, Replications: 8})
		m := res.Services["s"]
		w := tc.wq + 1
		t.Logf("%s W=%.4f (want %.4f, ci %v)", tc.name, m.Latency.Mean, w, m.CI.Mean)
		if !within(m.Latency.Mean, w, 0.02, &m.CI.Mean) {
			t.Errorf("%s: mean sojourn %.4f, want %.4f", tc.name, m.Latency.Mean, w)
		}
	}
}

// Fork-join of two M/M/1 branches (Nelson–Tantawi): the front's mean is
// (12−ρ)/8 · 1/(μ−λ). Both branches see the same arrivals, so their waits
// are correlated; sampling them independently gives H₂/(μ−λ) = 1.5/(μ−λ)
// instead, which this test tells apart (3.0 vs 2.875 at ρ = 0.5).
func TestForkJoin(t *testing.T) {
	const mu, rho = 1.0, 0.5
	sp := loadVars(t, "testdata/forkjoin", nil) // 400,000 requests at ρ = 0.5
	res := mustRun(t, sp, Options{Seed: 5, Replications: 8})
	m := res.Services["front"]
	want := (12 - rho) / 8 / (mu - rho*mu)
	indep := 1.5 / (mu - rho*mu)
	t.Logf("fork-join mean %.4f (want %.4f, independent would be %.4f; ci %v)", m.Latency.Mean, want, indep, m.CI.Mean)
	if !within(m.Latency.Mean, want, 0.02, &m.CI.Mean) {
		t.Errorf("fork-join mean %.4f, want %.4f", m.Latency.Mean, want)
	}
	if m.CI.Mean.Low <= indep && indep <= m.CI.Mean.High || math.Abs(m.Latency.Mean-indep) < 0.02*indep {
		t.Errorf("fork-join mean %.4f cannot be told apart from independent branches (%.4f)", m.Latency.Mean, indep)
	}
	if a := res.Services["a"].Latency.Mean; !within(a, 1/(mu-rho*mu), 0.02, &res.Services["a"].CI.Mean) {
		t.Errorf("branch a mean %.4f, want %.4f", a, 1/(mu-rho*mu))
	}
}
