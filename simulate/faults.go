package simulate

import (
	"fmt"
	"math"
	"slices"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/dist"
)

// Backends, for failover semantics.
const (
	backendCompose = lang.BackendCompose
	backendSwarm   = lang.BackendSwarm
)

// warmupAction is the evFault arg of the warm-up cut.
const warmupAction = ^uint32(0)

type actKind uint8

const (
	actKill actKind = iota
	actHang
	actHangEnd
	actSlow
	actSlowEnd
	actNodeDown
	actNodeDetected
	actNodeUp
	actPartition
	actPartitionEnd
	actRestart
	actReschedule
	actStarted
	actError
	actErrorEnd
)

// faultAction is one scheduled change to the system.
type faultAction struct {
	kind  actKind
	fault *lang.Fault
	rep   *replica
	inc   uint32 // the replica's incarnation when scheduled
	node  int
	part  partition
	delay dist.Sampler
	what  string // actStarted: the event to note once the replica serves
}

// starts reports whether a is the start of one of the scenario's faults
// (not a consequence of one: an end, a detection, a restart).
func (a faultAction) starts() bool {
	switch a.kind {
	case actKill, actHang, actSlow, actNodeDown, actPartition, actError:
		return true
	}
	return false
}

// partition is a pair of services whose calls get lost.
type partition struct{ a, b *service }

// partitioned reports whether calls between a and b are lost.
func (s *sim) partitioned(a, b *service) bool {
	for _, p := range s.parts {
		if p.a == a && p.b == b || p.a == b && p.b == a {
			return true
		}
	}
	return false
}

// schedule adds an action d ns from now.
func (s *sim) schedule(d int64, a faultAction) {
	s.faults = append(s.faults, a)
	s.q.add(s.now+d, evFault, 0, 0, 0, uint32(len(s.faults)-1))
}

// scheduleFaults puts the scenario's faults on the queue.
func (s *sim) scheduleFaults(sc *lang.Scenario) {
	if sc == nil {
		return
	}
	for _, f := range sc.Faults {
		a := faultAction{fault: f}
		switch f.Kind {
		case lang.FaultKill:
			a.kind = actKill
		case lang.FaultHang:
			a.kind = actHang
		case lang.FaultSlow:
			a.kind = actSlow
			a.delay = s.sampler(f.Delay)
		case lang.FaultNodeDown:
			a.kind = actNodeDown
			a.node = f.Node - 1
		case lang.FaultPartition:
			a.kind = actPartition
		case lang.FaultError:
			a.kind = actError
		default:
			s.diags = append(s.diags, errorAt(f.DeclRange, "Unknown fault", "Fault kind %q is not one of kill, hang, slow, error, node_down, partition.", f.Kind))
			continue
		}
		if !s.checkFault(f, &a) {
			continue
		}
		s.schedule(int64(f.At), a)
	}
}

// checkFault resolves the fault's targets, reporting what does not exist.
func (s *sim) checkFault(f *lang.Fault, a *faultAction) bool {
	switch a.kind {
	case actNodeDown:
		if a.node < 0 || a.node >= s.nodes {
			detail := fmt.Sprintf("The simulation has %d node(s) (berth.nodes).", s.nodes)
			if s.backend == backendCompose {
				detail = "Compose runs every replica on one host (node 1)."
			}
			s.diags = append(s.diags, warningAt(f.DeclRange, "Fault on a node without replicas", "%s node_down of node %d changes nothing.", detail, f.Node))
			return false
		}
		return true
	case actPartition:
		a.part = partition{s.byName[f.Service], s.byName[f.Peer]}
		if a.part.a == nil || a.part.b == nil {
			s.diags = append(s.diags, errorAt(f.DeclRange, "Partition of an unknown service", "Both %q and %q must be services.", f.Service, f.Peer))
			return false
		}
		return true
	}
	svc := s.byName[f.Service]
	if svc == nil {
		s.diags = append(s.diags, errorAt(f.DeclRange, "Fault on an unknown service", "Service %q is not declared.", f.Service))
		return false
	}
	if a.kind == actError && svc.faultRng == nil {
		svc.faultRng = stream(s.seed, "svc/"+svc.name+"/fault")
	}
	if a.kind == actHang && svc.health == nil {
		s.diags = append(s.diags, warningAt(f.DeclRange, "Hang without a health check",
			"Service %q has no health block, so Docker never marks the hung replica unhealthy: it stays in rotation until the hang ends.", svc.name))
	}
	if a.kind == actHang && svc.health != nil && s.backend != backendSwarm {
		s.diags = append(s.diags, warningAt(f.DeclRange, "Hang under compose",
			"Under compose Docker only marks the hung replica of %q unhealthy: only swarm acts on health, and the embedded DNS still lists the container, so it stays in rotation until the hang ends. Calls to it end by their caller's timeout; a circuit breaker or least_request balancing steers away from it, and backend = \"swarm\" replaces it.", svc.name))
	}
	return true
}

