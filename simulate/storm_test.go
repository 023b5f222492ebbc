package simulate

import "testing"

// goodput returns the mean entry throughput over [from, to) seconds.
func goodput(r *Report, from, to float64) float64 {
	sum, n := 0.0, 0
	for _, p := range r.Entry.Series {
		if p.Time > from && p.Time <= to {
			sum += p.Throughput
			n++
		}
	}
	return sum / float64(n)
}

// TestRetryStorm runs testdata/storm, the metastable-failure anchor: a
// client calls a backend (μ = 1000/s) with a 50 ms timeout at ρ = 0.6 and
// arrivals double for 5 s. Without retries it recovers; one immediate
// retry per call (ρ(1+R) = 1.2 > 1) collapses for good; a 10 % retry
// budget recovers.
func TestRetryStorm(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vars    map[string]string
		recover bool
	}{
		{"R=0", nil, true},
		{"R=1", map[string]string{"attempts": "2"}, false},
		{"R=1 budget 10%", map[string]string{"attempts": "2", "budget": "0.1"}, true},
	} {
		res := mustRun(t, loadVars(t, "testdata/storm", tc.vars), Options{Seed: 1})
		during := goodput(res.Report, 6, 10)
		after := goodput(res.Report, 30, 40)
		b := res.Services["backend"]
		t.Logf("%s: goodput during the spike %.0f/s, 20-30 s after it %.0f/s; backend queue max %d, retries %d",
			tc.name, during, after, b.Queue.Max, res.Services["client"].Retries)
		if tc.recover && after < 0.95*600 {
			t.Errorf("%s: goodput %.0f/s long after the spike, want recovery to ~600/s", tc.name, after)
		}
		if !tc.recover && after > 0.05*600 {
			t.Errorf("%s: goodput %.0f/s long after the spike, want collapse (≈ 0)", tc.name, after)
		}
	}
}
