package simulate

import (
	"fmt"
	"testing"
)

// TestErrorFaultQueued runs testdata/errorqueue: an error fault of
// probability p on an M/M/1 (λ = 0.9, μ = 1) whose requests queue. Each
// request fails with probability p when it starts, whether it found a
// free worker or waited for one, so the error rate is p, not p times the
// share that never waited (a queued request once started its work without
// the fault's draw: 9 % errors at p = 0.5). The failed requests take no
// time: an M/G/1 with E[S] = 1 − p and E[S²] = 2(1 − p), whose
// Pollaczek–Khinchine wait Wq = λE[S²]/(2(1 − λE[S])) every request
// shares; the served ones then work 1 s on average, the failed ones none.
func TestErrorFaultQueued(t *testing.T) {
	const lambda = 0.9
	for _, p := range []float64{0.5, 0.2} {
		name := fmt.Sprintf("p=%g", p)
		sp := loadVars(t, "testdata/errorqueue", map[string]string{"probability": fmt.Sprint(p)})
		res := mustRun(t, sp, Options{Seed: 4, Scenario: "errors", Replications: 4})
		s := res.Services["s"]
		es, es2 := 1-p, 2*(1-p)
		rho := lambda * es
		wq := lambda * es2 / (2 * (1 - rho))
		t.Logf("%s: errors %.4f (want %.4f, ci %v); util %.4f (want %.4f); mean %.4f (want %.4f, ci %v); latency_ok mean %.4f (want %.4f); queue %.4f (want %.4f)",
			name, s.ErrorRate, p, s.CI.ErrorRate, s.Utilization, rho, s.Latency.Mean, wq+es, s.CI.Mean, s.LatencyOK.Mean, wq+1, s.Queue.Mean, lambda*wq)
		if !within(s.ErrorRate, p, 0.02, &s.CI.ErrorRate) {
			t.Errorf("%s: error rate %.4f, want %.4f: a request that waited for a worker escapes the fault", name, s.ErrorRate, p)
		}
		if !within(s.Utilization, rho, 0.02, &s.CI.Utilization) {
			t.Errorf("%s: utilisation %.4f, want λ(1 − p)E[S] = %.4f", name, s.Utilization, rho)
		}
		if !within(s.Latency.Mean, wq+es, 0.03, &s.CI.Mean) {
			t.Errorf("%s: mean latency %.4f, want Wq + (1 − p)·E[S] = %.4f", name, s.Latency.Mean, wq+es)
		}
		if !within(s.LatencyOK.Mean, wq+1, 0.03, nil) {
			t.Errorf("%s: latency_ok mean %.4f, want Wq + E[S] = %.4f", name, s.LatencyOK.Mean, wq+1)
		}
		if !within(s.Queue.Mean, lambda*wq, 0.04, nil) {
			t.Errorf("%s: mean queue %.4f, want λ·Wq = %.4f (Little)", name, s.Queue.Mean, lambda*wq)
		}
	}
}
