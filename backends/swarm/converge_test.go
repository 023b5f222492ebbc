package swarm

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/planner"
)

func TestGoalEvaluate(t *testing.T) {
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	task := func(desired, state swarm.TaskState, err string, at time.Duration) swarm.Task {
		return swarm.Task{Slot: 2, NodeID: "n2", DesiredState: desired,
			Status: swarm.TaskStatus{State: state, Err: err, Timestamp: start.Add(at)}}
	}
	running := task("running", "running", "", time.Second)
	failed := task("shutdown", "failed", "task: non-zero exit (2): dockerexec: unhealthy container", 3*time.Second)
	old := task("shutdown", "failed", "an error from before this apply", -time.Hour)
	svc := func(u *swarm.UpdateStatus) swarm.Service { return swarm.Service{UpdateStatus: u} }
	tests := []struct {
		name     string
		rollout  bool
		snap     snapshot
		at       time.Duration
		done     bool
		phase    string
		err      string
		rolledBk bool
	}{
		{name: "created, all running", snap: snapshot{found: true, tasks: []swarm.Task{running, running}}, at: 2 * time.Second, done: true},
		{name: "created, one starting", snap: snapshot{found: true, tasks: []swarm.Task{running, task("running", "starting", "", 0)}}, phase: "starting"},
		{name: "update in progress", rollout: true, snap: snapshot{found: true, svc: svc(&swarm.UpdateStatus{State: "updating"}), tasks: []swarm.Task{running, running}}, phase: "updating"},
		{name: "update not begun within the grace", rollout: true, snap: snapshot{found: true, tasks: []swarm.Task{running, running}}, at: time.Second, phase: "updating"},
		{name: "nothing to roll after the grace", rollout: true, snap: snapshot{found: true, tasks: []swarm.Task{running, running}}, at: 3 * time.Second, done: true},
		{name: "update completed", rollout: true, snap: snapshot{found: true, svc: svc(&swarm.UpdateStatus{State: "completed"}), tasks: []swarm.Task{running, running}}, done: true},
		{name: "rolling back", rollout: true, snap: snapshot{found: true, svc: svc(&swarm.UpdateStatus{State: "rollback_started"}), tasks: []swarm.Task{running}}, phase: "rolling back"},
		{
			name: "rolled back", rollout: true,
			snap: snapshot{found: true, svc: svc(&swarm.UpdateStatus{State: "rollback_completed", Message: "rollback completed"}), tasks: []swarm.Task{running, running, failed, old}},
			err:  "update rolled back: rollback completed; task p_api.2 on node berthlab-n2 (failed): task: non-zero exit (2): dockerexec: unhealthy container", rolledBk: true,
		},
		{
			name: "paused", rollout: true,
			snap: snapshot{found: true, svc: svc(&swarm.UpdateStatus{State: "paused", Message: "update paused due to failure"}), tasks: []swarm.Task{running, failed}},
			err:  "update paused: update paused due to failure; task p_api.2",
		},
		{name: "service gone", snap: snapshot{}, err: "service p_api disappeared"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &goal{id: "x", name: "p_api", replicas: 2, rollout: tt.rollout, start: start, nodes: map[string]string{"n2": "berthlab-n2"}}
			st := g.evaluate(tt.snap, start.Add(tt.at))
			if tt.err != "" {
				if st.err == nil || !strings.HasPrefix(st.err.Error(), tt.err) {
					t.Fatalf("err = %v, want prefix %q", st.err, tt.err)
				}
				if errors.Is(st.err, ErrRolledBack) != tt.rolledBk {
					t.Errorf("errors.Is(ErrRolledBack) = %v", !tt.rolledBk)
				}
				if strings.Contains(st.err.Error(), "from before") {
					t.Errorf("an older task's error is reported: %v", st.err)
				}
				return
			}
			if st.err != nil || st.done != tt.done || (tt.phase != "" && st.phase != tt.phase) {
				t.Errorf("got done %v phase %q err %v; want done %v phase %q", st.done, st.phase, st.err, tt.done, tt.phase)
			}
		})
	}
}

func TestRollsTasks(t *testing.T) {
	tests := []struct {
		attrs []string
		want  bool
	}{
		{[]string{"replicas"}, false},
		{[]string{"labels.team", "update.order"}, false},
		{[]string{"image"}, true},
		{[]string{"replicas", "env.LOG_LEVEL"}, true},
		{[]string{"secrets"}, true},
	}
	for _, tt := range tests {
		var rs []planner.Reason
		for _, a := range tt.attrs {
			rs = append(rs, planner.Reason{Attribute: a})
		}
		if got := rollsTasks(rs); got != tt.want {
			t.Errorf("rollsTasks(%v) = %v", tt.attrs, got)
		}
	}
}

func TestNamesRegistry(t *testing.T) {
	for ref, want := range map[string]bool{
		"nginx": false, "shop/orders:1.4": false, "berth-emulator:abc": false,
		"registry.example.com/app:1": true, "localhost:5000/app": true, "localhost/app": true,
	} {
		if got := namesRegistry(ref); got != want {
			t.Errorf("namesRegistry(%q) = %v", ref, got)
		}
	}
}

// A timeout names the service's task as every other failure does,
// "task p_api.2 (pending): …", with swarm's reason for the wait.
func TestGoalTimeoutError(t *testing.T) {
	start := time.Now()
	g := &goal{id: "x", name: "p_api", replicas: 2, start: start}
	running := swarm.Task{Slot: 1, DesiredState: "running", Status: swarm.TaskStatus{State: "running"}}
	pending := swarm.Task{Slot: 2, DesiredState: "running", Status: swarm.TaskStatus{State: "pending", Message: "pending task scheduling"}}
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	<-ctx.Done()
	err := g.timeoutError(ctx, snapshot{found: true, tasks: []swarm.Task{running, pending}})
	want := "1/2 running; task p_api.2 (pending): pending task scheduling"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("timeout error %v, want it to end in %q", err, want)
	}
}

// A task that waits for its health check is named with what it waits
// for, not swarm's bare message ("(starting): starting").
func TestGoalTimeoutErrorStarting(t *testing.T) {
	g := &goal{id: "x", name: "p_api", replicas: 2, start: time.Now()}
	running := swarm.Task{Slot: 1, DesiredState: "running", Status: swarm.TaskStatus{State: "running"}}
	starting := swarm.Task{Slot: 2, DesiredState: "running", Status: swarm.TaskStatus{State: "starting", Message: "starting"}}
	preparing := swarm.Task{Slot: 2, DesiredState: "running", Status: swarm.TaskStatus{State: "preparing", Message: "preparing"}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for task, want := range map[*swarm.Task]string{
		&starting:  "1/2 running; task p_api.2 (starting): its container runs; swarm counts it running once its health check passes",
		&preparing: "1/2 running; task p_api.2 (preparing)",
	} {
		err := g.timeoutError(ctx, snapshot{found: true, tasks: []swarm.Task{running, *task}})
		if err == nil || !strings.HasSuffix(err.Error(), want) || !strings.HasPrefix(err.Error(), "interrupted while waiting: ") {
			t.Errorf("timeout error %v, want it to end in %q", err, want)
		}
	}
}
