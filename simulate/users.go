package simulate

import (
	"math/rand/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/dist"
)

// users is a closed load (load.users): each user sends a request, waits
// for its answer, or for the client timeout (load.timeout), thinks for a
// draw of load.think_time, and sends the next. Every user starts with a
// think time, so they do not all send at 0. A user whose request is lost
// without an answer and without a client timeout waits for ever, as a
// real one would. No user sends at or after the end of the load.
//
// Users are numbered from 1 on the jobs of their requests (job.user; 0:
// an open load's request) and wake through evUser events on the timers
// heap, so the loop needs no goroutine and no allocation.
type users struct {
	think dist.Sampler
	rng   *rand.Rand
}

// startUsers sets up the closed load ld: nothing when ld is open.
func (s *sim) startUsers(ld *lang.Load) {
	if !ld.Closed() {
		return
	}
	s.closed = &users{think: s.sampler(ld.ThinkTime), rng: stream(s.seed, "load/"+ld.Name+"/think")}
	for u := range ld.Users {
		s.userThinks(uint32(u + 1))
	}
}

// userThinks has user u (from 1; 0 is no user) send its next request a
// think time from now, unless the load ends first.
func (s *sim) userThinks(u uint32) {
	if u == 0 || s.closed == nil {
		return
	}
	at := s.now + s.closed.think.Sample(s.closed.rng)
	if at >= s.end || s.draining {
		return
	}
	s.timer(at, evUser, u)
}

// userSends sends user u's next request.
func (s *sim) userSends(u uint32) {
	if s.now >= s.end || s.draining || s.tooManyHeld() {
		return
	}
	s.sendEntry(u)
}
