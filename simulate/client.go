package simulate

// clientGaveUp fails entry request j for its client, whose timeout
// (load.timeout) fired: the client moves on, as a load generator does, and
// the services keep working on the request (their answer reaches no one).
func (s *sim) clientGaveUp(j *job) {
	if j.flags&jobEntry == 0 {
		return // answered, or lost, already
	}
	s.entry.answer(s.now-j.sent, failTimeout, false, j.flags&jobEntryMeasured != 0)
	j.flags &^= jobEntry | jobEntryMeasured
}
