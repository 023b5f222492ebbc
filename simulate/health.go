package simulate

import (
	"time"

	"github.com/berth-dev/berth/lang"
)

// Docker's health check defaults (moby daemon/health.go).
const (
	defaultProbeInterval = int64(30 * time.Second)
	defaultProbeTimeout  = int64(30 * time.Second)
	defaultProbeRetries  = 3
)

// probe codes.
const (
	probeStart failClass = iota // a probe starts
	probeFail                   // a probe of a hung replica timed out
)

type healthCfg struct {
	interval, timeout, startPeriod int64
	retries                        int
}

// healthOf fills Docker's defaults into a health block.
func healthOf(h *lang.Health) healthCfg {
	c := healthCfg{interval: int64(h.Interval), timeout: int64(h.Timeout), startPeriod: int64(h.StartPeriod), retries: h.Retries}
	if c.interval <= 0 {
		c.interval = defaultProbeInterval
	}
	if c.timeout <= 0 {
		c.timeout = defaultProbeTimeout
	}
	if c.retries <= 0 {
		c.retries = defaultProbeRetries
	}
	return c
}

// probe runs one health check of replica id, as moby does: the first
// probe one interval after the start, each next one an interval after the
// previous one ended. A healthy replica answers at once; a hung one makes
// the probe run into its timeout. retries failures in a row mark the
// replica unhealthy. Under swarm the task then leaves rotation and is
// killed and replaced after restart.delay. Under compose Docker does
// nothing more (the embedded DNS still lists the container; only swarm
// acts on health), so it stays in rotation. A probe that passes marks it
// healthy again, and puts a starting swarm task in rotation.
//
// Probes that would pass are not simulated: a healthy replica keeps only
// its schedule (probeBase), and freeze starts the chain at the first probe
// due at or after the hang.
//
// So a hang starting at t is detected at p + retries·timeout +
// (retries−1)·interval, where p is the first probe after t (at most one
// interval after it). Docker's defaults (30 s, 30 s, 3): 150–180 s.
func (s *sim) probe(id uint32, inc uint32, code failClass) {
	r := s.replicas[id]
	if r.inc != inc || r.state == repDown {
		return
	}
	h := healthOf(r.svc.health)
	next := func(d int64, c failClass) {
		s.q.add(s.now+d, evProbe, c, 0, inc, id)
	}
	if r.lostNode { // the node's daemon is down with it: no probes run
		r.probeActive, r.probeBase = false, s.now
		return
	}
	if code == probeStart {
		if r.state == repFrozen {
			next(h.timeout, probeFail)
			return
		}
		r.healthFails = 0
		if r.unhealthy || !r.inRot {
			r.unhealthy = false
			s.setRotation(r, true)
			s.note("healthy", r, "")
		}
		// Healthy again: later probes pass until the replica hangs, so the
		// chain stops here and freeze restarts it on schedule.
		r.probeActive, r.probeBase = false, s.now
		return
	}
	if s.now-r.started >= h.startPeriod {
		r.healthFails++
	}
	if r.healthFails >= h.retries && !r.unhealthy {
		r.unhealthy = true
		s.note("unhealthy", r, "")
		if s.backend == backendSwarm {
			s.setRotation(r, false)
			s.stopReplica(r, true)
			s.note("replaced", r, "swarm kills the unhealthy task")
			s.scheduleRestart(r)
			return
		}
	}
	next(h.interval, probeStart)
}
