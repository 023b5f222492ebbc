package simulate

import (
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// closedLoad makes sp's load l closed: n users thinking think.
func closedLoad(t *testing.T, sp *lang.Spec, n int, think string) *lang.Load {
	ld := sp.Loads["l"]
	ld.Profile, ld.Arrival = lang.RateProfile{}, ""
	ld.Users, ld.ThinkTime = n, pd(t, think)
	return ld
}

// TestClosedMachineRepairman: n users with exponential think times Z in
// front of one exponential server of mean S are the machine-repairman
// queue M/M/1//n: P(k at the server) ∝ n!/(n−k)! (S/Z)^k, utilisation
// U = 1 − P(0), throughput X = U/S, and response time R = n/X − Z (the
// interactive response-time law). Below saturation (n = 5, n* = (S+Z)/S
// = 11) and well above it (n = 30, X → 1/S, R → nS − Z).
func TestClosedMachineRepairman(t *testing.T) {
	const S, Z = 0.010, 0.100
	for _, n := range []int{5, 11, 30} {
		sum, term := 1.0, 1.0
		for k := 1; k <= n; k++ {
			term *= float64(n-k+1) * S / Z
			sum += term
		}
		u := 1 - 1/sum
		x := u / S
		r := float64(n)/x - Z
		sp := newSpec()
		addService(sp, "s", 1, 1, 1<<20, pd(t, expOf(S)))
		addLoad(sp, "l", "s", 0, 1000*time.Second, 20*time.Second)
		closedLoad(t, sp, n, expOf(Z))
		res := mustRun(t, sp, Options{Seed: 7})
		e, s := res.Entry, res.Services["s"]
		t.Logf("n=%d: X %.2f/s (want %.2f), R %.2fms (want %.2fms), U %.3f (want %.3f)", n, e.Throughput, x, e.Latency.Mean*1e3, r*1e3, s.Utilization, u)
		if !within(e.Throughput, x, 0.02, nil) || !within(e.Latency.Mean, r, 0.02, &e.CI.Mean) || !within(s.Utilization, u, 0.02, nil) {
			t.Errorf("n=%d users: X %.2f/s, R %.2fms, U %.3f; want M/M/1//n's %.2f/s, %.2fms, %.3f", n, e.Throughput, e.Latency.Mean*1e3, s.Utilization, x, r*1e3, u)
		}
	}
}

// TestClosedResponseTimeLaw: whatever the system, n users thinking Z on
// average make X(R + Z) = n (Little's law over the users); here a gateway
// calling a store with lognormal work, constant think times.
func TestClosedResponseTimeLaw(t *testing.T) {
	sp := newSpec()
	addService(sp, "gw", 1, 4, 1<<20, pd(t, "exp(5ms)"), ep("get", call("db")))
	addService(sp, "db", 1, 2, 1<<20, pd(t, "lognormal(8ms, 40ms)"))
	addLoad(sp, "l", "gw", 0, 600*time.Second, 20*time.Second)
	const n, Z = 40, 0.05
	closedLoad(t, sp, n, "const(50ms)")
	res := mustRun(t, sp, Options{Seed: 3})
	e := res.Entry
	got := e.Throughput * (e.Latency.Mean + Z)
	t.Logf("X %.1f/s, R %.1fms: X(R+Z) = %.2f", e.Throughput, e.Latency.Mean*1e3, got)
	if math.Abs(got-n) > 0.02*n || e.Failed != 0 {
		t.Errorf("X(R + Z) = %.2f × (%.4f + %.3f) = %.2f, %d failed; want %d users", e.Throughput, e.Latency.Mean, Z, got, e.Failed, n)
	}
}

// TestClosedClientTimeout: users whose requests never get an answer in
// time move on at the load's timeout: each cycle is the timeout plus the
// think time, so n users send n·T/(timeout + Z) requests, every one a
// timeout; users not thinking wait for ever without a timeout, and the
// drain ends their n requests unanswered.
func TestClosedClientTimeout(t *testing.T) {
	sp := newSpec()
	addService(sp, "s", 1, 1000, 0, pd(t, "const(1s)"))
	addLoad(sp, "l", "s", 0, 100*time.Second, 0)
	ld := closedLoad(t, sp, 10, "const(300ms)")
	ld.Timeout = 200 * time.Millisecond
	res := mustRun(t, sp, Options{Seed: 1})
	if e := res.Entry; e.Arrivals < 1990 || e.Arrivals > 2000 || e.Failures["timeout"] != e.Failed || e.Completed != 0 {
		t.Errorf("timeout 200ms, think 300ms: %d sent, %d completed, failures %v; want 10 users × 100 s / 0.5 s = 2000, every one a timeout", e.Arrivals, e.Completed, e.Failures)
	}
	sp.Services["s"].Capacity.ServiceTime = pd(t, "const(1000s)")
	ld.Timeout = 0
	res = mustRun(t, sp, Options{Seed: 1})
	if e := res.Entry; e.Arrivals != 10 || e.Unanswered != 10 {
		t.Errorf("no timeout, work of 1000 s: %d sent, %d unanswered; want each of the 10 users to send one and wait", e.Arrivals, e.Unanswered)
	}
}