// faultAction runs action i.
func (s *sim) faultAction(i uint32) {
	if i == warmupAction {
		s.warmupCut()
		return
	}
	a := s.faults[i]
	if a.starts() && (s.draining || s.now >= s.end) {
		// A fault at or after the end of the load never fires, as lang's
		// warning and diff's note say: the main loop handles the events at
		// the end itself before the drain begins.
		return
	}
	switch a.kind {
	case actKill, actHang, actSlow, actError:
		s.hitReplicas(a)
	case actHangEnd:
		if a.rep.inc == a.inc && a.rep.state == repFrozen && !a.rep.lostNode {
			s.unfreeze(a.rep)
			s.note("hang_end", a.rep, "")
		}
	case actSlowEnd:
		if a.rep.inc == a.inc {
			s.note("slow_end", a.rep, "")
		}
	case actErrorEnd:
		if a.rep.inc == a.inc {
			s.note("error_end", a.rep, "")
		}
	case actNodeDown:
		s.nodeDownNow(a.node, a.fault)
	case actNodeDetected:
		s.nodeDetected(a.node)
	case actNodeUp:
		s.nodeUp(a.node)
	case actPartition:
		s.parts = append(s.parts, a.part)
		s.noteSvc("partition", a.part.a, "with "+a.part.b.name)
		if d := int64(a.fault.Duration); d > 0 {
			a.kind = actPartitionEnd
			s.schedule(d, a)
		}
	case actPartitionEnd:
		for k, p := range s.parts {
			if p == a.part {
				s.parts = append(s.parts[:k], s.parts[k+1:]...)
				break
			}
		}
		s.noteSvc("partition_end", a.part.a, "with "+a.part.b.name)
	case actRestart:
		if a.rep.inc == a.inc && a.rep.state == repDown && !s.nodeDown[a.rep.node] {
			s.bootReplica(a.rep, "restart")
		}
	case actReschedule:
		s.reschedule(a.rep, a.inc)
	case actStarted:
		if a.rep.inc == a.inc && a.rep.state == repDown && !s.nodeDown[a.rep.node] {
			a.rep.starting = false
			s.startReplica(a.rep)
			s.note(a.what, a.rep, "")
		}
	}
}

// hitReplicas applies a kill, hang, slow or error fault to its replicas:
// the first ones (by index) that are up. A hung replica is up to a kill
// (its process still runs: docker kill ends it and the restart policy
// brings a fresh one), not to the other faults; one on a lost node is
// out of reach. An error fault without replicas hits them all.
func (s *sim) hitReplicas(a faultAction) {
	f := a.fault
	svc := s.byName[f.Service]
	n := max(1, f.Replicas)
	if a.kind == actError && f.Replicas == 0 {
		n = len(svc.replicas)
	}
	for _, r := range svc.replicas {
		if n == 0 {
			break
		}
		hung := r.state == repFrozen && !r.lostNode
		if r.state != repUp && (a.kind != actKill || !hung) {
			continue
		}
		n--
		switch a.kind {
		case actKill:
			s.stopReplica(r, true)
			s.note("kill", r, "")
			s.scheduleRestart(r)
		case actHang:
			s.freeze(r)
			s.note("hang", r, "")
			if d := int64(f.Duration); d > 0 {
				s.schedule(d, faultAction{kind: actHangEnd, rep: r, inc: r.inc})
			}
		case actSlow:
			r.slowUntil = math.MaxInt64 // to the end of the run, drain included
			if d := int64(f.Duration); d > 0 {
				r.slowUntil = s.now + d
				s.schedule(d, faultAction{kind: actSlowEnd, rep: r, inc: r.inc})
			}
			r.slowDelay = a.delay
			s.note("slow", r, f.Delay.Source)
		case actError:
			r.errorUntil = math.MaxInt64
			if d := int64(f.Duration); d > 0 {
				r.errorUntil = s.now + d
				s.schedule(d, faultAction{kind: actErrorEnd, rep: r, inc: r.inc})
			}
			r.errorProb = f.Probability
			s.note("error", r, fmt.Sprintf("probability %g", f.Probability))
		}
	}
}

// scheduleRestart brings a stopped replica back after restart.delay: on
// the same host under compose, as a new task under swarm (same node here;
// node losses reschedule elsewhere). Every stop the simulator makes is a
// failure (a kill, an unhealthy task), so condition "on-failure" restarts
// like "any". With max_attempts the replica stays down once it has been
// restarted that many times (within the window under swarm, as swarmkit
// counts; Docker's on-failure:N counts them all).
func (s *sim) scheduleRestart(r *replica) {
	if s.mayRestart(r) {
		s.schedule(r.svc.restartDelay, faultAction{kind: actRestart, rep: r, inc: r.inc})
	}
}

// mayRestart applies the restart policy to a replica that just failed and
// counts the restart it allows: never with condition "none", and not once
// restart.max_attempts restarts have been made (within restart.window
// under swarm). swarmkit's restart supervisor decides a task lost with its
// node the same way, so node losses ask it too.
func (s *sim) mayRestart(r *replica) bool {
	if r.svc.restartNever {
		return false
	}
	if limit := r.svc.restartMax; limit > 0 {
		if w := r.svc.restartWin; w > 0 {
			r.restarts = slices.DeleteFunc(r.restarts, func(t int64) bool { return s.now-t >= w })
		}
		if len(r.restarts) >= limit {
			s.note("gave-up", r, fmt.Sprintf("restart.max_attempts = %d reached", limit))
			return false
		}
		r.restarts = append(r.restarts, s.now)
	}
	return true
}
