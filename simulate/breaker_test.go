package simulate

import (
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// A client calls a backend through a Hystrix-style breaker (10 s window,
// 20 calls minimum, 50 %, open 5 s, one probe) at a constant 100 calls/s.
// The backend's only replica is killed at 1 s and restarts 8 s later, so
// every call from 1 s to 9 s fails (refused).
//
// Calls go out at 0.005 s, 0.015 s, ... (constant arrivals sit in the
// middle of their gaps): the window holds the 100 successes of
// 0.005–0.995 s, so the breaker opens at the 100th failure, 1.995 s. It
// lets one probe through at 6.995 s (fails: reopens) and another at
// 11.995 s (the backend is back since 9 s: closes).
func TestCircuitBreaker(t *testing.T) {
	sp := newSpec()
	addService(sp, "client", 1, 1<<20, 0, lang.Dist{}, ep("get", seq(call("backend"))))
	be := addService(sp, "backend", 1, 64, 64, pd(t, "const(1ms)"))
	be.Restart.Delay = 8 * time.Second
	sp.Links[lang.LinkKey{From: "client", To: "backend"}] = &lang.Link{From: "client", To: "backend", Timeout: time.Second,
		LoadBalancing: lang.LBRoundRobin,
		CircuitBreaker: &lang.CircuitBreaker{Window: 10 * time.Second, MinCalls: 20, FailureRate: 0.5,
			OpenFor: 5 * time.Second, HalfOpenCalls: 1}}
	ld := addLoad(sp, "l", "client", 100, 20*time.Second, 0)
	ld.Arrival = lang.ArrivalConstant
	sp.Scenarios["dead"] = &lang.Scenario{Name: "dead", Load: "l",
		Faults: []*lang.Fault{{Kind: lang.FaultKill, Service: "backend", Replicas: 1, At: time.Second}}}
	res := mustRun(t, sp, Options{Seed: 1, Scenario: "dead"})
	var opens []float64
	for _, e := range res.Events {
		if e.Kind == "breaker_open" {
			opens = append(opens, e.Time)
		}
	}
	t.Logf("breaker openings at %v", opens)
	want := []float64{1.995, 6.995}
	if len(opens) != len(want) {
		t.Fatalf("breaker opened at %v, want %v", opens, want)
	}
	for i, w := range want {
		if math.Abs(opens[i]-w) > 1e-9 {
			t.Errorf("opening %d at %.3f s, want %.3f s", i, opens[i], w)
		}
	}
	// Closed again after the probe at 12 s: full goodput from then on.
	if g := goodput(res.Report, 13, 20); g < 99 {
		t.Errorf("goodput after the successful probe %.1f/s, want 100/s", g)
	}
	// While open, calls fail fast (not sent): the attempts are far fewer
	// than the calls.
	l := res.Links[0]
	if l.BreakerRejected < 800 {
		t.Errorf("breaker rejected %d calls, want ~ 1000 (open 2–12 s at 100/s)", l.BreakerRejected)
	}
}

// A count-based window (resilience4j) with everything failing from the
// start opens after exactly min_calls calls.
func TestCircuitBreakerCountWindow(t *testing.T) {
	sp := newSpec()
	addService(sp, "client", 1, 1<<20, 0, lang.Dist{}, ep("get", seq(call("backend"))))
	be := addService(sp, "backend", 1, 64, 64, pd(t, "const(1ms)"))
	be.Restart.Condition = "none"
	sp.Links[lang.LinkKey{From: "client", To: "backend"}] = &lang.Link{From: "client", To: "backend", LoadBalancing: lang.LBRoundRobin,
		CircuitBreaker: &lang.CircuitBreaker{WindowCalls: 100, MinCalls: 50, FailureRate: 0.5, OpenFor: 60 * time.Second, HalfOpenCalls: 10}}
	ld := addLoad(sp, "l", "client", 100, 5*time.Second, 0)
	ld.Arrival = lang.ArrivalConstant
	sp.Scenarios["dead"] = &lang.Scenario{Name: "dead", Load: "l",
		Faults: []*lang.Fault{{Kind: lang.FaultKill, Service: "backend", Replicas: 1, At: 0}}}
	res := mustRun(t, sp, Options{Seed: 1, Scenario: "dead"})
	l := res.Links[0]
	if l.Attempts != 50 {
		t.Errorf("%d attempts reached the network before the breaker opened, want 50 (min_calls)", l.Attempts)
	}
	if l.BreakerOpenings != 1 {
		t.Errorf("%d openings, want 1 (open_for 60 s outlasts the run)", l.BreakerOpenings)
	}
}
