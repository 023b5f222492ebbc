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
// "1/2 running, 1 lost with node n2 (down), 1 starting": tasks swarm wants
// running, by whether they run on a node that is up.
func taskStatus(replicas uint64, tasks []swarm.Task, nodes map[string]nodeInfo) string {
	var running uint64
	lost := map[string]int{}
	states := map[string]int{}
	for _, t := range tasks {
		n, known := nodes[t.NodeID]
		switch {
		case t.NodeID != "" && (!known || !n.ready):
			name := n.name
			if !known {
				name = t.NodeID
			}
			lost[fmt.Sprintf("%s (%s)", name, orDefault(n.state, "gone"))]++
		case t.Status.State == swarm.TaskStateRunning:
			running++
		default:
			states[string(t.Status.State)]++
		}
	}
	parts := []string{fmt.Sprintf("%d/%d running", running, replicas)}
	for _, k := range sortedKeys(lost) {
		parts = append(parts, fmt.Sprintf("%d lost with node %s", lost[k], k))
	}
	for _, k := range sortedKeys(states) {
		parts = append(parts, fmt.Sprintf("%d %s", states[k], k))
	}
	return strings.Join(parts, ", ")
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
