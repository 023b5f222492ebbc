package simulate

import (
	"fmt"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Bounds of what one replication holds. A load the services cannot
// serve, into waiting rooms that never fill (a queue of a billion, a
// queue without capacity), piles up requests or messages without end;
// each request held costs about 200 bytes, so a long overload would take
// all the machine's memory and be killed before it printed anything. At
// these bounds the run stops with an error that names where the work
// piles up. Variables so that a test can lower them.
var (
	// maxHeld bounds the requests in flight at once (jobs: the entry's
	// requests and every call attempt), about 800 MB.
	maxHeld = 4_000_000
	// maxBacklog bounds the messages waiting in one subscription, 16
	// bytes each.
	maxBacklog int64 = 32_000_000
)

// tooManyHeld stops the run when the requests in flight reach maxHeld.
// It is checked as the load sends a request and the pool of jobs has
// none free: the pool grows only then, or by the calls of those requests.
func (s *sim) tooManyHeld() bool {
	if len(s.pool.free) > 0 || len(s.pool.all) <= maxHeld {
		return false
	}
	var worst *service
	most := 0
	for _, svc := range s.svcs {
		n := 0
		for _, r := range svc.replicas {
			n += r.active
		}
		if worst == nil || n > most {
			worst, most = svc, n
		}
	}
	held := len(s.pool.all) - 1
	where := ""
	rng := s.gen.load.DeclRange
	if worst != nil {
		c := worst.spec.Capacity
		where = fmt.Sprintf(", %d of them at service %q (%d replica(s) × %d worker(s), capacity.queue = %d per replica)",
			most, worst.name, len(worst.replicas), c.Workers, c.Queue)
		rng = worst.spec.DeclRange
	}
	s.overflowed(rng, "%d requests were in flight %s into load %q%s, the most berth holds in one run: the load offers more than the services serve, and waiting rooms that never fill hold every request, so the backlog grows without bound (utilisation 1, latency rising for as long as the load lasts). The run stopped there. Lower the load's rate, give the service more replicas or workers, or bound its capacity.queue (a full queue rejects at once, as a 503).",
		held, durationNs(s.now).Round(time.Millisecond), s.gen.load.Name, where)
	return true
}

// tooLongBacklog stops the run when sub's backlog reaches maxBacklog.
func (s *sim) tooLongBacklog(sub *subscription) bool {
	if sub.backlog.v < maxBacklog {
		return false
	}
	consumer := ""
	if sub.svc != nil {
		consumer = fmt.Sprintf(" for service %q", sub.svc.name)
	}
	s.overflowed(sub.decl, "Queue %q held %d messages%s %s into the load, the most berth holds: its consumers take them more slowly than they are published, and the queue has no capacity, so the backlog grows without bound. The run stopped there. Give the consumer more replicas or consume.concurrency, or cap the queue (capacity: a publish to a full queue fails).",
		sub.t.name, sub.backlog.v, consumer, durationNs(s.now).Round(time.Millisecond))
	return true
}

// overflowed halts the run with an error at rng.
func (s *sim) overflowed(rng hcl.Range, detail string, args ...any) {
	s.diags = append(s.diags, errorAt(rng, "Overloaded beyond what berth can hold", detail, args...))
	s.halted = true
}

// releaseJobs drops what a finished run holds for its requests: the job
// pool, the replicas' queues, the events and messages still waiting. The
// report needs the metrics only, and replications are kept until all
// have run.
func (s *sim) releaseJobs() {
	s.pool = jobPool{}
	s.q, s.timers, s.scratch = eventQueue{}, eventQueue{}, nil
	for _, r := range s.replicas {
		r.queue, r.cpuQ, r.jobs, r.parked = ring[*job]{}, ring[*job]{}, nil, nil
		for k := range r.links {
			r.links[k].waiting = ring[waiter]{}
		}
	}
	for _, sub := range s.subsAll() {
		for p := range sub.parts {
			sub.parts[p] = ring[message]{}
		}
	}
}
