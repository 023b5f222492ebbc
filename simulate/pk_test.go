package simulate

import (
	"fmt"
	"math"
	"testing"
)

// TestMG1Distributions runs testdata/mmc with one worker at λ = 0.7 and
// each service-time distribution of the language: the utilisation is
// λE[S], and Pollaczek–Khinchine gives the mean sojourn W = λE[S²]/(2(1 −
// λE[S])) + E[S] and the mean queue λ·Wq, from the distribution's first
// two moments (the lognormal's from its median m and σ = ln(p99/m)/z₀.₉₉).
func TestMG1Distributions(t *testing.T) {
	const lambda = 0.7
	sigma := math.Log(3) / 2.3263478740408408
	for _, tc := range []struct {
		dist    string
		es, es2 float64 // E[S], E[S²]
	}{
		{"exponential(1s)", 1, 2},
		{"deterministic(1s)", 1, 1},
		{"erlang(1s, 4)", 1, 1.25},
		{"uniform(0s, 2s)", 1, 4.0 / 3},
		{"lognormal(800ms, 2400ms)", 0.8 * math.Exp(sigma*sigma/2), 0.64 * math.Exp(2*sigma*sigma)},
		{"empirical(500ms, 500ms, 2s)", 1, 1.5},
		{"normal(1s, 300ms)", 1, 1.09},
	} {
		res := mustRun(t, mmcHCL(t, lambda, 1, tc.dist, 300_000), Options{Seed: 21, Replications: 4})
		m := res.Services["s"]
		wq := checkMG1(t, "M/G/1 "+tc.dist, m, lambda, tc.es, tc.es2)
		if !within(m.Queue.Mean, lambda*wq, 0.04, nil) {
			t.Errorf("%s: mean queue %.4f, want λ·Wq = %.4f (Little)", tc.dist, m.Queue.Mean, lambda*wq)
		}
	}
}

// checkMG1 compares m with the M/G/1 of arrival rate λ and service time
// moments E[S] and E[S²]: utilisation λE[S], mean sojourn Wq + E[S] with
// Pollaczek–Khinchine's Wq = λE[S²]/(2(1 − λE[S])), which it returns.
func checkMG1(t *testing.T, name string, m *Metrics, lambda, es, es2 float64) (wq float64) {
	t.Helper()
	rho := lambda * es
	wq = lambda * es2 / (2 * (1 - rho))
	t.Logf("%s: util %.4f (want %.4f), W %.4f (want %.4f, ci %v), queue %.4f (want %.4f)",
		name, m.Utilization, rho, m.Latency.Mean, wq+es, m.CI.Mean, m.Queue.Mean, lambda*wq)
	if !within(m.Utilization, rho, 0.02, &m.CI.Utilization) {
		t.Errorf("%s: utilisation %.4f, want λE[S] = %.4f", name, m.Utilization, rho)
	}
	if !within(m.Latency.Mean, wq+es, 0.02, &m.CI.Mean) {
		t.Errorf("%s: mean sojourn %.4f, want %.4f", name, m.Latency.Mean, wq+es)
	}
	return wq
}

// TestEndpointMixture runs testdata/mix: endpoints of const(0.5 s) and
// const(2 s) entered by weight make one M/G/1 of the mixture; each
// endpoint's mean sojourn is the shared Wq plus its own service time.
func TestEndpointMixture(t *testing.T) {
	const lambda = 0.6
	for _, w := range []float64{1, 0.25} {
		p := w / (1 + w) // share of "long"
		es, es2 := 0.5*(1-p)+2*p, 0.25*(1-p)+4*p
		wq := lambda * es2 / (2 * (1 - lambda*es))
		res := mustRun(t, loadVars(t, "testdata/mix", map[string]string{"weight": fmt.Sprint(w)}), Options{Seed: 2, Replications: 4})
		m := res.Services["s"]
		short, long := m.Endpoints["short"], m.Endpoints["long"]
		t.Logf("weight %g: W %.4f (want %.4f, ci %v); short %.4f (want %.4f), long %.4f (want %.4f); long's share %.4f (want %.4f)",
			w, m.Latency.Mean, wq+es, m.CI.Mean, short.Latency.Mean, wq+0.5, long.Latency.Mean, wq+2, float64(long.Arrivals)/float64(m.Arrivals), p)
		if !within(m.Latency.Mean, wq+es, 0.02, &m.CI.Mean) {
			t.Errorf("weight %g: mean sojourn %.4f, want %.4f", w, m.Latency.Mean, wq+es)
		}
		if !within(short.Latency.Mean, wq+0.5, 0.03, &short.CI.Mean) || !within(long.Latency.Mean, wq+2, 0.03, &long.CI.Mean) {
			t.Errorf("weight %g: endpoints' means %.4f and %.4f, want Wq + 0.5 = %.4f and Wq + 2 = %.4f", w, short.Latency.Mean, long.Latency.Mean, wq+0.5, wq+2)
		}
		if got := float64(long.Arrivals) / float64(m.Arrivals); math.Abs(got-p) > 0.01 {
			t.Errorf("weight %g: %.4f of the requests to long, want %.4f", w, got, p)
		}
	}
}
