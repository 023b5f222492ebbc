package swarm

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"
)

// A service with no way forward, a task no node can run or tasks that
// keep failing, fails its step after stuckGrace, naming the task and
// swarm's reason; apply waited the whole --wait (3 minutes) for it. One
// that finds a way forward in time is waited for.
func TestGoalStuck(t *testing.T) {
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	task := func(slot int, desired, state swarm.TaskState, err string, at time.Duration) swarm.Task {
		return swarm.Task{Slot: slot, NodeID: "n3", DesiredState: desired,
			Status: swarm.TaskStatus{State: state, Err: err, Timestamp: start.Add(at)}}
	}
	running := task(1, "running", "running", "", time.Second)
	unplaced := swarm.Task{Slot: 2, DesiredState: "running", Status: swarm.TaskStatus{State: "pending", Timestamp: start,
		Err: "no suitable node (scheduling constraints not satisfied on 3 nodes)"}}
	failed := task(2, "shutdown", "failed", "task: non-zero exit (2): dockerexec: unhealthy container", 5*time.Second)
	restarting := task(2, "running", "starting", "", 11*time.Second)
	oldFailure := task(2, "shutdown", "failed", "from an earlier apply", -time.Hour)
	assigned := task(2, "running", "assigned", "", time.Second)
	tests := []struct {
		name  string
		tasks []swarm.Task
		why   string // at the first look, 1 s in
		err   string // after the grace; "" = still waiting
	}{
		{name: "no node qualifies", tasks: []swarm.Task{running, unplaced},
			why: "no node can run it: task p_api.2 (pending): no suitable node (scheduling constraints not satisfied on 3 nodes)",
			err: "not converged, 1/2 running; no node can run it: task p_api.2 (pending): no suitable node (scheduling constraints not satisfied on 3 nodes) (for 30s; swarm keeps the task pending"},
		{name: "failing tasks", tasks: []swarm.Task{running, failed, restarting},
			why: "its tasks keep failing: task p_api.2 on node berthlab-n3 (failed): task: non-zero exit (2)",
			err: "not converged, 1/2 running; its tasks keep failing: task p_api.2 on node berthlab-n3 (failed)"},
		{name: "a failure before this apply", tasks: []swarm.Task{running, oldFailure, restarting}},
		{name: "a task on its way", tasks: []swarm.Task{running, assigned}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &goal{id: "x", name: "p_api", replicas: 2, start: start, nodes: map[string]string{"n3": "berthlab-n3"}}
			snap := snapshot{found: true, tasks: tt.tasks}
			first := g.evaluate(snap, start.Add(time.Second))
			if first.err != nil || first.done || !strings.HasPrefix(first.why, tt.why) || (tt.why == "") != (first.why == "") {
				t.Fatalf("at 1s: %+v, want why %q and no error", first, tt.why)
			}
			late := g.evaluate(snap, start.Add(time.Second+stuckGrace))
			if tt.err == "" {
				if late.err != nil {
					t.Fatalf("after the grace: %v, want it still waited for", late.err)
				}
				return
			}
			var nc *notConverged
			if !errors.As(late.err, &nc) || !strings.HasPrefix(late.err.Error(), tt.err) {
				t.Fatalf("after the grace: %v, want prefix %q", late.err, tt.err)
			}
		})
	}
	// A start-first update whose new task needs a host port that every
	// node holds: swarm says "updating" for ever.
	t.Run("an update no node can take", func(t *testing.T) {
		g := &goal{id: "x", name: "p_api", replicas: 2, rollout: true, start: start}
		hostPort := unplaced
		hostPort.Status.Err = "no suitable node (host-mode port already in use on 3 nodes)"
		snap := snapshot{found: true, svc: swarm.Service{UpdateStatus: &swarm.UpdateStatus{State: swarm.UpdateStateUpdating}},
			tasks: []swarm.Task{running, running, hostPort}}
		g.evaluate(snap, start.Add(time.Second))
		st := g.evaluate(snap, start.Add(time.Second+stuckGrace))
		if st.err == nil || !strings.Contains(st.err.Error(), "host-mode port already in use") {
			t.Fatalf("err = %v, want the update's pending task named", st.err)
		}
		failingUpdate := snapshot{found: true, svc: snap.svc, tasks: []swarm.Task{running, failed, restarting}}
		g = &goal{id: "x", name: "p_api", replicas: 2, rollout: true, start: start}
		g.evaluate(failingUpdate, start.Add(time.Second))
		if st := g.evaluate(failingUpdate, start.Add(time.Second+stuckGrace)); st.err != nil {
			t.Fatalf("a failing task during an update is its failure_action's, got %v", st.err)
		}
	})
	t.Run("a way forward restarts the grace", func(t *testing.T) {
		g := &goal{id: "x", name: "p_api", replicas: 2, start: start}
		stuck := snapshot{found: true, tasks: []swarm.Task{running, unplaced}}
		g.evaluate(stuck, start.Add(time.Second))
		g.evaluate(snapshot{found: true, tasks: []swarm.Task{running, assigned}}, start.Add(20*time.Second))
		if st := g.evaluate(stuck, start.Add(time.Second+stuckGrace)); st.err != nil {
			t.Fatalf("failed %s after the last way forward: %v", stuckGrace-19*time.Second, st.err)
		}
	})
}

