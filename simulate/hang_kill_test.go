package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// A kill reaches a hung replica: its process still runs, docker kill ends
// it, and the restart policy brings a fresh one restart.delay later. With
// no health check nothing else ends the hang, so every call to the only
// replica from the hang (10 s) to the restart (25 s) fails (timed out
// after 1 s, reset by the kill, or refused while it is down) and none
// fails after it.
func TestKillEndsHang(t *testing.T) {
	for _, backend := range []string{lang.BackendCompose, lang.BackendSwarm} {
		sp := failoverSpec(t, backend, 1, 1, nil, 40*time.Second)
		sp.Scenarios["f"] = &lang.Scenario{Name: "f", Load: "l", Faults: []*lang.Fault{
			{Kind: lang.FaultHang, Service: "svc", Replicas: 1, At: 10 * time.Second},
			{Kind: lang.FaultKill, Service: "svc", Replicas: 1, At: 20 * time.Second},
		}}
		res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
		if k, r := eventAt(res.Report, "kill"), eventAt(res.Report, "restart"); k != 20 || r != 25 {
			t.Errorf("%s: kill at %v, restart at %v; want 20 and 25: events %+v", backend, k, r, res.Report.Events)
		}
		during, after := errorsIn(res.Report, 10, 25), errorsIn(res.Report, 26, 40)
		if during < 0.9*100*15 || after != 0 {
			t.Errorf("%s: %v errors 10–25 s (want nearly all of 1500), %v after the restart (want 0)", backend, during, after)
		}
	}
}
