package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// capacity.startup delays every (re)start after time 0: a compose
// restart, a swarm reschedule (and a restart after a node comes back),
// and a task whose new node dies while it is still starting is lost with
// it and rescheduled again.
func TestStartup(t *testing.T) {
	tests := []struct {
		name    string
		backend string
		nodes   int
		startup string
		faults  []*lang.Fault
		// the first time of each event kind; -1: never
		want map[string]float64
		// replicas in rotation at the given second
		up map[int]int
	}{
		{"compose kill, no startup", lang.BackendCompose, 1, "",
			[]*lang.Fault{{Kind: lang.FaultKill, Service: "svc", Replicas: 1, At: 10 * time.Second}},
			map[string]float64{"kill": 10, "restart": 15}, map[int]int{16: 2}},
		{"compose kill, startup 3s", lang.BackendCompose, 1, "const(3s)",
			[]*lang.Fault{{Kind: lang.FaultKill, Service: "svc", Replicas: 1, At: 10 * time.Second}},
			map[string]float64{"kill": 10, "restart": 18}, map[int]int{16: 1, 17: 1, 19: 2}},
		{"swarm node loss, startup 4s", lang.BackendSwarm, 3, "4s",
			[]*lang.Fault{{Kind: lang.FaultNodeDown, Node: 2, At: 20 * time.Second}},
			map[string]float64{"node_detected": 35, "rescheduled": 40, "started": 44}, map[int]int{42: 2, 45: 3}},
		{"swarm: the new node dies while the task starts", lang.BackendSwarm, 3, "10s",
			[]*lang.Fault{
				{Kind: lang.FaultNodeDown, Node: 2, At: 5 * time.Second},
				{Kind: lang.FaultNodeDown, Node: 3, At: 27 * time.Second, Duration: 60 * time.Second},
			},
			// node 2 is detected at 20, its task goes to node 3 at 25 and
			// would serve at 35; node 3 dies at 27 (its own task frozen,
			// still in rotation), is detected at 42, and both tasks go to
			// node 1 at 47, serving at 57.
			map[string]float64{"rescheduled": 25, "started": 57}, map[int]int{30: 2, 50: 1, 58: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 2
			if tt.nodes > 1 {
				n = 3
			}
			sp := failoverSpec(t, tt.backend, n, tt.nodes, nil, 60*time.Second)
			if tt.startup != "" {
				sp.Services["svc"].Capacity.Startup = pd(t, tt.startup)
			}
			sp.Scenarios["f"] = &lang.Scenario{Name: "f", Load: "l", Faults: tt.faults}
			res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
			for kind, at := range tt.want {
				if got := eventAt(res.Report, kind); got != at {
					t.Errorf("first %q at %v, want %v; events: %+v", kind, got, at, res.Report.Events)
				}
			}
			series := res.Services["svc"].Series
			for sec, want := range tt.up {
				if got := series[sec-1].Up; got != want {
					t.Errorf("replicas in rotation at %d s: %d, want %d", sec, got, want)
				}
			}
		})
	}
}
