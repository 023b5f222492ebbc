package simulate

// clientGaveUp fails entry request j for its client, whose timeout
// (load.timeout) fired: the client moves on, as a load generator does, and
// the services keep working on the request (their answer reaches no one).
func (s *sim) clientGaveUp(j *job) {
	if j.flags&jobEntry == 0 {
		return // answered, or lost, already
	}
	s.entry.answer(s.now-j.sent, failTimeout, false, j.flags&jobEntryMeasured != 0)
	s.userThinks(j.user)
	j.flags &^= jobEntry | jobEntryMeasured
	if j.rep == nil { // a stub of clientWaits
		s.pool.put(j)
	}
}

// clientWaits keeps the client of entry request j waiting when j is lost
// with its replica's node, which sends no answer (a dead host neither
// refuses nor resets): a stub job with no replica, and nothing to run,
// stands for it (j itself ends, and with it every event of its work).
// With load.timeout the stub ends at clientGaveUp; without one the client
// waits as long as it takes, as for a hung replica, and the drain ends
// the stub as unanswered with its age (drain.go).
func (s *sim) clientWaits(j *job) {
	c := s.pool.get(j.ep)
	c.flags = j.flags & (jobEntry | jobEntryMeasured)
	c.sent, c.user = j.sent, j.user
	if s.clientTO > 0 {
		s.at(max(0, j.sent+s.clientTO-s.now), evGiveUp, c, 0, 0)
	}
}
