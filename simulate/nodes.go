package simulate

import "github.com/berth-dev/berth/lang"

// Swarm node failure detection: a node is marked down after missing its
// heartbeats for heartbeat period × grace multiplier (5 s × 3).
const nodeDetect = int64(15e9)

// nodeDownNow takes a node away: its replicas hang (a dead host answers
// nothing: calls to it wait for their timeout) and stay in rotation until
// swarm notices, nodeDetect later. Compose has no such manager: they stay
// lost until the host comes back (when the fault has a duration).
func (s *sim) nodeDownNow(node int, f *lang.Fault) {
	s.nodeDown[node] = true
	s.noteNode("node_down", node, "")
	for _, r := range s.replicas {
		if r.node == node && r.state != repDown {
			r.state = repUp
			r.lostNode = true
			s.freeze(r)
		} else if r.node == node && r.starting {
			// still starting: the start is lost with the host
			r.inc++
			r.starting, r.lostNode = false, true
		}
	}
	if s.backend == backendSwarm {
		s.schedule(nodeDetect, faultAction{kind: actNodeDetected, node: node})
	}
	if d := int64(f.Duration); d > 0 {
		s.schedule(d, faultAction{kind: actNodeUp, node: node})
	}
}

// nodeDetected is swarm marking the node down: its tasks leave rotation,
// what they held is lost, and new tasks are scheduled on the other nodes
// after restart.delay, as the restart policy allows (none with condition
// "none", nor beyond restart.max_attempts).
func (s *sim) nodeDetected(node int) {
	if !s.nodeDown[node] {
		return
	}
	s.noteNode("node_detected", node, "")
	for _, r := range s.replicas {
		if r.node == node && r.lostNode {
			s.stopReplica(r, false)
			r.lostNode = false // gone: the node's return no longer concerns it
			if s.mayRestart(r) {
				s.schedule(r.svc.restartDelay, faultAction{kind: actReschedule, rep: r, inc: r.inc})
			}
		}
	}
}

// reschedule starts a lost task on the best surviving node.
func (s *sim) reschedule(r *replica, inc uint32) {
	if r.inc != inc || r.state != repDown {
		return
	}
	node := s.pickNode(r.svc, s.tasksByNode(r.svc), s.nodeLoad, -1)
	r.pending = node < 0
	if r.pending {
		s.note("pending", r, "no node may take the task")
		return
	}
	s.nodeLoad[r.node]--
	r.node = node
	s.nodeLoad[node]++
	if !r.svc.hasStartup {
		s.startReplica(r)
		s.note("rescheduled", r, "")
		return
	}
	s.note("rescheduled", r, "")
	s.bootReplica(r, "started")
}

// nodeUp brings a node back. Under swarm, tasks it still holds (the loss
// was shorter than the detection) resume; tasks that were rescheduled stay
// where they are (swarm does not rebalance). Under compose the host
// reboots: its containers start afresh (restart policy), what they held is
// lost.
func (s *sim) nodeUp(node int) {
	s.nodeDown[node] = false
	s.noteNode("node_up", node, "")
	for _, r := range s.replicas {
		if r.pending && r.state == repDown && s.backend == backendSwarm {
			s.reschedule(r, r.inc) // a pending task can be placed again
			continue
		}
		if r.node != node {
			continue
		}
		switch {
		case r.lostNode && r.state == repDown && s.backend == backendSwarm:
			// it was starting when the host went: it starts again
			r.lostNode = false
			s.bootReplica(r, "started")
		case r.lostNode && s.backend == backendSwarm:
			r.lostNode = false
			s.unfreeze(r)
		case r.lostNode:
			s.stopReplica(r, false)
			if r.svc.restartNever { // restart: "no": the daemon does not start it with the host
				r.lostNode = false
				continue
			}
			s.bootReplica(r, "restart")
		}
	}
}
