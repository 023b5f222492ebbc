package swarm

import (
	"fmt"
	"sort"
	"strings"

	"github.com/docker/docker/api/types/swarm"
)

// nodeInfo is what status needs of a node.
type nodeInfo struct {
	name  string
	ready bool
	state string // ready, down, unknown, disconnected
}

func nodeHealth(nodes []swarm.Node) map[string]nodeInfo {
	out := make(map[string]nodeInfo, len(nodes))
	for _, n := range nodes {
		out[n.ID] = nodeInfo{
			name:  n.Description.Hostname,
			ready: n.Status.State == swarm.NodeStateReady && n.Spec.Availability == swarm.NodeAvailabilityActive,
			state: string(n.Status.State),
		}
	}
	return out
}

// taskStatus is "2/2 running", or for example
// "1/2 running, 1 lost with node n2 (down), 1 starting": the tasks swarm
// wants running (or ready: a replacement waiting out restart.delay), by
// whether they run on a node that is up. tasks may hold the service's
// history: a task swarm shut down counts only as the loss of its slot,
// while it last ran on a node that is not up and its slot has no task
// running instead; the replacement then says where it comes from
// ("1 starting (rescheduled from node n2)"). A task swarm made but does
// not start yet (restart.delay, or its turn in a rolling update) is
// "waiting to start". full reports every replica running on a node that
// is up. said, when not nil, says what the last failed task's health
// check said (Backend.healthSaid).
func taskStatus(replicas uint64, tasks []swarm.Task, nodes map[string]nodeInfo, said func(*swarm.Task) string) (status string, full bool) {
	var running uint64
	lost := map[string]int{}
	states := map[string]int{}
	orphans := lostSlots(tasks, nodes)
	for _, t := range tasks {
		if t.DesiredState != swarm.TaskStateRunning && t.DesiredState != swarm.TaskStateReady {
			continue
		}
		n, known := nodes[t.NodeID]
		switch {
		case t.NodeID != "" && (!known || !n.ready):
			lost[nodeLabel(t.NodeID, n, known)]++
		case t.Status.State == swarm.TaskStateRunning:
			running++
			delete(orphans, t.Slot)
		default:
			key := string(t.Status.State)
			if t.DesiredState == swarm.TaskStateReady {
				key = "waiting to start" // out restart.delay, or its turn in an update
			}
			if from, ok := orphans[t.Slot]; ok {
				key += " (rescheduled from node " + from.name + ")"
				delete(orphans, t.Slot)
			}
			if u := unschedulable([]swarm.Task{t}); u != nil {
				key += ": " + u.Status.Err // why no node takes it
			}
			states[key]++
		}
	}
	for _, o := range orphans {
		lost[o.label]++
	}
	parts := []string{fmt.Sprintf("%d/%d running", running, replicas)}
	for _, k := range sortedKeys(lost) {
		parts = append(parts, fmt.Sprintf("%d lost with node %s", lost[k], k))
	}
	for _, k := range sortedKeys(states) {
		parts = append(parts, fmt.Sprintf("%d %s", states[k], k))
	}
	if f := lastFailure(tasks, nodes, said); running < replicas && len(lost) == 0 && f != "" {
		parts = append(parts, "last failure: "+f)
	}
	return strings.Join(parts, ", "), running >= replicas
}

// lastFailure is why a replica does not run when its task before failed:
// the newest error among the slots whose current task does not run, each
// slot judged by the task that came just before its current one ("task:
// non-zero exit (2): dockerexec: unhealthy container (replica 1 on n3)"),
// with what its health check said when said tells it ("...: unhealthy
// container; health check: ... (replica 1 on n3)"). An older failure (a
// rolled-back update's) does not count, nor a slot whose task before was
// lost with its node.
func lastFailure(tasks []swarm.Task, nodes map[string]nodeInfo, said func(*swarm.Task) string) string {
	current := map[int]swarm.Task{}
	for _, t := range tasks {
		if t.DesiredState == swarm.TaskStateRunning || t.DesiredState == swarm.TaskStateReady {
			current[t.Slot] = t
		}
	}
	var last *swarm.Task
	for slot, cur := range current {
		if cur.Status.State == swarm.TaskStateRunning {
			continue
		}
		var before *swarm.Task
		for i, t := range tasks {
			if t.Slot == slot && t.DesiredState != swarm.TaskStateRunning && t.DesiredState != swarm.TaskStateReady &&
				(before == nil || t.Status.Timestamp.After(before.Status.Timestamp)) {
				before = &tasks[i]
			}
		}
		if before == nil || before.Status.Err == "" ||
			(before.Status.State != swarm.TaskStateFailed && before.Status.State != swarm.TaskStateRejected) {
			continue
		}
		if last == nil || before.Status.Timestamp.After(last.Status.Timestamp) {
			last = before
		}
	}
	if last == nil {
		return ""
	}
	where := fmt.Sprintf("replica %d", last.Slot)
	if n, ok := nodes[last.NodeID]; ok {
		where += " on " + n.name
	}
	why := last.Status.Err
	if said != nil {
		if s := said(last); s != "" {
			why += "; " + s
		}
	}
	return fmt.Sprintf("%s (%s)", why, where)
}

// lostTask is a task swarm shut down that last ran on a node that is not
// up: the node cannot report it stopped.
type lostTask struct{ name, label string }

// lostSlots are the replica slots whose task swarm shut down while it ran
// on a node that is not up, by slot.
func lostSlots(tasks []swarm.Task, nodes map[string]nodeInfo) map[int]lostTask {
	out := map[int]lostTask{}
	for _, t := range tasks {
		if t.DesiredState == swarm.TaskStateRunning || t.DesiredState == swarm.TaskStateReady ||
			t.Status.State != swarm.TaskStateRunning || t.NodeID == "" || t.Slot == 0 {
			continue
		}
		n, known := nodes[t.NodeID]
		if known && n.ready {
			continue
		}
		name := n.name
		if !known {
			name = t.NodeID
		}
		out[t.Slot] = lostTask{name: name, label: nodeLabel(t.NodeID, n, known)}
	}
	return out
}

// nodeLabel is "n2 (down)", or the node id when swarm no longer lists it.
func nodeLabel(id string, n nodeInfo, known bool) string {
	name := n.name
	if !known {
		name = id
	}
	return fmt.Sprintf("%s (%s)", name, orDefault(n.state, "gone"))
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
