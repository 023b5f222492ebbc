package emulator

import (
	"fmt"
	"log"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// counters are the replica's own counters.
type counters struct {
	requests, errors, rejected, degraded, inFlight atomic.Int64
}

// linkCounters are one link's counters.
type linkCounters struct {
	calls, attempts, retries, failures, timeouts, fallbacks, shortCircuited, bulkheadFull atomic.Int64
}

// Stats is the JSON of /_berth/stats.
type Stats struct {
	Service string `json:"service"`
	Replica string `json:"replica"`
	// Requests counts every endpoint request received; of those, Errors
	// failed (502/504) and Rejected got 503. Degraded succeeded through a
	// fallback.
	Requests int64 `json:"requests"`
	Errors   int64 `json:"errors"`
	Rejected int64 `json:"rejected"`
	Degraded int64 `json:"degraded"`
	// InFlight are admitted requests not answered yet; Busy the workers
	// held and Waiting the requests in the waiting room.
	InFlight int64                 `json:"in_flight"`
	Busy     int                   `json:"busy"`
	Waiting  int                   `json:"waiting"`
	Links    map[string]LinkStats  `json:"links,omitempty"`
	Queues   map[string]QueueStats `json:"queues,omitempty"`
}

// LinkStats counts the calls over one outgoing link.
type LinkStats struct {
	Calls          int64  `json:"calls"`           // calls made (after probability)
	Attempts       int64  `json:"attempts"`        // requests sent, retries included
	Retries        int64  `json:"retries"`         // attempts after the first
	Failures       int64  `json:"failures"`        // calls that failed in the end (fallback or not)
	Timeouts       int64  `json:"timeouts"`        // attempts that timed out
	Fallbacks      int64  `json:"fallbacks"`       // failed calls answered by a fallback
	ShortCircuited int64  `json:"short_circuited"` // attempts refused by the open breaker
	BulkheadFull   int64  `json:"bulkhead_full"`   // attempts refused by the bulkhead
	Breaker        string `json:"breaker,omitempty"`
}

// QueueStats counts the messages published to one queue.
type QueueStats struct {
	Published int64 `json:"published"`
	Dropped   int64 `json:"dropped"`   // refused: the outbox was full
	Delivered int64 `json:"delivered"` // POSTs a consumer answered with 2xx
	Failed    int64 `json:"failed"`    // POSTs that failed; not retried
	Backlog   int   `json:"backlog"`
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	st := Stats{
		Service: s.cfg.Service, Replica: s.opts.Replica,
		Requests: s.stats.requests.Load(), Errors: s.stats.errors.Load(),
		Rejected: s.stats.rejected.Load(), Degraded: s.stats.degraded.Load(),
		InFlight: s.stats.inFlight.Load(),
	}
	st.Busy, st.Waiting = s.adm.load()
	for name, l := range s.links {
		if st.Links == nil {
			st.Links = map[string]LinkStats{}
		}
		st.Links[name] = l.stats()
	}
	for name, ob := range s.outboxes {
		if st.Queues == nil {
			st.Queues = map[string]QueueStats{}
		}
		st.Queues[name] = ob.stats()
	}
	return st
}

// line is the one-line summary that is logged.
func (st Stats) line() string {
	s := fmt.Sprintf("requests=%d errors=%d rejected=%d degraded=%d in_flight=%d waiting=%d",
		st.Requests, st.Errors, st.Rejected, st.Degraded, st.InFlight, st.Waiting)
	names := make([]string, 0, len(st.Links))
	for n := range st.Links {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		l := st.Links[n]
		s += fmt.Sprintf(" %s:calls=%d,retries=%d,failures=%d,timeouts=%d", n, l.Calls, l.Retries, l.Failures, l.Timeouts)
		if l.Breaker != "" {
			s += ",breaker=" + l.Breaker
		}
	}
	return s
}

// logStats logs a line of counters every StatsEvery when they changed.
func (s *Server) logStats() (stop func()) {
	t := time.NewTicker(s.opts.StatsEvery)
	done := make(chan struct{})
	go func() {
		last := ""
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if l := s.Stats().line(); l != last {
					s.logs.printf("%s: %s", s.cfg.Service, l)
					last = l
				}
			}
		}
	}()
	return func() { t.Stop(); close(done) }
}

// logger writes lines, with error lines limited to one a second (the
// count of the others is added to the next one).
type logger struct {
	l          *log.Logger
	mu         sync.Mutex
	lastError  time.Time
	suppressed int
}

func newLogger(l *log.Logger) *logger { return &logger{l: l} }

func (g *logger) printf(format string, args ...any) { g.l.Printf(format, args...) }

func (g *logger) errorf(format string, args ...any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if now := time.Now(); now.Sub(g.lastError) >= time.Second {
		msg := fmt.Sprintf(format, args...)
		if g.suppressed > 0 {
			msg += fmt.Sprintf(" (and %d more errors)", g.suppressed)
		}
		g.l.Print("error: " + msg)
		g.lastError, g.suppressed = now, 0
		return
	}
	g.suppressed++
}
