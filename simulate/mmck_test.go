package simulate

import (
	"fmt"
	"math"
	"testing"
)

// mmckP returns the stationary distribution of M/M/c/K at offered load a
// = λ/μ: p(n) ∝ aⁿ/n! up to c, then a factor a/c per place in the queue.
func mmckP(c, k int, a float64) []float64 {
	p := make([]float64, k+1)
	p[0] = 1
	sum := 1.0
	for n := 1; n <= k; n++ {
		p[n] = p[n-1] * a / float64(min(n, c))
		sum += p[n]
	}
	for n := range p {
		p[n] /= sum
	}
	return p
}

// TestMMcK runs testdata/mmck: c workers and K − c places to wait, μ = 1.
// The blocking probability is p(K) (Erlang B when K = c), the admitted
// requests' mean sojourn (latency_ok) W = L/λ(1 − p(K)), the throughput
// λ(1 − p(K)), the utilisation λ(1 − p(K))/c and the mean queue Lq.
func TestMMcK(t *testing.T) {
	for _, tc := range []struct {
		c, queue int
		lambda   float64
		erlangB  float64 // published value, when K = c
	}{
		{c: 4, lambda: 3, erlangB: 0.2061},
		{c: 8, lambda: 8, erlangB: 0.2356},
		{c: 1, lambda: 0.5, erlangB: 1.0 / 3},
		{c: 2, queue: 4, lambda: 1.8},
		{c: 4, queue: 6, lambda: 4},
	} {
		k := tc.c + tc.queue
		p := mmckP(tc.c, k, tc.lambda)
		if tc.queue == 0 && math.Abs(p[k]-tc.erlangB) > 1e-4 {
			t.Fatalf("B(%d, %g) = %.4f, published %.4f", tc.c, tc.lambda, p[k], tc.erlangB)
		}
		l, lq := 0.0, 0.0
		for n, pn := range p {
			l += float64(n) * pn
			lq += float64(max(n-tc.c, 0)) * pn
		}
		block, admitted := p[k], tc.lambda*(1-p[k])
		w := l / admitted
		name := fmt.Sprintf("M/M/%d/%d λ=%g", tc.c, k, tc.lambda)
		sp := loadVars(t, "testdata/mmck", map[string]string{"rate": fmt.Sprint(tc.lambda), "workers": fmt.Sprint(tc.c),
			"queue": fmt.Sprint(tc.queue), "duration": fmt.Sprint(200_000/tc.lambda) + "s"})
		res := mustRun(t, sp, Options{Seed: 3, Replications: 4})
		s := res.Services["s"]
		t.Logf("%s: blocked %.4f (want %.4f, ci %v) W %.4f (want %.4f) throughput %.4f (want %.4f) util %.4f (want %.4f) queue %.4f (want %.4f)",
			name, s.ErrorRate, block, s.CI.ErrorRate, s.LatencyOK.Mean, w, s.Throughput, admitted,
			s.Utilization, admitted/float64(tc.c), s.Queue.Mean, lq)
		if !within(s.ErrorRate, block, 0.02, &s.CI.ErrorRate) || res.Entry.ErrorRate != s.ErrorRate {
			t.Errorf("%s: error rate %.4f (entry %.4f), want p(K) = %.4f", name, s.ErrorRate, res.Entry.ErrorRate, block)
		}
		if got := float64(s.Rejections) / float64(s.Arrivals); got != s.ErrorRate {
			t.Errorf("%s: rejections %.4f of the arrivals, error rate %.4f: every error should be a rejection", name, got, s.ErrorRate)
		}
		if !within(s.LatencyOK.Mean, w, 0.02, nil) {
			t.Errorf("%s: latency_ok mean %.4f, want W = %.4f", name, s.LatencyOK.Mean, w)
		}
		if !within(s.Throughput, admitted, 0.02, &s.CI.Throughput) {
			t.Errorf("%s: throughput %.4f, want λ(1 − p(K)) = %.4f", name, s.Throughput, admitted)
		}
		if !within(s.Utilization, admitted/float64(tc.c), 0.02, &s.CI.Utilization) {
			t.Errorf("%s: utilisation %.4f, want %.4f", name, s.Utilization, admitted/float64(tc.c))
		}
		if math.Abs(s.Queue.Mean-lq) > 0.03*lq+1e-9 {
			t.Errorf("%s: mean queue %.4f, want Lq = %.4f", name, s.Queue.Mean, lq)
		}
	}
}
