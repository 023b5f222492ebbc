package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestFaultAtEndNeverFires: a fault at or after the end of the run never
// fires, as lang's warning and diff's note say, whether the end is the
// load's duration or --duration: the requests in flight at the end are
// answered as in the run without the fault, and no event is noted. A
// fault just before the end does fire (the check is on the end, not on
// the fault).
func TestFaultAtEndNeverFires(t *testing.T) {
	const dur = 5 * time.Second
	for _, tc := range []struct {
		name     string
		fault    lang.Fault
		duration time.Duration // Options.Duration; 0: the load's
		fires    bool
	}{
		{"kill at the end", lang.Fault{Kind: lang.FaultKill, Replicas: 1, At: dur}, 0, false},
		{"hang at the end", lang.Fault{Kind: lang.FaultHang, Replicas: 1, At: dur}, 0, false},
		{"slow at the end", lang.Fault{Kind: lang.FaultSlow, Replicas: 1, At: dur, Delay: lang.Dist{}}, 0, false},
		{"error at the end", lang.Fault{Kind: lang.FaultError, Probability: 1, At: dur}, 0, false},
		{"node_down at the end", lang.Fault{Kind: lang.FaultNodeDown, Node: 1, At: dur}, 0, false},
		{"hang at --duration", lang.Fault{Kind: lang.FaultHang, Replicas: 1, At: 3 * time.Second}, 3 * time.Second, false},
		{"hang after --duration", lang.Fault{Kind: lang.FaultHang, Replicas: 1, At: 4 * time.Second}, 3 * time.Second, false},
		{"hang before the end", lang.Fault{Kind: lang.FaultHang, Replicas: 1, At: dur - time.Millisecond}, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := newSpec()
			addService(sp, "s", 1, 64, 0, pd(t, "const(2s)"))
			ld := addLoad(sp, "l", "s", 10, dur, 0)
			ld.Arrival = lang.ArrivalConstant
			f := tc.fault
			f.Service = "s"
			if f.Kind == lang.FaultSlow {
				f.Delay = pd(t, "const(1s)")
			}
			sp.Scenarios["f"] = &lang.Scenario{Name: "f", Load: "l", Faults: []*lang.Fault{&f}}
			res := mustRun(t, sp, Options{Seed: 1, Scenario: "f", Duration: tc.duration})
			e := res.Entry
			t.Logf("arrivals %d failed %d unanswered %d p99 %.2fs max %.2fs, %d events", e.Arrivals, e.Failed, e.Unanswered, e.Latency.P99, e.Latency.Max, len(res.Events))
			if tc.fires {
				if len(res.Events) == 0 || e.Unanswered == 0 {
					t.Errorf("a hang 1 ms before the end: %d events, %d unanswered; want it to fire and hold the requests in flight", len(res.Events), e.Unanswered)
				}
				return
			}
			if len(res.Events) != 0 {
				t.Errorf("%d events (first: %s at %gs), want none: the fault is at or after the end", len(res.Events), res.Events[0].Kind, res.Events[0].Time)
			}
			// Every request takes exactly 2 s: the fault, had it fired,
			// would fail, freeze or slow those in flight at the end.
			if e.Failed != 0 || e.Completed != e.Arrivals || e.Latency.Max > 2.01 {
				t.Errorf("entry: %d of %d failed, max latency %.2fs; want all answered in 2 s, as without the fault", e.Failed, e.Arrivals, e.Latency.Max)
			}
		})
	}
}
