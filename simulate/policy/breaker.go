package policy

import "github.com/berth-dev/berth/lang"

// State is a circuit breaker state.
type State uint8

// Circuit breaker states.
const (
	Closed State = iota
	Open
	HalfOpen
)

func (s State) String() string {
	switch s {
	case Closed:
		return "closed"
	case Open:
		return "open"
	}
	return "half_open"
}

// Defaults of a circuit_breaker block left partly empty (Hystrix).
const (
	DefaultWindow        = int64(10e9) // 10 s
	DefaultMinCalls      = 20
	DefaultFailureRate   = 0.5
	DefaultOpenFor       = int64(5e9) // 5 s
	DefaultHalfOpenCalls = 1
	DefaultSlowCallRate  = 1.0 // resilience4j's slowCallRateThreshold: 100 %
	windowBuckets        = 10  // Hystrix: the time window is 10 buckets
)

// Ticket identifies the breaker state a call was admitted in: Allow hands
// one out and Record takes it back. It is the breaker's generation, which
// changes on every transition. The zero Ticket is never issued; Record
// ignores it.
type Ticket uint32

// Breaker is the circuit breaker of one link (Hystrix/resilience4j):
//
//   - Closed: every call is allowed. Each outcome goes into the window
//     (time-based: Window split into 10 buckets, Hystrix; or the last
//     WindowCalls outcomes, resilience4j). Right after an outcome, if the
//     window holds at least MinCalls calls (count window: min(MinCalls,
//     WindowCalls)) and failures/calls ≥ FailureRate, or (with SlowCall
//     > 0) slow calls/calls ≥ SlowCallRate, the breaker opens. A call is
//     slow when it took longer than SlowCall, whether it failed or not
//     (resilience4j counts a slow failure in both rates).
//   - Open for OpenFor: every call is rejected.
//   - HalfOpen, from the first Allow at or after the end of OpenFor:
//     HalfOpenCalls trial calls are admitted, the rest rejected. Once every
//     trial has ended, the breaker reopens for another OpenFor if the
//     trials' failure rate reaches FailureRate (or their slow-call rate
//     SlowCallRate), and closes with an empty
//     window otherwise (resilience4j: 10 permitted calls, so 4 failures in
//     10 close it at 50 %). With one trial (Hystrix) that trial decides.
//
// Outcomes of calls admitted in another state are ignored: Record counts a
// result only if its Ticket is that of the current state (the generation
// changes on every transition). So a slow call admitted while closed that
// ends after the breaker opened, or during a half-open trial, changes
// nothing, and only the trials decide the half-open state. Every admitted
// call must end in Record or Release, or a half-open breaker waits forever
// (give links with breakers a timeout).
//
// Time-window outcomes are counted in the bucket of the time they are
// recorded (the call's end), as Hystrix does. The window's memory is fixed
// at construction (10 buckets, or WindowCalls bytes).
type Breaker struct {
	minCalls    int
	rate        float64
	slow        int64
	slowRate    float64
	openFor     int64
	halfOpenMax int

	state        State
	gen          Ticket
	openUntil    int64
	trials       int // half-open: trials admitted
	judged       int // half-open: trials that ended with an outcome
	failedTrials int // half-open: trials that failed
	slowTrials   int // half-open: trials that were slow

	win window

	openings int
	rejected int64
}

// NewBreaker compiles cfg, or returns nil (no breaker) when cfg is nil.
// Zero fields take Hystrix's defaults: Window 10 s, MinCalls 20,
// FailureRate 0.5, OpenFor 5 s, HalfOpenCalls 1; and SlowCallRate
// resilience4j's 1 (100 %).
func NewBreaker(cfg *lang.CircuitBreaker) *Breaker {
	if cfg == nil {
		return nil
	}
	b := &Breaker{
		minCalls:    orInt(cfg.MinCalls, DefaultMinCalls),
		rate:        cfg.FailureRate,
		slow:        int64(cfg.SlowCall),
		slowRate:    cfg.SlowCallRate,
		openFor:     orInt64(int64(cfg.OpenFor), DefaultOpenFor),
		halfOpenMax: orInt(cfg.HalfOpenCalls, DefaultHalfOpenCalls),
		gen:         1,
	}
	if b.rate <= 0 {
		b.rate = DefaultFailureRate
	}
	if b.slowRate <= 0 {
		b.slowRate = DefaultSlowCallRate
	}
	if cfg.WindowCalls > 0 {
		b.win = newCountWindow(cfg.WindowCalls)
		b.minCalls = min(b.minCalls, cfg.WindowCalls)
	} else {
		b.win = newTimeWindow(orInt64(int64(cfg.Window), DefaultWindow))
	}
	return b
}

