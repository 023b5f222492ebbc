package swarm

import (
	"testing"

	"github.com/docker/docker/api/types/swarm"
)

// Removing a service does not wait for its tasks on a node that is down:
// that node cannot report them gone until it is back, so destroy during
// a node loss waited 60 s per service and then said only "1 tasks still
// shutting down". tasksLeft decides which tasks the removal waits for.
func TestTasksLeft(t *testing.T) {
	nodes := map[string]nodeInfo{"n1": {name: "n1", ready: true, state: "ready"}, "n2": {name: "n2", state: "ready"}, "n3": {name: "n3", state: "down"}}
	tasks := []swarm.Task{{NodeID: "n1"}, {NodeID: "n2"}, {NodeID: "n3"}, {NodeID: "gone"}, {}}
	left, away := tasksLeft(tasks, nodes)
	if left != 3 || away["n3 (down)"] != 1 || away["gone (gone)"] != 1 {
		t.Errorf("left %d, away %v; want 3 (a drained node's and an unassigned task count), n3 and gone away", left, away)
	}
	if left, _ := tasksLeft(tasks, nil); left != 5 {
		t.Errorf("with the nodes unknown, left %d, want every task", left)
	}
}
