package swarm

import (
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"
)

// TestLastFailureSaysTheHealthCheck: with what a task's health check said
// known (the node engines, Backend.Observe), a service's last failure in
// its status says it, of the failed task the status names, not only
// swarm's "dockerexec: unhealthy container".
func TestLastFailureSaysTheHealthCheck(t *testing.T) {
	nodes := map[string]nodeInfo{"a": {name: "n1", ready: true, state: "ready"}}
	const run, shut = swarm.TaskStateRunning, swarm.TaskStateShutdown
	tasks := []swarm.Task{
		{Slot: 1, NodeID: "a", DesiredState: run, Status: swarm.TaskStatus{State: run}},
		{Slot: 2, NodeID: "a", DesiredState: swarm.TaskStateReady, Status: swarm.TaskStatus{State: "preparing"}},
		{ID: "old", Slot: 2, NodeID: "a", DesiredState: shut, Status: swarm.TaskStatus{State: "failed", Err: "old", Timestamp: time.Unix(100, 0)}},
		{ID: "new", Slot: 2, NodeID: "a", DesiredState: shut, Status: swarm.TaskStatus{State: "failed", Err: "task: non-zero exit (1): dockerexec: unhealthy container", Timestamp: time.Unix(200, 0)}},
	}
	said := func(t *swarm.Task) string {
		return map[string]string{"new": "health check: stat /bin/sh: no such file or directory", "old": "health check: older"}[t.ID]
	}
	want := "1/2 running, 1 waiting to start, last failure: task: non-zero exit (1): dockerexec: unhealthy container; health check: stat /bin/sh: no such file or directory (replica 2 on n1)"
	if got, _ := taskStatus(2, tasks, nodes, said); got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	// Nothing known of the check (no node engines, or none answered).
	want = "1/2 running, 1 waiting to start, last failure: task: non-zero exit (1): dockerexec: unhealthy container (replica 2 on n1)"
	for _, said := range []func(*swarm.Task) string{nil, func(*swarm.Task) string { return "" }} {
		if got, _ := taskStatus(2, tasks, nodes, said); got != want {
			t.Errorf("status %q, want %q", got, want)
		}
	}
}
