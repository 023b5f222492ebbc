package simulate

import (
	"fmt"
	"testing"
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
		{1.5, 1.2, "exp(1s)", erlangC(2, 1.2/0.75)/(1.5-1.2) + 1/0.75},
		{0.5, 0.4, "const(1s)", 2 + 0.4*4/(2*(1-0.8))},
	} {
		name := fmt.Sprintf("cpus %g, %s, λ=%g", tc.cpus, tc.work, tc.rate)
		sp := loadVars(t, "testdata/cpus", map[string]string{"cpus": fmt.Sprint(tc.cpus), "rate": fmt.Sprint(tc.rate), "service_time": tc.work})
		res := mustRun(t, sp, Options{Seed: 5, Replications: 4})
		m := res.Services["s"]
		t.Logf("%s: W %.4f (want %.4f, ci %v), cpu %.4f (want 0.8), workers %.5f (want %.5f)",
			name, m.Latency.Mean, tc.w, m.CI.Mean, m.CPUUtilization, m.Utilization, tc.rate*tc.w/64)
		if !within(m.Latency.Mean, tc.w, 0.02, &m.CI.Mean) {
			t.Errorf("%s: mean sojourn %.4f, want %.4f", name, m.Latency.Mean, tc.w)
		}
		if !within(m.CPUUtilization, 0.8, 0.02, nil) {
			t.Errorf("%s: cpu utilisation %.4f, want λE[S]/cpus = 0.8", name, m.CPUUtilization)
		}
		if !within(m.Utilization, tc.rate*tc.w/64, 0.03, &m.CI.Utilization) {
			t.Errorf("%s: worker utilisation %.5f, want λW/64 = %.5f", name, m.Utilization, tc.rate*tc.w/64)
		}
	}
}
