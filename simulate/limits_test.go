package simulate

import (
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestCheckSize: a run beyond the bounds is an error naming what is too
// large, before anything is built; one just inside them is not.
func TestCheckSize(t *testing.T) {
	for _, tc := range []struct {
		name     string
		replicas int
		rate     float64
		dur      time.Duration
		parts    int
		want     string
	}{
		{"within", MaxReplicas, 1000, time.Hour, 10, ""},
		{"replicas", MaxReplicas + 1, 10, time.Second, 1, "Too many replicas to simulate"},
		{"arrivals", 1, 1e6, 2000 * time.Second, 1, "Load too large to simulate"},
		{"partitions", 1, 10, time.Second, MaxPartitions + 1, "Too many partitions to simulate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := newSpec()
			svc := addService(sp, "api", tc.replicas, 1, 0, pd(t, "const(1ms)"))
			svc.Consumes = []*lang.Consume{{Queue: "q"}}
			sp.Queues["q"] = &lang.Queue{Name: "q", Kind: "kafka", Partitions: tc.parts}
			ld := addLoad(sp, "l", "api", tc.rate, tc.dur, 0)
			diags := checkSize(sp, ld, tc.dur)
			switch {
			case tc.want == "" && diags.HasErrors():
				t.Errorf("unexpected error: %v", diags)
			case tc.want != "" && (len(diags) != 1 || diags[0].Summary != tc.want):
				t.Errorf("got %v, want one error %q", diags, tc.want)
			}
		})
	}
}

// TestCheckSizeFanout: the calls of each request count too. Two levels of
// n parallel calls make n² jobs a request; at n = 1000, 10 requests/s for
// 300 s are 3·10⁹ of them, more than MaxJobs (the arrivals alone, 3,000,
// passed the check; the run took minutes). A call with probability
// 0.1, or to a service without replicas, counts as that share of it.
func TestCheckSizeFanout(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n        int
		prob     float64
		replicas int
		want     string
	}{
		{"1000 × 1000", 1000, 1, 1, "Load too large to simulate"},
		{"1000 × 1000, 10 % of the calls", 1000, 0.1, 1, ""},
		{"1000 × 1000 to no replica", 1000, 1, 0, ""},
		{"300 × 300", 300, 1, 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := newSpec()
			fan := func(callee string) *lang.Step {
				var calls []*lang.Step
				for range tc.n {
					c := call(callee)
					c.Call.Probability = tc.prob
					calls = append(calls, c)
				}
				return par(calls...)
			}
			addService(sp, "front", 1, 1000, 0, lang.Dist{}, ep("get", fan("mid")))
			addService(sp, "mid", 1, 1000, 0, lang.Dist{}, ep("get", fan("leaf")))
			addService(sp, "leaf", tc.replicas, 1000, 0, lang.Dist{})
			ld := addLoad(sp, "l", "front", 10, 300*time.Second, 0)
			diags := checkSize(sp, ld, 300*time.Second)
			switch {
			case tc.want == "" && diags.HasErrors():
				t.Errorf("unexpected error: %v", diags)
			case tc.want != "" && (len(diags) != 1 || diags[0].Summary != tc.want || !strings.Contains(diags[0].Detail, "fan-out")):
				t.Errorf("got %v, want one error %q about the fan-out", diags, tc.want)
			}
		})
	}
}

// TestCheckSizeBurstPhases: a bursty load steps through every on and off
// phase, so phases of a nanosecond over 10 s (10¹⁰ of them) would run for
// minutes with nothing to show (it did, past any timeout); they are an
// error, while 1 ms phases over an hour (7.2·10⁶) run.
func TestCheckSizeBurstPhases(t *testing.T) {
	for _, tc := range []struct {
		phase, dur time.Duration
		want       string
	}{
		{time.Nanosecond, 10 * time.Second, "Burst phases too short to simulate"},
		{time.Millisecond, time.Hour, ""},
	} {
		sp := newSpec()
		addService(sp, "api", 1, 1, 0, pd(t, "const(1ms)"))
		ld := addLoad(sp, "l", "api", 10, tc.dur, 0)
		ld.Arrival, ld.BurstOn, ld.BurstOff = lang.ArrivalBursty, tc.phase, tc.phase
		diags := checkSize(sp, ld, tc.dur)
		switch {
		case tc.want == "" && diags.HasErrors():
			t.Errorf("%v phases over %v: unexpected error %v", tc.phase, tc.dur, diags)
		case tc.want != "" && (len(diags) != 1 || diags[0].Summary != tc.want):
			t.Errorf("%v phases over %v: got %v, want one error %q", tc.phase, tc.dur, diags, tc.want)
		}
	}
}
