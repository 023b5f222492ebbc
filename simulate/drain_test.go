package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestUnanswered: a total outage (the one compose host down, never
// noticed) and a hang with no health check leave the clients without an
// answer. Those requests fail as unanswered, with their ages in the tail,
// so both scenarios fail their expectations (exit 3) instead of passing
// on the requests answered before the fault.
func TestUnanswered(t *testing.T) {
	sp := loadVars(t, "testdata/outage", nil)
	for _, tc := range []struct {
		scenario string
		at       float64 // the fault, s
		// arrived: the requests sent after the fault reached gw (a hung
		// process accepts them; a lost node does not).
		arrived bool
	}{{"total-outage", 10, false}, {"hang", 5, true}} {
		t.Run(tc.scenario, func(t *testing.T) {
			res, diags := Run(sp, Options{Seed: 1, Scenario: tc.scenario})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			e := res.Entry
			t.Logf("arrivals %d completed %d failed %d unanswered %d in flight %d err %.3f p99 %.1fs max %.1fs",
				e.Arrivals, e.Completed, e.Failed, e.Unanswered, e.InFlight, e.ErrorRate, e.Latency.P99, e.Latency.Max)
			if res.Pass() {
				t.Errorf("the scenario passed; want both verdicts failed")
			}
			for _, v := range res.Verdicts {
				if v.Pass {
					t.Errorf("verdict %s %s held (measured %g)", v.Source, v.Metric, v.Measured)
				}
			}
			// Every request after the fault is unanswered: (30 − at) s at 100/s.
			want := (30 - tc.at) * 100
			if u := float64(e.Unanswered); u < 0.9*want || u > 1.1*want {
				t.Errorf("entry: %d unanswered, want about %.0f", e.Unanswered, want)
			}
			if e.Failures["unanswered"] != e.Unanswered || e.InFlight != 0 || e.Arrivals != e.Completed+e.Failed {
				t.Errorf("entry counts: %+v", e)
			}
			// Censored at their age when the drain gave up: at least the
			// drain (60 s), at most the drain plus the run.
			if e.Latency.P99 < 60 || e.Latency.Max > 90+1e-9 {
				t.Errorf("entry p99 %.1fs, max %.1fs; want the ages of the unanswered (60–90 s)", e.Latency.P99, e.Latency.Max)
			}
			gw := res.Services["gw"]
			if gw.InFlight != 0 || gw.Arrivals != gw.Completed+gw.Failed || gw.Unanswered != gw.Failed {
				t.Errorf("gw counts: %+v", gw)
			}
			if tc.arrived && gw.Unanswered < e.Unanswered || !tc.arrived && gw.Unanswered > 5 {
				t.Errorf("gw: %d unanswered (entry %d); want the entry's when they arrived, else only those in progress at the fault",
					gw.Unanswered, e.Unanswered)
			}
		})
	}
}

// TestDrainHealthy: requests in flight when the load ends are followed to
// their answer, with their real latency, and nothing is unanswered. Each
// request takes exactly 1 s, so those sent in the last second finish in
// the drain.
func TestDrainHealthy(t *testing.T) {
	sp := newSpec()
	addService(sp, "s", 1, 64, 0, pd(t, "const(1s)"))
	ld := addLoad(sp, "l", "s", 10, 5*time.Second, 0)
	ld.Arrival = lang.ArrivalConstant
	res := mustRun(t, sp, Options{Seed: 1})
	for name, m := range map[string]*Metrics{"entry": res.Entry, "s": res.Services["s"]} {
		if m.Arrivals < 49 || m.Completed != m.Arrivals || m.Failed != 0 || m.Unanswered != 0 || m.InFlight != 0 {
			t.Errorf("%s: %d arrivals, %d completed, %d failed, %d unanswered, %d in flight; want about 50, all answered",
				name, m.Arrivals, m.Completed, m.Failed, m.Unanswered, m.InFlight)
		}
		if m.Latency.Max > 1.01 || m.Latency.P50 < 0.99 {
			t.Errorf("%s: latency %+v; want 1 s each", name, m.Latency)
		}
	}
	if n := len(res.Entry.Series); n != 5 {
		t.Errorf("%d series points, want 5 (the drain adds none)", n)
	}
	// The time averages stop at the end of the load: 10/s × 1 s = 10
	// busy workers of 64 in steady state, from 1 s to 5 s.
	if u := res.Services["s"].Utilization; u < 0.8*10.0/64 || u > 10.0/64 {
		t.Errorf("utilisation %.3f, want about %.3f", u, 0.9*10.0/64)
	}
}

// TestDrainNoNewFault: a fault due after the load does not start in the
// drain, and the report's events stop at the end of the load.
func TestDrainNoNewFault(t *testing.T) {
	sp := newSpec()
	addService(sp, "s", 1, 64, 0, pd(t, "const(2s)"))
	addLoad(sp, "l", "s", 10, 5*time.Second, 0)
	sp.Scenarios["f"] = &lang.Scenario{Name: "f", Load: "l", Faults: []*lang.Fault{{Kind: lang.FaultKill, Service: "s", Replicas: 1, At: 6 * time.Second}}}
	res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
	if e := res.Entry; e.Failed != 0 || e.Completed != e.Arrivals {
		t.Errorf("entry: %d of %d failed; the kill at 6 s (after the load) must not hit the requests draining", e.Failed, e.Arrivals)
	}
	if len(res.Events) != 0 {
		t.Errorf("events %+v, want none", res.Events)
	}
}
