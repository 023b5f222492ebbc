package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// restart.max_attempts: the only replica is killed at 5, 10 and 15 s and
// restarts 1 s later each time. With a limit of 1 it is restarted once and
// then stays down (the kill at 15 s finds nothing to kill); under swarm
// with a 4 s window each earlier restart has left the window, so all three
// come back; with no limit, all three do.
func TestRestartMaxAttempts(t *testing.T) {
	cases := []struct {
		name     string
		backend  string
		max      int
		window   time.Duration
		restarts int
	}{
		{"no limit", lang.BackendCompose, 0, 0, 3},
		{"compose on-failure:1", lang.BackendCompose, 1, 0, 1},
		{"compose ignores window", lang.BackendCompose, 2, 4 * time.Second, 2},
		{"swarm limit 1 no window", lang.BackendSwarm, 1, 0, 1},
		{"swarm limit 1 window 4s", lang.BackendSwarm, 1, 4 * time.Second, 3},
		{"swarm limit 2 window 20s", lang.BackendSwarm, 2, 20 * time.Second, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sp := failoverSpec(t, c.backend, 1, 1, nil, 30*time.Second)
			svc := sp.Services["svc"]
			svc.Restart.Delay = time.Second
			svc.Restart.MaxAttempts, svc.Restart.Window = c.max, c.window
			var faults []*lang.Fault
			for _, at := range []time.Duration{5, 10, 15} {
				faults = append(faults, &lang.Fault{Kind: lang.FaultKill, Service: "svc", Replicas: 1, At: at * time.Second})
			}
			sp.Scenarios["f"] = &lang.Scenario{Name: "f", Load: "l", Faults: faults}
			res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
			kills, restarts, gaveUp := 0, 0, 0
			for _, e := range res.Report.Events {
				switch e.Kind {
				case "kill":
					kills++
				case "restart":
					restarts++
				case "gave-up":
					gaveUp++
				}
			}
			if restarts != c.restarts {
				t.Errorf("%d kills, %d restarts, want %d restarts; events: %+v", kills, restarts, c.restarts, res.Report.Events)
			}
			wantGaveUp := 0
			if c.restarts < 3 {
				wantGaveUp = 1
			}
			if gaveUp != wantGaveUp || kills != c.restarts+wantGaveUp {
				t.Errorf("%d kills and %d gave-up events, want %d and %d", kills, gaveUp, c.restarts+wantGaveUp, wantGaveUp)
			}
			if up := res.Services["svc"].Series[28].Up; (up == 1) != (wantGaveUp == 0) {
				t.Errorf("replicas in rotation at the end: %d", up)
			}
		})
	}
}
