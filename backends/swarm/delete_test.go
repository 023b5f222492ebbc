package swarm

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// Removing a service does not wait for its tasks on a node that is down:
// that node cannot report them gone until it is back, so destroy during
// a node loss waited 60 s per service and then said only "1 tasks still
// shutting down". It says where they are left instead.
func TestDeleteServiceSkipsDownNodes(t *testing.T) {
	node := func(id, name string, state swarm.NodeState) swarm.Node {
		return swarm.Node{ID: id, Description: swarm.NodeDescription{Hostname: name},
			Spec: swarm.NodeSpec{Availability: swarm.NodeAvailabilityActive}, Status: swarm.NodeStatus{State: state}}
	}
	f := &fakeEngine{
		nodes: []swarm.Node{node("n1", "berthlab-n1", swarm.NodeStateReady), node("n3", "berthlab-n3", swarm.NodeStateDown)},
		tasks: []swarm.Task{{ServiceID: "svc1", Slot: 1, NodeID: "n3", DesiredState: swarm.TaskStateRemove,
			Status: swarm.TaskStatus{State: swarm.TaskStateRunning}}},
	}
	cli := f.client(t)
	var out bytes.Buffer
	x := &executor{
		cli: cli, project: "p", calls: make(chan struct{}, 1),
		opts:  backends.ApplyOptions{Progress: backends.NewProgress(&out, false)},
		watch: newWatcher(cli, 20*time.Millisecond, "p"),
	}
	defer x.watch.close()
	c := &planner.Change{Address: planner.Address{Type: TypeService, Name: "web"}, Before: &planner.ObservedResource{ID: "svc1"}}
	done := make(chan error, 1)
	go func() { done <- x.deleteService(context.Background(), c) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the removal waited for a task on a node that is down:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "service.web: 1 tasks left on node berthlab-n3 (down)") {
		t.Errorf("no word of the task left on the down node:\n%s", out.String())
	}
}

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
