package swarm

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"
)

func TestTaskStatus(t *testing.T) {
	nodes := map[string]nodeInfo{
		"a": {name: "n1", ready: true, state: "ready"},
		"b": {name: "n2", ready: false, state: "down"},
	}
	task := func(node string, st swarm.TaskState) swarm.Task {
		return swarm.Task{NodeID: node, DesiredState: swarm.TaskStateRunning, Status: swarm.TaskStatus{State: st}}
	}
	// in slot: a task of replica slot, desired running (or ready: a
	// replacement waiting out restart.delay) or shut down (a task swarm
	// replaced, whose node may be unable to say it stopped).
	in := func(slot int, node string, desired, st swarm.TaskState) swarm.Task {
		return swarm.Task{Slot: slot, NodeID: node, DesiredState: desired, Status: swarm.TaskStatus{State: st}}
	}
	const run, ready, shut = swarm.TaskStateRunning, swarm.TaskStateReady, swarm.TaskStateShutdown
	tests := []struct {
		name     string
		replicas uint64
		tasks    []swarm.Task
		want     string
	}{
		{"all running", 2, []swarm.Task{task("a", "running"), task("a", "running")}, "2/2 running"},
		{"lost with a down node", 2, []swarm.Task{task("a", "running"), task("b", "running")}, "1/2 running, 1 lost with node n2 (down)"},
		{"rescheduling", 2, []swarm.Task{task("a", "running"), task("a", "starting"), task("", "pending")}, "1/2 running, 1 pending, 1 starting"},
		{"node removed", 1, []swarm.Task{task("zz", "running")}, "0/1 running, 1 lost with node zz (gone)"},
		{"scaled to zero", 0, nil, "0/0 running"},
		// A node that died: swarm shuts its tasks down (the node cannot say
		// so: they stay "running" there), then makes replacements that wait
		// out restart.delay (desired ready) on the nodes left.
		{"node down, replacement not made yet", 2, []swarm.Task{in(1, "a", run, run), in(2, "b", shut, run)},
			"1/2 running, 1 lost with node n2 (down)"},
		{"node down, replacement waiting", 2, []swarm.Task{in(1, "a", run, run), in(2, "b", shut, run), in(2, "a", ready, "preparing")},
			"1/2 running, 1 waiting to start (rescheduled from node n2)"},
		{"node down, replacement starting", 2, []swarm.Task{in(1, "a", run, run), in(2, "b", shut, run), in(2, "a", run, "starting")},
			"1/2 running, 1 starting (rescheduled from node n2)"},
		{"node down, replacement running", 2, []swarm.Task{in(1, "a", run, run), in(2, "b", shut, run), in(2, "a", run, run)},
			"2/2 running"},
		// Why replicas do not run: the scheduler's reason for a task no
		// node takes, the newest failure of a service whose tasks fail.
		{"no node qualifies", 2, []swarm.Task{in(1, "a", run, run), {Slot: 2, DesiredState: run, Status: swarm.TaskStatus{State: "pending",
			Err: "no suitable node (scheduling constraints not satisfied on 2 nodes)"}}},
			"1/2 running, 1 pending: no suitable node (scheduling constraints not satisfied on 2 nodes)"},
		{"failing", 2, []swarm.Task{in(1, "a", run, run), in(2, "a", ready, "preparing"),
			{Slot: 2, NodeID: "a", DesiredState: shut, Status: swarm.TaskStatus{State: "failed", Err: "old", Timestamp: time.Unix(100, 0)}},
			{Slot: 2, NodeID: "a", DesiredState: shut, Status: swarm.TaskStatus{State: "failed", Err: "task: non-zero exit (2): dockerexec: unhealthy container", Timestamp: time.Unix(200, 0)}}},
			"1/2 running, 1 waiting to start, last failure: task: non-zero exit (2): dockerexec: unhealthy container (replica 2 on n1)"},
		// A node loss after a rolled-back update: the slot's task before its
		// replacement was lost with the node, so the update's failures,
		// older, are no reason.
		{"node loss after a rollback", 2, []swarm.Task{in(1, "a", run, run), in(2, "a", run, "starting"),
			{Slot: 2, NodeID: "b", DesiredState: shut, Status: swarm.TaskStatus{State: run, Timestamp: time.Unix(300, 0)}},
			{Slot: 2, NodeID: "a", DesiredState: shut, Status: swarm.TaskStatus{State: "failed", Err: "unhealthy", Timestamp: time.Unix(200, 0)}}},
			"1/2 running, 1 starting (rescheduled from node n2)"},
		{"history is not the state", 2, []swarm.Task{in(1, "a", run, run), in(2, "a", run, run), in(2, "a", shut, "failed"), in(1, "a", shut, "shutdown")},
			"2/2 running"},
	}
	for _, tt := range tests {
		got, full := taskStatus(tt.replicas, tt.tasks, nodes, nil)
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		if want := strings.HasPrefix(tt.want, fmt.Sprintf("%d/%d running", tt.replicas, tt.replicas)); full != want {
			t.Errorf("%s: full %v, want %v", tt.name, full, want)
		}
	}
}

// An update that ended, by completing or by rolling back, leaves nothing
// underway: UpdateStatus keeps its state until the next update, and a
// service rolled back and then matched by the spec is ready.
func TestUpdateUnderway(t *testing.T) {
	for state, want := range map[swarm.UpdateState]bool{
		swarm.UpdateStateUpdating: true, swarm.UpdateStatePaused: true,
		swarm.UpdateStateRollbackStarted: true, swarm.UpdateStateRollbackPaused: true,
		swarm.UpdateStateCompleted: false, swarm.UpdateStateRollbackCompleted: false,
	} {
		if got := updateUnderway(swarm.Service{UpdateStatus: &swarm.UpdateStatus{State: state}}); got != want {
			t.Errorf("%s: underway %v, want %v", state, got, want)
		}
	}
	if updateUnderway(swarm.Service{}) {
		t.Error("a service never updated is underway")
	}
}