func orInt(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

func orInt64(v, def int64) int64 {
	if v <= 0 {
		return def
	}
	return v
}

// Allow reports whether a call may start now, with the Ticket to pass to
// Record. A refused call is counted in Rejected. A nil Breaker allows all.
func (b *Breaker) Allow(now int64) (Ticket, bool) {
	if b == nil {
		return 0, true
	}
	if b.state == Open && now >= b.openUntil {
		b.transition(HalfOpen)
	}
	switch b.state {
	case Closed:
		return b.gen, true
	case HalfOpen:
		if b.trials < b.halfOpenMax {
			b.trials++
			return b.gen, true
		}
	}
	b.rejected++
	return 0, false
}

// Record takes the outcome of a call admitted with t: ok is whether it
// succeeded and latency its duration in nanoseconds (compared against
// SlowCall). Outcomes with a stale or zero Ticket are ignored.
func (b *Breaker) Record(now int64, t Ticket, ok bool, latency int64) {
	if b == nil || t != b.gen {
		return
	}
	failed, slow := !ok, b.slow > 0 && latency > b.slow
	switch b.state {
	case Closed:
		calls, fails, slows := b.win.add(now, failed, slow)
		if calls >= b.minCalls && b.exceeded(calls, fails, slows) {
			b.trip(now)
		}
	case HalfOpen:
		b.judged++
		if failed {
			b.failedTrials++
		}
		if slow {
			b.slowTrials++
		}
		if b.judged < b.halfOpenMax {
			return
		}
		if b.exceeded(b.judged, b.failedTrials, b.slowTrials) {
			b.trip(now)
		} else {
			b.transition(Closed)
		}
	}
}

// exceeded reports whether fails of calls reach the failure rate, or slows
// of calls the slow-call rate (resilience4j opens on either).
func (b *Breaker) exceeded(calls, fails, slows int) bool {
	return float64(fails) >= b.rate*float64(calls) || b.slow > 0 && float64(slows) >= b.slowRate*float64(calls)
}

// Release gives back the admission of a call that ends without an outcome
// (abandoned by its caller): a half-open trial slot is freed, nothing is
// counted.
func (b *Breaker) Release(t Ticket) {
	if b != nil && t == b.gen && b.state == HalfOpen && b.trials > 0 {
		b.trials--
	}
}

// trip opens the breaker until now + OpenFor.
func (b *Breaker) trip(now int64) {
	b.transition(Open)
	b.openUntil = now + b.openFor
	b.openings++
}

func (b *Breaker) transition(s State) {
	b.state = s
	b.gen++
	if b.gen == 0 {
		b.gen = 1
	}
	b.trials, b.judged, b.failedTrials, b.slowTrials = 0, 0, 0, 0
	if s == Closed {
		b.win.reset()
	}
}

// State returns the state at now without changing it: an open breaker
// whose OpenFor has passed reports HalfOpen (it moves there on the next
// Allow). A nil Breaker is always Closed.
func (b *Breaker) State(now int64) State {
	if b == nil {
		return Closed
	}
	if b.state == Open && now >= b.openUntil {
		return HalfOpen
	}
	return b.state
}

// Openings returns how many times the breaker has opened (reopenings from
// half-open included).
func (b *Breaker) Openings() int {
	if b == nil {
		return 0
	}
	return b.openings
}

// Rejected returns how many calls Allow refused.
func (b *Breaker) Rejected() int64 {
	if b == nil {
		return 0
	}
	return b.rejected
}

// OpenUntil returns when the current or last open period ends.
func (b *Breaker) OpenUntil() int64 {
	if b == nil {
		return 0
	}
	return b.openUntil
}
