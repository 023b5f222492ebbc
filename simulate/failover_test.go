package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// failoverSpec: a client (one replica, no local work) calls svc (n
// replicas, 2 ms of work) with a 1 s timeout, at 100 requests/s.
func failoverSpec(t *testing.T, backend string, n, nodes int, health *lang.Health, dur time.Duration) *lang.Spec {
	sp := newSpec()
	sp.Backend, sp.Nodes = backend, nodes
	addService(sp, "client", 1, 1<<20, 0, lang.Dist{}, ep("get", seq(call("svc"))))
	s := addService(sp, "svc", n, 64, 256, pd(t, "const(2ms)"))
	s.Health = health
	sp.Links[lang.LinkKey{From: "client", To: "svc"}] = &lang.Link{From: "client", To: "svc", Timeout: time.Second, LoadBalancing: lang.LBRoundRobin}
	ld := addLoad(sp, "l", "client", 100, dur, 0)
	ld.Arrival = lang.ArrivalConstant
	return sp
}

func scenario(sp *lang.Spec, f *lang.Fault) {
	sp.Scenarios["f"] = &lang.Scenario{Name: "f", Load: "l", Faults: []*lang.Fault{f}}
}

// eventAt returns the time of the first event of kind (−1: none).
func eventAt(r *Report, kind string) float64 {
	for _, e := range r.Events {
		if e.Kind == kind {
			return e.Time
		}
	}
	return -1
}

// errorsIn sums the entry's errors/s over (from, to].
func errorsIn(r *Report, from, to float64) float64 {
	sum := 0.0
	for _, p := range r.Entry.Series {
		if p.Time > from && p.Time <= to {
			sum += p.Errors
		}
	}
	return sum
}

// Kill under compose: the replica restarts on its host restart.delay (5 s,
// swarmkit's default) later; the survivor takes the load meanwhile, so only
// the requests in flight at the crash fail.
func TestFailoverKill(t *testing.T) {
	for _, backend := range []string{lang.BackendCompose, lang.BackendSwarm} {
		sp := failoverSpec(t, backend, 2, 1, nil, 30*time.Second)
		scenario(sp, &lang.Fault{Kind: lang.FaultKill, Service: "svc", Replicas: 1, At: 10 * time.Second})
		res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
		if k, r := eventAt(res.Report, "kill"), eventAt(res.Report, "restart"); k != 10 || r != 15 {
			t.Errorf("%s: kill at %v, restart at %v; want 10 and 15", backend, k, r)
		}
		up := res.Services["svc"].Series
		if up[11].Up != 1 || up[15].Up != 2 {
			t.Errorf("%s: replicas in rotation at 12 s: %d (want 1), at 16 s: %d (want 2)", backend, up[11].Up, up[15].Up)
		}
		if f := res.Entry.Failed; f > 1 {
			t.Errorf("%s: %d requests failed, want at most the one in flight at the crash", backend, f)
		}
	}
}

// Hang with Docker's health check defaults (interval 30 s, timeout 30 s,
// retries 3). Probes run at 30, 60, 90, 120 s...; a hang at 100 s is first
// probed at 120 s, that probe fails at 150 s, the next ones run 180–210 s
// and 240–270 s: unhealthy at 270 s = 120 + 3·30 + 2·30. Until then the
// hung replica gets its share of calls (they time out). Under swarm the
// task then leaves rotation and is replaced: restarted 5 s later, back in
// rotation after its first probe passes, one interval later (305 s); no
// call fails after 272 s. Under compose Docker only marks it unhealthy
// (only swarm acts on health; the embedded DNS still lists it): it keeps
// its share of the calls, which keep timing out, and is never healthy
// again while it hangs.
func TestFailoverHang(t *testing.T) {
	for _, tc := range []struct {
		backend string
		back    float64 // in rotation again
		after   float64 // share of the calls failing after 272 s
	}{{lang.BackendCompose, -1, 0.5}, {lang.BackendSwarm, 305, 0}} {
		sp := failoverSpec(t, tc.backend, 2, 1, &lang.Health{HTTP: "/healthz"}, 320*time.Second)
		scenario(sp, &lang.Fault{Kind: lang.FaultHang, Service: "svc", Replicas: 1, At: 100 * time.Second})
		res, diags := Run(sp, Options{Seed: 1, Scenario: "f"})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tc.backend, diags)
		}
		warned := false
		for _, d := range diags {
			warned = warned || d.Summary == "Hang under compose"
		}
		if warned != (tc.backend == lang.BackendCompose) {
			t.Errorf("%s: warned that the hung replica stays in rotation: %v, want %v (%v)", tc.backend, warned, !warned, diags)
		}
		if u := eventAt(res.Report, "unhealthy"); u != 270 {
			t.Errorf("%s: unhealthy at %v s, want 270 s", tc.backend, u)
		}
		if h := eventAt(res.Report, "healthy"); h != tc.back {
			t.Errorf("%s: back in rotation at %v s, want %v", tc.backend, h, tc.back)
		}
		before, after := errorsIn(res.Report, 101, 269), errorsIn(res.Report, 272, 320)
		t.Logf("%s: errors 101–269 s: %.0f, after 272 s: %.0f", tc.backend, before, after)
		if before < 0.4*100*168 || after < 0.8*tc.after*100*48 || after > 1.2*tc.after*100*48 {
			t.Errorf("%s: %v errors while hung (want ~ half the calls), %v after detection (want %v of the calls)", tc.backend, before, after, tc.after)
		}
	}
}

// Node loss under swarm: the node's tasks are black holes until the
// managers mark it down (5 s heartbeat × 3 = 15 s), then they are
// rescheduled on the other nodes after restart.delay (5 s): back after
// ≈ 20 s, as measured on the lab swarm.
func TestFailoverNodeDown(t *testing.T) {
	sp := failoverSpec(t, lang.BackendSwarm, 3, 3, nil, 60*time.Second)
	sp.Services["client"].Replicas = 1
	scenario(sp, &lang.Fault{Kind: lang.FaultNodeDown, Node: 2, At: 20 * time.Second})
	res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
	down, seen, back := eventAt(res.Report, "node_down"), eventAt(res.Report, "node_detected"), eventAt(res.Report, "rescheduled")
	if down != 20 || seen != 35 || back != 40 {
		t.Errorf("node down at %v, detected at %v, tasks back at %v; want 20, 35, 40", down, seen, back)
	}
	for _, e := range res.Events {
		if e.Kind == "rescheduled" && *e.Node == 2 {
			t.Errorf("task %s.%d rescheduled on the lost node", e.Service, *e.Replica)
		}
	}
	if errorsIn(res.Report, 20, 36) == 0 || errorsIn(res.Report, 37, 60) != 0 {
		t.Errorf("errors 20–36 s: %v (want > 0: calls to the lost node time out), after 37 s: %v (want 0)",
			errorsIn(res.Report, 20, 36), errorsIn(res.Report, 37, 60))
	}
	// Compose: one host, node 2 does not exist: a warning, no effect.
	sp.Backend = lang.BackendCompose
	_, diags := Run(sp, Options{Seed: 1, Scenario: "f"})
	if len(diags) == 0 || diags.HasErrors() {
		t.Errorf("compose node_down of node 2: want one warning, got %v", diags)
	}
}
