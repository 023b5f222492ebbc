package simulate

import (
	"math"
	"testing"
)

// TestErrorFaultTheory runs testdata/errorfault: an error fault fails each
// request at s with probability p, independently, so with n attempts a
// call from front fails with probability pⁿ and makes p + … + p^(n−1)
// retries; s's failed requests take no time, so its mean latency is
// (1 − p)·E[S]. A fault for part of the run fails that share of it; one
// on one of two replicas (round robin) fails half as many requests.
func TestErrorFaultTheory(t *testing.T) {
	const es = 0.010 // s's mean service time
	for _, tc := range []struct {
		name     string
		scenario string
		vars     map[string]string
		errors   float64 // front's error rate
		sErrors  float64 // s's error rate
		retries  float64 // retries per call
	}{
		{name: "p=0.5, 1 attempt", scenario: "errors", vars: map[string]string{"probability": "0.5"}, errors: 0.5, sErrors: 0.5},
		{name: "p=0.5, 3 attempts", scenario: "errors", vars: map[string]string{"probability": "0.5", "attempts": "3"},
			errors: 0.125, sErrors: 0.5, retries: 0.5 + 0.25},
		{name: "p=0.1, 2 attempts", scenario: "errors", vars: map[string]string{"probability": "0.1", "attempts": "2"},
			errors: 0.01, sErrors: 0.1, retries: 0.1},
		{name: "p=1 from 50s for 50s", scenario: "errors", vars: map[string]string{"probability": "1", "at": "50s", "duration": "50s"},
			errors: 50.0 / 199, sErrors: 50.0 / 199},
		{name: "p=0.6 on 1 of 2 replicas", scenario: "one-replica", vars: map[string]string{"probability": "0.6"},
			errors: 0.3, sErrors: 0.3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := loadVars(t, "testdata/errorfault", tc.vars)
			res := mustRun(t, sp, Options{Seed: 5, Scenario: tc.scenario, Replications: 4})
			f, s := res.Services["front"], res.Services["s"]
			calls := float64(f.Arrivals)
			t.Logf("front errors %.5f (want %.5f, ci %v); s errors %.5f (want %.5f); retries per call %.4f (want %.4f); s mean %.5f",
				f.ErrorRate, tc.errors, f.CI.ErrorRate, s.ErrorRate, tc.sErrors, float64(f.Retries)/calls, tc.retries, s.Latency.Mean)
			if !within(f.ErrorRate, tc.errors, 0.03, &f.CI.ErrorRate) {
				t.Errorf("front's error rate %.5f, want %.5f", f.ErrorRate, tc.errors)
			}
			if !within(s.ErrorRate, tc.sErrors, 0.03, &s.CI.ErrorRate) {
				t.Errorf("s's error rate %.5f, want %.5f", s.ErrorRate, tc.sErrors)
			}
			if got := float64(f.Retries) / calls; math.Abs(got-tc.retries) > 0.03*max(tc.retries, 0.01) {
				t.Errorf("%.4f retries per call, want %.4f", got, tc.retries)
			}
			if want := (1 - tc.sErrors) * es; !within(s.Latency.Mean, want, 0.03, &s.CI.Mean) {
				t.Errorf("s's mean latency %.5f, want (1 − %.3f)·E[S] = %.5f: a failed request takes no time", s.Latency.Mean, tc.sErrors, want)
			}
			if got := s.Failures["error"]; got != s.Failed {
				t.Errorf("s's failures %v: every one should be an error (5xx)", s.Failures)
			}
			hits := 0
			for _, e := range res.Events {
				if e.Kind == "error" && e.Service == "s" {
					hits++
				}
			}
			if want := map[string]int{"errors": 2, "one-replica": 1}[tc.scenario]; hits != want {
				t.Errorf("%d error events on s, want %d (one per replica hit): %v", hits, want, res.Events)
			}
		})
	}
}
