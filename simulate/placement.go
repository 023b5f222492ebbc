package simulate

import (
	"strings"

	"github.com/berth-dev/berth/internal/words"
)

// place creates the replicas of every service and spreads them over the
// nodes as swarm's scheduler does: each task goes to the node with the
// fewest tasks of its service, then the fewest tasks overall, then the
// lowest index, never above placement.max_replicas_per_node and only on
// nodes its constraints allow. Node 1 is the manager, the others are
// workers: "node.role == manager" pins a service to node 1, "node.role ==
// worker" (or "!= manager") keeps it off it. Other constraints (labels,
// hostnames) are not modelled and allow every node. Under compose every
// replica runs on the one host and placement is ignored, as docker compose
// ignores deploy.placement.
func (s *sim) place() {
	s.nodes = 1
	if s.backend == backendSwarm && s.spec.Nodes > 1 {
		s.nodes = s.spec.Nodes
	}
	s.nodeDown = make([]bool, s.nodes)
	total := make([]int, s.nodes)
	for _, svc := range s.svcs {
		n := max(0, svc.spec.Replicas) // 0: no instance, calls to it are refused
		per := make([]int, s.nodes)
		warned := false
		for i := range n {
			node := s.pickNode(svc, per, total, -1)
			if node < 0 {
				node = 0 // over-constrained: swarm would leave it pending; keep it on node 1 and say so
				if !warned {
					warned = true
					s.diags = append(s.diags, warningAt(svc.spec.DeclRange, "Replica cannot be placed",
						"Service %q asks for %s, but its placement block (max_replicas_per_node, constraints) fits only %s on %s; swarm would leave the rest pending, the simulator puts them on node 1. Lower replicas, relax the placement block, or raise berth { nodes }.",
						svc.name, words.Count(n, "replica"), words.Count(i, "replica"), words.Count(s.nodes, "node")))
				}
			}
			per[node]++
			total[node]++
			r := &replica{svc: svc, idx: i, id: uint32(len(s.replicas)), node: node}
			s.replicas = append(s.replicas, r)
			svc.replicas = append(svc.replicas, r)
			s.makeConsumers(r)
		}
	}
	s.nodeLoad = total
}

// pickNode returns the node a new task of svc goes to, or -1 when none
// may take it. per counts svc's tasks by node, total all tasks; skip is a
// node to avoid (-1: none). Nodes that are down take nothing.
func (s *sim) pickNode(svc *service, per, total []int, skip int) int {
	swarm := s.backend == backendSwarm // placement is swarm's; compose runs every replica on its one host
	limit := 0
	if swarm {
		limit = svc.spec.Placement.MaxReplicasPerNode
	}
	best := -1
	for n := range s.nodes {
		if n == skip || s.nodeDown[n] || (limit > 0 && per[n] >= limit) || swarm && !allowed(svc, n) {
			continue
		}
		if best < 0 || per[n] < per[best] || per[n] == per[best] && total[n] < total[best] {
			best = n
		}
	}
	return best
}

// tasksByNode counts svc's replicas that are not down, by node.
func (s *sim) tasksByNode(svc *service) []int {
	per := make([]int, s.nodes)
	for _, r := range svc.replicas {
		if r.state != repDown {
			per[r.node]++
		}
	}
	return per
}

// allowed reports whether svc's node.role constraints let it run on node n
// (0-based; node 0 is the manager).
func allowed(svc *service, n int) bool {
	for _, c := range svc.spec.Placement.Constraints {
		f := strings.Fields(strings.ReplaceAll(strings.ReplaceAll(c, "==", " == "), "!=", " != "))
		if len(f) != 3 || f[0] != "node.role" {
			continue
		}
		manager := f[2] == "manager"
		if f[1] == "!=" {
			manager = !manager
		}
		if manager != (n == 0) {
			return false
		}
	}
	return true
}
