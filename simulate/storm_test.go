package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// retryStorm is the metastable-failure anchor: a client calls a backend
// (μ = 1000/s, one worker, a deep queue) with a 50 ms timeout per attempt
// at ρ = 0.6; arrivals double from 5 s to 10 s.
func retryStorm(t *testing.T, retry *lang.Retry) *lang.Spec {
	sp := newSpec()
	addService(sp, "client", 1, 1<<20, 0, lang.Dist{}, ep("get", seq(call("backend"))))
	addService(sp, "backend", 1, 1, 1<<20, pd(t, "exp(1ms)"))
	sp.Links[lang.LinkKey{From: "client", To: "backend"}] = &lang.Link{From: "client", To: "backend", Timeout: 50 * time.Millisecond, Retry: retry, LoadBalancing: lang.LBRoundRobin}
	ld := addLoad(sp, "l", "client", 600, 40*time.Second, 0)
	ld.Profile = lang.RateProfile{Kind: lang.ProfileSteps, Rate: 600, Steps: []lang.RateStep{{At: 5 * time.Second, Rate: 1200}, {At: 10 * time.Second, Rate: 600}}}
	return sp
}

// immediate retries once with no backoff (1 ns, no jitter).
func immediate(budget float64) *lang.Retry {
	return &lang.Retry{Attempts: 2, Backoff: lang.BackoffConstant, Base: 1, Cap: 1, Jitter: lang.JitterNone, Budget: budget}
}

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

func TestRetryStorm(t *testing.T) {
	for _, tc := range []struct {
		name    string
		retry   *lang.Retry
		recover bool
	}{
		{"R=0", nil, true},
		{"R=1", immediate(0), false},
		{"R=1 budget 10%", immediate(0.1), true},
	} {
		res := mustRun(t, retryStorm(t, tc.retry), Options{Seed: 1})
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
