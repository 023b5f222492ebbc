package simulate

import (
	"math"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// sim is one replication of one run: the engine, the compiled model and
// its metrics. It is single-threaded; replications run in parallel, each
// with its own sim.
type sim struct {
	now    int64
	end    int64
	warmup int64
	q      eventQueue
	// timers holds the events that wait long and are few: the pipes'
	// heads and the time-series tick. They take their sequence numbers
	// from q, so the two heaps together fire in the one (time, sequence)
	// order, while q stays small (the work in progress).
	timers eventQueue
	pool   jobPool

	spec     *lang.Spec
	backend  string
	seed     uint64
	svcs     []*service
	byName   map[string]*service
	links    []*link
	replicas []*replica
	topics   []*topic
	pipes    []*pipe
	lanes    []lane
	topicBy  map[string]*topic
	gen      *generator
	// nextArrival is the time of the load's next request (MaxInt64: none).
	nextArrival int64
	entry       metric
	entrySvc    *service
	// client holds the entry requests' client timeouts (load.timeout,
	// clientTO ns); nil without one.
	client   *pipe
	clientTO int64
	// closed is the closed load's users (users.go); nil for an open load.
	closed *users

	nodes     int
	nodeDown  []bool
	nodeLoad  []int // tasks by node
	consumers []*consumer
	parts     []partition

	tick     int64 // time-series interval, ns
	batch    batchClock
	series   seriesSet
	events   []FaultEvent
	faults   []faultAction
	progress func(frac float64)
	nEvents  uint64

	nBreakerEvents int
	stuck          int
	halted         bool // stalled (simulated time stood still) or overflowed

	// draining: the load has ended; the run goes on without arrivals
	// until nothing measured is in flight (drain.go). endEvents is the
	// number of events noted by the end of the load.
	draining  bool
	endEvents int

	scratch []*job
	diags   hcl.Diagnostics
}

// maxSameInstant bounds the events of one instant: more means the model
// loops without time passing (a queue feeding itself with no work).
const maxSameInstant = 2_000_000

// run processes events until the end of the load, then drains what is
// still in flight (drain.go).
func (s *sim) run() {
	s.timer(s.tick, evTick, 0)
	if s.warmup > 0 {
		s.q.add(s.warmup, evFault, 0, 0, 0, warmupAction)
	} else {
		s.openWindow(true)
	}
	for s.step(s.end) {
		if s.progress != nil && s.nEvents&0xffff == 0 {
			s.progress(float64(s.now) / float64(s.end))
		}
	}
	s.closeLastBatch()
	s.now = s.end
	s.closeWindow()
	s.drain()
}

// step processes the next event due no later than limit, the load's next
// arrival included. It returns false when there is none, or when the run
// stalled or overflowed (overflow.go).
func (s *sim) step(limit int64) bool {
	// The pending arrival goes first when it is due no later than the
	// earliest queued event (a fixed rule, so runs stay deterministic).
	at, li := int64(math.MaxInt64), -1
	hq := &s.q
	if s.timers.len() > 0 && (s.q.len() == 0 || before(s.timers.top(), s.q.top())) {
		hq = &s.timers
	}
	if hq.len() > 0 {
		at = hq.top().at
	}
	if len(s.lanes) > 0 {
		at, li = s.peekLanes(at)
	}
	if s.nextArrival <= limit && s.nextArrival <= at {
		if s.nextArrival != s.now {
			s.cutBatches(s.nextArrival)
			s.now, s.stuck = s.nextArrival, 0
		}
		s.arrival()
		s.nEvents++
		return !s.halted
	}
	if at > limit {
		return false
	}
	var e event
	if li >= 0 {
		e = s.lanes[li].q.pop()
	} else {
		e = hq.pop()
	}
	if e.at != s.now {
		s.cutBatches(e.at)
		s.now, s.stuck = e.at, 0
	} else if s.stuck++; s.stuck > maxSameInstant {
		s.stalled()
		return false
	}
	s.dispatch(e)
	s.nEvents++
	return !s.halted
}

func (s *sim) dispatch(e event) {
	var j *job
	if jid := e.jid(); jid != 0 {
		j = s.pool.all[jid]
		if j.gen != e.gen() {
			return // the job has ended since: a cancelled timer or a late answer
		}
		if e.kind() == evGiveUp { // the client is not in the replica: never parked
			s.clientGaveUp(j)
			return
		}
		if j.rep != nil && j.rep.state == repFrozen {
			if e.kind() == evDeliver && !j.rep.lostNode {
				s.reach(j) // a hung process still accepts the connection; a lost node does not
			}
			j.rep.parked = append(j.rep.parked, e)
			return
		}
	}
	switch e.kind() {
	case evStart:
		s.begin(j)
	case evWorkDone:
		s.workDone(j, e.arg)
	case evSlowDone:
		s.afterWork(j)
	case evFaultError:
		s.finish(j, failError)
	case evDeliver:
		s.arrive(j)
	case evReply:
		s.answer(j, e.node(), e.attempt(), e.code())
	case evTimeout:
		s.attemptTimeout(j, e.node(), e.attempt())
	case evRetry:
		s.retryNow(j, e.node(), e.attempt())
	case evBulkWait:
		s.bulkheadGiveUp(j, e.node(), e.attempt())
	case evTick:
		if !s.draining { // the series cover the load only
			s.closeInterval()
			s.timer(s.now+s.tick, evTick, 0)
		}
	case evFault:
		s.faultAction(e.arg)
	case evProbe:
		s.probe(e.arg, e.gen(), e.code())
	case evPipe:
		s.drainPipe(e.arg)
	case evConsume:
		s.consumerNext(e.arg)
	case evUser:
		s.userSends(e.arg)
	}
}

// at schedules a job event d ns from now.
func (s *sim) at(d int64, kind evKind, j *job, node int, attempt uint16) {
	s.q.add(s.now+d, kind, 0, j.id, j.gen, nodeArg(node, attempt))
}

// timer schedules a kind-specific event at at on the timers heap.
func (s *sim) timer(at int64, kind evKind, arg uint32) {
	s.q.seq++
	s.timers.push(event{at: at, key: s.q.seq<<16 | uint64(kind)<<8, arg: arg})
}

// stalled reports a run that stopped because simulated time stood still.
func (s *sim) stalled() {
	s.diags = append(s.diags, errorAt(s.spec.DeclRange, "Simulation does not advance",
		"More than %d events happened at %v of simulated time without time passing: a loop of zero-time work (for example a consumer that republishes every message to the queue it reads). The run stopped there.",
		maxSameInstant, durationNs(s.now)))
	s.halted = true
}
