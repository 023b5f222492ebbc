package simulate

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// TestCPUsQueue runs testdata/cpus: the cores are the servers. cpus = 1.5
// is two cores at 0.75 speed, so exp(1 s) of work makes an M/M/2 of μ =
// 0.75 (Erlang C); cpus = 0.5 one core at half speed, so const(1 s) an
// M/D/1 of 2 s. The core utilisation is λE[S]/cpus, and the workers,
// held while their request waits for a core, are busy λW/64 (Little).
func TestCPUsQueue(t *testing.T) {
	for _, tc := range []struct {
		cpus, rate float64
		work       string
		w          float64 // mean sojourn
	}{
		{1.5, 1.2, "exp(1s)", quotaW(1.5, 1.2, 1)},
		{2.5, 1, "exp(1s)", quotaW(2.5, 1, 1)},
		{0.5, 0.4, "const(1s)", 2 + 0.4*4/(2*(1-0.8))},
	} {
		name := fmt.Sprintf("cpus %g, %s, λ=%g", tc.cpus, tc.work, tc.rate)
		sp := loadVars(t, "testdata/cpus", map[string]string{"cpus": fmt.Sprint(tc.cpus), "rate": fmt.Sprint(tc.rate), "service_time": tc.work})
		res := mustRun(t, sp, Options{Seed: 5, Replications: 4})
		m := res.Services["s"]
		t.Logf("%s: W %.4f (want %.4f, ci %v), cpu %.4f (want %.4f), workers %.5f (want %.5f)",
			name, m.Latency.Mean, tc.w, m.CI.Mean, m.CPUUtilization, tc.rate/tc.cpus, m.Utilization, tc.rate*tc.w/64)
		if !within(m.Latency.Mean, tc.w, 0.02, &m.CI.Mean) {
			t.Errorf("%s: mean sojourn %.4f, want %.4f", name, m.Latency.Mean, tc.w)
		}
		if u := tc.rate / tc.cpus; !within(m.CPUUtilization, u, 0.02, nil) {
			t.Errorf("%s: cpu utilisation %.4f, want λE[S]/cpus = %.4f", name, m.CPUUtilization, u)
		}
		if !within(m.Utilization, tc.rate*tc.w/64, 0.03, &m.CI.Utilization) {
			t.Errorf("%s: worker utilisation %.5f, want λW/64 = %.5f", name, m.Utilization, tc.rate*tc.w/64)
		}
	}
}

// quotaW is the mean sojourn of Poisson(λ) arrivals at a replica with
// resources.cpus = c and exponential work of rate μ: k requests working
// at once each run at min(1, c/k), so n in the system are served at rate
// μ·min(n, c), a birth-death chain (M/M/1 for c = 1, M/M/c for a whole c).
func quotaW(c, lambda, mu float64) float64 {
	p, sum, l := 1.0, 1.0, 0.0
	for n := 1; n < 100_000 && p > 1e-18; n++ {
		p *= lambda / (mu * math.Min(float64(n), c))
		sum += p
		l += float64(n) * p
	}
	return l / sum / lambda
}

// TestCPUsNeverSlower: a CFS quota caps a replica's threads together,
// never one thread below a core, so more cpus never slow a request: at a
// light load every cpus ≥ 1 serves nearly at full speed, and the mean
// sojourn falls as cpus grow. berth ran a fractional c as ceil(c) cores
// at c/ceil(c) each, so a request alone on cpus = 1.25 worked at 0.625 of
// a core: 16.4 ms where cpus = 1 took 12.6 ms (work exp(10ms), 20/s).
func TestCPUsNeverSlower(t *testing.T) {
	prev := math.Inf(1)
	for _, c := range []float64{1, 1.25, 1.5, 1.75, 2} {
		sp := loadVars(t, "testdata/cpus", map[string]string{"cpus": fmt.Sprint(c), "rate": "20", "service_time": "exp(10ms)"})
		sp.Loads["l"].Duration, sp.Loads["l"].Warmup = 2000*time.Second, 10*time.Second
		m := mustRun(t, sp, Options{Seed: 2}).Services["s"]
		want := quotaW(c, 20, 100)
		t.Logf("cpus %g: W %.2fms, want %.2fms", c, m.Latency.Mean*1e3, want*1e3)
		if !within(m.Latency.Mean, want, 0.02, &m.CI.Mean) || m.Latency.Mean > prev*1.01 {
			t.Errorf("cpus %g: mean sojourn %.2fms; want %.2fms, no more than with fewer cpus (%.2fms)", c, m.Latency.Mean*1e3, want*1e3, prev*1e3)
		}
		prev = m.Latency.Mean
	}
}
