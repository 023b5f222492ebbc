package simulate

// failsByFault reports whether an error fault in force at r fails the
// request that starts there now: always at probability 1, else by a draw
// from the service's fault stream.
func (s *sim) failsByFault(r *replica) bool {
	if r.errorUntil <= s.now {
		return false
	}
	return r.errorProb >= 1 || r.svc.faultRng.Float64() < r.errorProb
}
