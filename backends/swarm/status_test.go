package swarm

import (
	"testing"

	"github.com/docker/docker/api/types/swarm"
)

func TestTaskStatus(t *testing.T) {
	nodes := map[string]nodeInfo{
		"a": {name: "n1", ready: true, state: "ready"},
		"b": {name: "n2", ready: false, state: "down"},
	}
	task := func(node string, st swarm.TaskState) swarm.Task {
		return swarm.Task{NodeID: node, Status: swarm.TaskStatus{State: st}}
	}
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
	}
	for _, tt := range tests {
		if got := taskStatus(tt.replicas, tt.tasks, nodes); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
