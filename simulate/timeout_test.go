package simulate

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// TestTimeoutTheory runs testdata/timeout: s has more workers than it can
// use, so each attempt's sojourn is its own exponential service time (μ =
// 10/s) and times out with probability e^(−μt), independently of the
// other attempts; with n attempts in all a call fails with probability
// e^(−μtn) = pⁿ. front answers an error exactly when its call fails, and
// its mean latency is that of the attempts made and the backoffs between.
func TestTimeoutTheory(t *testing.T) {
	const mu = 10.0
	for _, tc := range []struct {
		timeout  time.Duration
		attempts int
	}{{200 * time.Millisecond, 1}, {200 * time.Millisecond, 2}, {200 * time.Millisecond, 3}, {100 * time.Millisecond, 3}} {
		sp := loadVars(t, "testdata/timeout", map[string]string{"timeout": tc.timeout.String(), "attempts": fmt.Sprint(tc.attempts)})
		res := mustRun(t, sp, Options{Seed: 3, Replications: 4})
		f := res.Services["front"]
		p := math.Exp(-mu * tc.timeout.Seconds())
		want := math.Pow(p, float64(tc.attempts))
		// Attempts per call: 1 + p + … + p^(n−1); every one but the
		// last of a failed call is retried.
		attempts := (1 - want) / (1 - p)
		name := fmt.Sprintf("timeout %v, %d attempts", tc.timeout, tc.attempts)
		calls := float64(f.Arrivals)
		t.Logf("%s: errors %.5f (want %.5f, ci %v); timeouts per call %.4f (want %.4f), retries per call %.4f (want %.4f)", name,
			f.ErrorRate, want, f.CI.ErrorRate, float64(f.Timeouts)/calls, attempts*p, float64(f.Retries)/calls, attempts-1)
		if !within(f.ErrorRate, want, 0.03, &f.CI.ErrorRate) {
			t.Errorf("%s: error rate %.5f, want pⁿ = %.5f", name, f.ErrorRate, want)
		}
		if !within(float64(f.Timeouts)/calls, attempts*p, 0.02, nil) || !within(float64(f.Retries)/calls, attempts-1, 0.02, nil) && tc.attempts > 1 {
			t.Errorf("%s: %.4f timeouts and %.4f retries per call, want %.4f and %.4f", name,
				float64(f.Timeouts)/calls, float64(f.Retries)/calls, attempts*p, attempts-1)
		}
		// Each attempt lasts min(S, t), of mean (1 − p)/μ, and each retry
		// first waits the 1 ms constant backoff: front's mean latency.
		lat := attempts*((1-p)/mu+0.001) - 0.001
		if !within(f.Latency.Mean, lat, 0.02, &f.CI.Mean) {
			t.Errorf("%s: front's mean latency %.5f, want %.5f", name, f.Latency.Mean, lat)
		}
		if f.Failures["error"] != f.Failed {
			t.Errorf("%s: front's failures %v: a failed call should make front answer a 5xx (error)", name, f.Failures)
		}
	}
}

// TestTimeoutOnQueue runs testdata/timeoutqueue: s is an M/M/1 (μ = 1)
// whose timed-out requests stay queued and are served, so its sojourn W
// stays exponential of rate μ − λ. A per-attempt timeout t at front, or
// the load's client timeout t at s itself, fails P(W > t) = e^(−(μ−λ)t)
// of the requests, after E[min(W, t)] = (1 − e^(−(μ−λ)t))/(μ − λ) on
// average; s's own mean stays 1/(μ − λ).
func TestTimeoutOnQueue(t *testing.T) {
	for _, tc := range []struct {
		rate    float64
		timeout time.Duration
		client  bool
	}{
		{0.5, time.Second, false},
		{0.5, 3 * time.Second, false},
		{0.8, 5 * time.Second, false},
		{0.5, 2 * time.Second, true},
	} {
		name := fmt.Sprintf("λ=%g, link timeout %v", tc.rate, tc.timeout)
		vars := map[string]string{"rate": fmt.Sprint(tc.rate), "timeout": tc.timeout.String()}
		if tc.client {
			name = fmt.Sprintf("λ=%g, client timeout %v", tc.rate, tc.timeout)
			vars = map[string]string{"rate": fmt.Sprint(tc.rate), "entry": "s", "client_timeout": tc.timeout.String()}
		}
		res := mustRun(t, loadVars(t, "testdata/timeoutqueue", vars), Options{Seed: 12, Replications: 4})
		d := 1 - tc.rate
		fail := math.Exp(-d * tc.timeout.Seconds())
		mean := (1 - fail) / d
		got, s := res.Services["front"], res.Services["s"]
		if tc.client {
			got = res.Entry
		}
		t.Logf("%s: failed %.4f (want %.4f, ci %v), mean %.4f (want %.4f, ci %v); s mean %.4f (want %.4f)",
			name, got.ErrorRate, fail, got.CI.ErrorRate, got.Latency.Mean, mean, got.CI.Mean, s.LatencyOK.Mean, 1/d)
		// front answers a 5xx for each call that timed out (the link
		// counts those that fire after the warm-up, a few more)
		timeouts := got.Timeouts
		if tc.client {
			timeouts = got.Failures["timeout"]
		}
		if !within(got.ErrorRate, fail, 0.02, &got.CI.ErrorRate) || !within(float64(timeouts), float64(got.Failed), 0.001, nil) {
			t.Errorf("%s: failures %v (%d timeouts), rate %.4f; want timeouts only, e^(−(μ−λ)t) = %.4f", name, got.Failures, timeouts, got.ErrorRate, fail)
		}
		if !within(got.Latency.Mean, mean, 0.02, &got.CI.Mean) {
			t.Errorf("%s: mean latency %.4f, want E[min(W, t)] = %.4f", name, got.Latency.Mean, mean)
		}
		if !within(s.LatencyOK.Mean, 1/d, 0.02, &s.CI.Mean) {
			t.Errorf("%s: s's mean sojourn %.4f, want 1/(μ − λ) = %.4f: a timeout does not take a request out of the queue", name, s.LatencyOK.Mean, 1/d)
		}
	}
}
