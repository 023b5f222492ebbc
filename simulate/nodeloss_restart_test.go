package simulate

import (
	"fmt"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// A replica lost with its node comes back only as its restart policy
// allows. swarmkit's restart supervisor decides a task lost with its node
// as it decides a crashed one: no new task with condition "none", nor once
// max_attempts restarts are spent; a killed task that stays down is not
// brought back when some node returns. Compose maps condition "none" to
// restart "no", and the daemon does not start such a container when its
// host comes back.
func TestNodeLossRestartPolicy(t *testing.T) {
	// svc events of a run: "kind@time" in order.
	svcEvents := func(r *Report) []string {
		var out []string
		for _, e := range r.Events {
			if e.Service == "svc" {
				out = append(out, fmt.Sprintf("%s@%g", e.Kind, e.Time))
			}
		}
		return out
	}
	count := func(evs []string, kind string) int {
		n := 0
		for _, e := range evs {
			if len(e) > len(kind) && e[:len(kind)+1] == kind+"@" {
				n++
			}
		}
		return n
	}
	t.Run("swarm condition none: no new task", func(t *testing.T) {
		sp := failoverSpec(t, lang.BackendSwarm, 3, 3, nil, 60*time.Second)
		sp.Services["svc"].Restart.Condition = "none"
		scenario(sp, &lang.Fault{Kind: lang.FaultNodeDown, Node: 2, At: 20 * time.Second})
		res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
		evs := svcEvents(res.Report)
		if count(evs, "rescheduled") != 0 || res.Services["svc"].Series[58].Up != 2 {
			t.Errorf("events %v, %d replicas in rotation at the end; want no rescheduled task and 2 replicas",
				evs, res.Services["svc"].Series[58].Up)
		}
	})
	t.Run("swarm max_attempts spent: gave up", func(t *testing.T) {
		sp := failoverSpec(t, lang.BackendSwarm, 1, 2, nil, 60*time.Second)
		sp.Services["svc"].Restart.MaxAttempts = 1
		sp.Scenarios["f"] = &lang.Scenario{Name: "f", Load: "l", Faults: []*lang.Fault{
			{Kind: lang.FaultKill, Service: "svc", Replicas: 1, At: 5 * time.Second}, // restarted at 10 s: the one attempt
			{Kind: lang.FaultNodeDown, Node: 2, At: 20 * time.Second},
		}}
		res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
		evs := svcEvents(res.Report)
		if count(evs, "restart") != 1 || count(evs, "rescheduled") != 0 || count(evs, "gave-up") != 1 {
			t.Errorf("events %v; want one restart, then gave-up at the node loss and no rescheduled task", evs)
		}
	})
	t.Run("swarm: a killed task stays down when a node returns", func(t *testing.T) {
		sp := failoverSpec(t, lang.BackendSwarm, 2, 2, nil, 30*time.Second)
		sp.Services["svc"].Restart.Condition = "none"
		sp.Scenarios["f"] = &lang.Scenario{Name: "f", Load: "l", Faults: []*lang.Fault{
			{Kind: lang.FaultKill, Service: "svc", Replicas: 1, At: 5 * time.Second},
			{Kind: lang.FaultNodeDown, Node: 1, At: 10 * time.Second, Duration: 2 * time.Second},
			{Kind: lang.FaultNodeDown, Node: 2, At: 10 * time.Second, Duration: 2 * time.Second},
		}}
		res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
		evs := svcEvents(res.Report)
		if count(evs, "rescheduled")+count(evs, "restart")+count(evs, "started") != 0 || res.Services["svc"].Series[28].Up != 1 {
			t.Errorf("events %v, %d replicas in rotation at the end; want the killed task to stay down (1 replica)",
				evs, res.Services["svc"].Series[28].Up)
		}
	})
	t.Run("compose condition none: not started with the host", func(t *testing.T) {
		sp := failoverSpec(t, lang.BackendCompose, 2, 1, nil, 30*time.Second)
		sp.Services["svc"].Restart.Condition = "none"
		scenario(sp, &lang.Fault{Kind: lang.FaultNodeDown, Node: 1, At: 10 * time.Second, Duration: 5 * time.Second})
		res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
		evs := svcEvents(res.Report)
		if count(evs, "restart") != 0 || res.Services["svc"].Series[28].Up != 0 {
			t.Errorf("events %v, %d replicas in rotation at the end; want svc to stay down", evs, res.Services["svc"].Series[28].Up)
		}
		if eventAt(res.Report, "restart") != 15 {
			t.Errorf("client (condition any) restarted at %v, want 15 s, with the host", eventAt(res.Report, "restart"))
		}
	})
}
