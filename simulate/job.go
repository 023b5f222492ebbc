package simulate

import "github.com/berth-dev/berth/simulate/policy"

// failClass is the outcome of a request or of one call attempt.
type failClass uint8

const (
	answerOK     failClass = iota
	failTimeout            // the caller's attempt timeout fired
	failRefused            // no replica in rotation, connection refused or reset, breaker open, bulkhead full
	failRejected           // the callee's queue was full (503)
	failError              // the callee answered with an error (5xx)
	failLost               // the replica vanished (node down): no answer at all
	failNoAnswer           // still no answer when the drain after the load ended (drain.go)
	// answerDegraded carries a degraded success from a callee to its
	// caller (a fallback answered somewhere below it). It lives only
	// between reply and answer, which turns it into answerOK plus the
	// caller's jobDegraded flag, so degradation propagates upstream.
	answerDegraded
)

// retryClass maps a failure to the lang.RetryOn* class that retry.on names.
func (c failClass) retryClass() string {
	switch c {
	case failTimeout:
		return "timeout"
	case failRefused, failLost:
		return "refused"
	case failRejected:
		return "rejected"
	}
	return "5xx"
}

func (c failClass) String() string {
	switch c {
	case answerOK:
		return "ok"
	case failLost:
		return "lost"
	case failNoAnswer:
		return "unanswered"
	case failError:
		return "error"
	}
	return c.retryClass()
}

// job flags.
const (
	jobEntry         uint8 = 1 << iota // came from the load generator
	jobMeasured                        // arrived after the warm-up: counted in the metrics
	jobArrived                         // reached its replica (counted as an arrival)
	jobWorker                          // holds one of its replica's workers
	jobDegraded                        // a fallback stood in for a failed call
	jobMessage                         // a queue message run by a consumer
	jobEntryMeasured                   // an entry request sent after the warm-up
)

// job is one request at one service: an entry request, one attempt of a
// call, or one message taken by a consumer. Jobs are pooled; gen changes on
// every reuse so events and answers meant for an earlier life are dropped.
type job struct {
	id      uint32 // index in jobPool.all
	gen     uint32
	flags   uint8
	user    uint32 // entry requests of a closed load: the user (from 1) who sent it
	svc     *service
	ep      *endpoint
	rep     *replica
	arrived int64 // arrival at the service, ns
	sent    int64 // entry requests: when the load sent it

	// The caller waiting for this job's answer (nil for entry requests and
	// messages): its job, generation, flow node and attempt number.
	parent   *job
	pgen     uint32
	pnode    uint16
	pattempt uint16

	cons *consumer // jobMessage: the consumer running it
	msg  message

	prev, next *job // the replica's list of its jobs

	nodes []nodeState // one per flow node of ep
}

// nodeState is the progress of one flow node of a job.
type nodeState struct {
	count   int32  // sequence: next child; parallel: children still running
	attempt uint16 // call: number of the current attempt (stale answers differ)
	start   int64  // call: start of the current attempt
	retry   policy.RetryState
	ticket  policy.Ticket
	failed  failClass // parallel: first failure among the children
	isRetry bool      // the current attempt holds a retry-budget slot
	bulk    bool      // the current attempt holds a bulkhead slot
	active  bool      // the current attempt counts in the budget's active calls
	open    bool      // call: the current attempt is on the wire
	waiting bool      // call: the current attempt waits for a bulkhead slot
	done    bool      // the node has finished
}

// jobPool recycles jobs: the steady state of a run allocates nothing. all
// holds every job ever made, so events can name one by index.
type jobPool struct {
	all  []*job // all[0] is unused: id 0 means no job
	free []*job
}

func (p *jobPool) get(ep *endpoint) *job {
	var j *job
	if n := len(p.free); n > 0 {
		j = p.free[n-1]
		p.free = p.free[:n-1]
	} else {
		if len(p.all) == 0 {
			p.all = append(p.all, nil)
		}
		j = &job{id: uint32(len(p.all)), gen: 1}
		p.all = append(p.all, j)
	}
	j.ep = ep
	j.svc = ep.svc
	if n := len(ep.nodes); n > 0 {
		if cap(j.nodes) < n {
			j.nodes = make([]nodeState, n)
		} else {
			j.nodes = j.nodes[:n]
			clear(j.nodes)
		}
	} else {
		j.nodes = j.nodes[:0]
	}
	return j
}

func (p *jobPool) put(j *job) {
	j.gen++
	if j.gen == 0 {
		j.gen = 1
	}
	j.flags, j.user = 0, 0
	j.parent, j.cons, j.rep, j.prev, j.next = nil, nil, nil, nil, nil
	p.free = append(p.free, j)
}