// A step whose change swarm did not converge says that the change was
// made (the service exists, updated), so the summary's counts and the
// next plan's "No changes" do not read as contradicting it.
func TestDoneSaysTheChangeWasMade(t *testing.T) {
	err := done("created", &notConverged{"not converged after 3m0s: 0/2 running"})
	if err.Error() != "created, but not converged after 3m0s: 0/2 running" {
		t.Errorf("got %q", err)
	}
	rb := done("updated", errors.New("update rolled back: ..."))
	if strings.HasPrefix(rb.Error(), "updated") {
		t.Errorf("a rollback reads as the update made: %q", rb)
	}
}

// A one-shot service (restart none or on-failure) whose tasks ran to
// completion (exit 0: swarm's "complete", desired state shutdown) since
// the goal was set has converged: apply waited the whole --wait for tasks
// swarm never starts again. A completion from before the goal does not
// count, nor one under restart "any" (swarm starts such a task again).
func TestGoalOneShotCompletes(t *testing.T) {
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	done := func(slot int, at time.Duration) swarm.Task {
		return swarm.Task{Slot: slot, NodeID: "n3", DesiredState: swarm.TaskStateShutdown,
			Status: swarm.TaskStatus{State: swarm.TaskStateComplete, Timestamp: start.Add(at)}}
	}
	for _, tt := range []struct {
		name    string
		oneShot bool
		tasks   []swarm.Task
		want    bool
	}{
		{"both completed", true, []swarm.Task{done(1, time.Second), done(2, 2*time.Second)}, true},
		{"one still to run", true, []swarm.Task{done(1, time.Second)}, false},
		{"completed before this apply", true, []swarm.Task{done(1, -time.Hour), done(2, -time.Hour)}, false},
		{"restart any", false, []swarm.Task{done(1, time.Second), done(2, 2*time.Second)}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := &goal{id: "x", name: "p_migrate", replicas: 2, start: start, oneShot: tt.oneShot}
			st := g.evaluate(snapshot{found: true, svc: swarm.Service{}, tasks: tt.tasks}, start.Add(3*time.Second))
			if st.done != tt.want || st.err != nil {
				t.Errorf("done %v (completed %d, err %v), want %v", st.done, st.completed, st.err, tt.want)
			}
		})
	}
	if !oneShot("none") || !oneShot("on-failure") || oneShot("any") {
		t.Error("oneShot: none and on-failure are one-shot, any is not")
	}
}
