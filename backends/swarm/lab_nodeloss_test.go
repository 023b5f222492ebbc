package swarm

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/planner"
	"github.com/berth-dev/berth/simulate"
)

// TestLabNodeLoss kills a worker that runs a task, follows the project
// the way `berth status` does (one Observe per 250 ms) until swarm has
// started the lost task elsewhere, and compares the measured time to
// recovery with the simulator's for the same node_down scenario.
func TestLabNodeLoss(t *testing.T) {
	e := newLabEnv(t)
	const project = "swnodeloss"
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	spec := e.load("testdata/lab-nodeloss")
	e.destroy(project)
	t.Cleanup(func() { e.destroy(project) })
	p, d := e.plan(ctx, project, spec, false)
	if res := e.apply(ctx, p, d); !res.OK() {
		t.Fatalf("apply: %v\n%s", res.Failed, e.out.String())
	}

	victim := workerWithTask(t, e, objectName(project, "api"))
	t.Logf("killing node %d (%s)", victim.Index, victim.Host)
	killed := time.Now()
	if err := e.lab.Kill(victim); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { restartNode(t, e, victim) })

	var seen, recovered time.Duration
	var lastStatus string
	for time.Since(killed) < 90*time.Second && recovered == 0 {
		obs, err := e.b.Observe(ctx, project)
		if err != nil {
			t.Fatal(err)
		}
		status, ok := converged(obs)
		if status != lastStatus {
			t.Logf("%5.1fs %s", time.Since(killed).Seconds(), status)
			lastStatus = status
		}
		switch {
		case seen == 0 && !ok:
			seen = time.Since(killed)
		case seen != 0 && ok:
			recovered = time.Since(killed)
		}
		time.Sleep(250 * time.Millisecond)
	}
	if seen == 0 || recovered == 0 {
		t.Fatalf("status never showed the loss and the recovery (seen %s, recovered %s): %s", seen, recovered, lastStatus)
	}

	sim := simulatedRecovery(t, e)
	diff := math.Abs(recovered.Seconds()-sim) / sim
	t.Logf("node loss: status showed it after %.1fs; recovered after %.1fs measured, %.1fs simulated (%.0f%% apart)",
		seen.Seconds(), recovered.Seconds(), sim, 100*diff)
	if diff > 0.25 {
		t.Errorf("measured recovery %.1fs and simulated %.1fs differ by %.0f%% (> 25%%)", recovered.Seconds(), sim, 100*diff)
	}
}

// converged reports whether every service runs all its replicas on nodes
// that are up, with the statuses for the log.
func converged(obs *planner.Observed) (string, bool) {
	var parts []string
	ok := true
	for _, r := range obs.Resources {
		if r.Type != TypeService {
			continue
		}
		parts = append(parts, r.Name+": "+r.Status)
		want := fmt.Sprintf("%d/%d running", r.Attrs.Int(attrReplicas), r.Attrs.Int(attrReplicas))
		if r.Status != want {
			ok = false
		}
	}
	return strings.Join(parts, "; "), ok
}

func workerWithTask(t *testing.T, e *labEnv, service string) *swarmtest.Node {
	t.Helper()
	tasks, err := e.lab.Manager.TaskList(context.Background(), swarm.TaskListOptions{Filters: filters.NewArgs(
		filters.Arg("service", service), filters.Arg("desired-state", "running"))})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tasks {
		if n := e.lab.NodeByID(tk.NodeID); n != nil && n.Index != 1 {
			return n
		}
	}
	t.Fatalf("no task of %s on a worker", service)
	return nil
}

// restartNode starts the killed node again and waits until swarm has it
// Ready, so later tests have every node.
func restartNode(t *testing.T, e *labEnv, n *swarmtest.Node) {
	if err := e.lab.Start(n); err != nil {
		t.Errorf("restart node %d: %v", n.Index, err)
		return
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		node, _, err := e.lab.Manager.NodeInspectWithRaw(context.Background(), n.ID)
		if err == nil && node.Status.State == swarm.NodeStateReady {
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Errorf("node %d is not Ready 60s after its restart", n.Index)
}

// simulatedRecovery is the simulator's time from the node_down fault to
// the last lost replica healthy again, in the scenario worker-loss.
func simulatedRecovery(t *testing.T, e *labEnv) float64 {
	t.Helper()
	spec := e.load("testdata/lab-nodeloss")
	r, diags := simulate.Run(spec, simulate.Options{Scenario: "worker-loss", Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	var down, back float64 = -1, -1
	for _, ev := range r.Report.Events {
		switch ev.Kind {
		case "node_down":
			down = ev.Time
		case "healthy", "rescheduled":
			if down >= 0 && ev.Time > back {
				back = ev.Time
			}
		}
	}
	if down < 0 || back < 0 {
		t.Fatalf("the simulation has no node_down and recovery events: %+v", r.Report.Events)
	}
	return back - down
}
