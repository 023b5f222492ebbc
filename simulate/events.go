package simulate

// note records an event of replica r.
func (s *sim) note(kind string, r *replica, detail string) {
	idx, node := r.idx+1, r.node+1
	s.events = append(s.events, FaultEvent{Time: seconds(s.now), Kind: kind, Service: r.svc.name, Replica: &idx, Node: &node, Detail: detail})
}

func (s *sim) noteSvc(kind string, svc *service, detail string) {
	s.events = append(s.events, FaultEvent{Time: seconds(s.now), Kind: kind, Service: svc.name, Detail: detail})
}

func (s *sim) noteNode(kind string, node int, detail string) {
	n := node + 1
	s.events = append(s.events, FaultEvent{Time: seconds(s.now), Kind: kind, Node: &n, Detail: detail})
}

// maxBreakerEvents caps the breaker events kept per run.
const maxBreakerEvents = 200

// breakerOpened counts a breaker opening on l at j's replica.
func (s *sim) breakerOpened(j *job, l *link) {
	s.count(&l.m.openings)
	if s.nBreakerEvents < maxBreakerEvents {
		s.nBreakerEvents++
		s.note("breaker_open", j.rep, "to "+l.to.name)
	}
}
