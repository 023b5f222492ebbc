package simulate

// The capacity behind a service's utilisation: the workers of each replica
// that is up, plus its consumer threads. A service that consumes a queue
// and that no request can reach (neither the load's entry nor called by
// any service) never uses its workers (capacity.workers, 64 by default),
// so they are not counted: its utilisation is that of its consumer
// threads, λ·E[S]/(replicas × concurrency), and reaches 1 when the
// consumers cannot keep up. Counting the idle workers showed a saturated
// consumer, its backlog growing without bound, at 0.03.

// sizePools sets every service's pool once the build and the load's entry
// are known.
func (s *sim) sizePools() {
	called := map[*service]bool{s.entrySvc: true}
	for _, svc := range s.svcs {
		for _, l := range svc.outLinks {
			called[l.to] = true
		}
	}
	for _, svc := range s.svcs {
		svc.pool = svc.workers
		if len(svc.subs) > 0 && !called[svc] {
			svc.pool = 0
		}
	}
}

// slots is the capacity of replica r in the utilisation: its pool of
// workers and its consumer threads.
func (svc *service) slots(r *replica) int { return svc.pool + len(r.consumers) }
