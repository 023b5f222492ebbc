package loadgen

import (
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/simulate"
)

// A comparison's differences: relative for throughput and latencies (the
// simulated ones with the round trip added), in absolute terms for the
// rates, none where the simulation gives 0; per service, requests per
// measured second; the tolerance judges throughput, mean and p50.
func TestCompare(t *testing.T) {
	measured := &Result{Load: "quick", Duration: 10.5, Warmup: 0.5,
		Entry:    &simulate.Metrics{Throughput: 22, ErrorRate: 0.03, Latency: simulate.Latency{Mean: 0.011, P50: 0.0105, P90: 0.02, P99: 0.05, P999: 0.1}},
		Services: map[string]*simulate.Metrics{"api": {Arrivals: 220, ErrorRate: 0.01}, "gone": {Arrivals: 5}},
	}
	sim := &simulate.Report{Duration: 10.5, Warmup: 0.5,
		Entry:    &simulate.Metrics{Throughput: 20, ErrorRate: 0.01, Latency: simulate.Latency{Mean: 0.009, P50: 0.0095, P90: 0.019, P99: 0.049}},
		Services: map[string]*simulate.Metrics{"api": {Arrivals: 200, ErrorRate: 0.02}, "db": {Arrivals: 10}},
	}
	spec := pickSpec()
	rp := &Replay{Spec: spec, Case: simulate.Case{Load: "quick", Scenario: "b-fine"}, Measured: measured}
	c := rp.Compare(sim, time.Millisecond, 0.15)

	want := map[string]float64{
		"throughput": 0.1, "error_rate": 0.02, "degraded_rate": 0,
		"mean": 0.1, "p50": 0.0, "p90": 0, "p99": 0,
	}
	for k, w := range want {
		if d := c.Diff.Entry[k]; d == nil || math.Abs(*d-w) > 1e-9 {
			t.Errorf("entry %s: %v, want %v", k, d, w)
		}
	}
	// p999 simulated 0 + the round trip: relative to 1ms.
	if d := c.Diff.Entry["p999"]; d == nil || math.Abs(*d-99) > 1e-9 {
		t.Errorf("entry p999: %v, want 99", d)
	}
	if s := c.Diff.Services; len(s) != 1 || s["api"] == nil || math.Abs(*s["api"]["requests"]-0.1) > 1e-9 || math.Abs(*s["api"]["error_rate"]+0.01) > 1e-9 {
		t.Errorf("services: %v (want api only: requests +10 %%, error rate −1 pt)", c.Diff.Services)
	}
	if !c.Pass || c.Load != "quick" || c.Scenario != "b-fine" || c.HopLatency != "0" || c.EntryRoundTrip != 0.001 {
		t.Errorf("comparison %+v", c)
	}
	if c := rp.Compare(sim, time.Millisecond, 0.05); c.Pass {
		t.Error("10 % off passes a tolerance of 5 %")
	}
	sim.Entry.Throughput = 0 // no relative difference: never within
	if c := rp.Compare(sim, time.Millisecond, 0.15); c.Pass || c.Diff.Entry["throughput"] != nil {
		t.Errorf("throughput simulated 0: pass %v, diff %v", c.Pass, c.Diff.Entry["throughput"])
	}
	if c := rp.Compare(sim, time.Millisecond, 0); !c.Pass {
		t.Error("no tolerance: not a pass")
	}
	if got := measured.PerSecond(50); got != 5 {
		t.Errorf("PerSecond(50) over 10 measured seconds = %v", got)
	}
	if got := c.SimRate(50); got != 5 {
		t.Errorf("SimRate(50) over 10 simulated seconds = %v", got)
	}
}

// compare --scenario checks the scenario's expect block on the
// measurement, as loadtest does, and fails when it does not hold, even
// within the tolerance.
func TestCompareJudgesScenario(t *testing.T) {
	spec := pickSpec()
	measured := &Result{Load: "quick", Duration: 10, Entry: &simulate.Metrics{Arrivals: 200, Throughput: 20, Latency: simulate.Latency{P50: 0.5}}}
	sim := &simulate.Report{Duration: 10, Entry: &simulate.Metrics{Throughput: 20, Latency: simulate.Latency{P50: 0.5}}}
	ld, cases, err := PickLoad(spec, "", "b-fine") // expect p50 ≤ 1s
	if err != nil {
		t.Fatal(err)
	}
	rp := &Replay{Spec: spec, Case: cases[0], Measured: measured}
	c := rp.Compare(sim, 0, 0)
	c.JudgeMeasured(spec, ld, cases)
	if !c.Pass || len(c.Verdicts) != 1 || !c.Verdicts[0].Pass || c.Verdicts[0].Source != "scenario b-fine" {
		t.Errorf("p50 0.5s under a bound of 1s: pass %v, verdicts %+v", c.Pass, c.Verdicts)
	}
	measured.Entry.Latency.P50 = 2
	c = rp.Compare(sim, 0, 0)
	c.JudgeMeasured(spec, ld, cases)
	if c.Pass || len(c.Verdicts) != 1 || c.Verdicts[0].Pass {
		t.Errorf("p50 2s over a bound of 1s: pass %v, verdicts %+v", c.Pass, c.Verdicts)
	}
}
