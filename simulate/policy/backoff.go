package policy

import (
	"math/rand/v2"

	"github.com/berth-dev/berth/lang"
)

// capFactor is the cap of a Backoff whose cap is 0: 10 × base (Envoy).
const capFactor = 10

type jitter uint8

const (
	jitterNone jitter = iota
	jitterFull
	jitterEqual
	jitterDecorrelated
)

// Backoff is the delay schedule of a retry block. It is immutable; the
// per-call part lives in RetryState.
//
// Exponent convention: the un-jittered delay before retry n (n = 1 is the
// first retry) is expo(n) = min(cap, base·2^(n−1)) for exponential backoff,
// that is the AWS formula min(cap, base·2^k) with k = n−1 counting from 0,
// and min(cap, base) for constant backoff. So the first retry with full
// jitter waits U[0, base), as Envoy's first retry does. (Envoy's later
// retries use base·(2^n − 1) as the upper bound; berth uses the AWS bound.)
//
// Jitter of the delay before retry n, with e = expo(n):
//   - none: e
//   - full: U[0, e)
//   - equal: e/2 + U[0, e/2)
//   - decorrelated: min(cap, U[base, 3·prev)) with prev the previous delay
//     of the same call, starting from base; the backoff kind is ignored.
type Backoff struct {
	base, cap   int64
	exponential bool
	jitter      jitter
}

// NewBackoff compiles cfg, which lang has filled with the defaults
// (Envoy's base 25 ms and cap 10 × base, exponential, full jitter). A
// nil cfg, backoff = "none" or a base of 0 gives the zero schedule:
// retries at once. A zero cap is 10 × base; an empty Backoff is
// exponential and an empty Jitter is full.
func NewBackoff(cfg *lang.Retry) Backoff {
	if cfg == nil || cfg.Backoff == lang.BackoffNone || cfg.Base <= 0 {
		return Backoff{}
	}
	b := Backoff{base: int64(cfg.Base), cap: int64(cfg.Cap), exponential: cfg.Backoff != lang.BackoffConstant}
	if b.cap <= 0 {
		b.cap = capFactor * b.base
	}
	switch cfg.Jitter {
	case lang.JitterNone:
		b.jitter = jitterNone
	case lang.JitterEqual:
		b.jitter = jitterEqual
	case lang.JitterDecorrelated:
		b.jitter = jitterDecorrelated
	default:
		b.jitter = jitterFull
	}
	return b
}

// Expo returns expo(n), the un-jittered delay before retry n ≥ 1.
func (b *Backoff) Expo(n int) int64 {
	if !b.exponential || n <= 1 {
		return min(b.base, b.cap)
	}
	if n-1 >= 62 || b.base > b.cap>>(n-1) {
		return b.cap
	}
	return min(b.cap, b.base<<(n-1))
}

// Delay returns the jittered delay before retry n ≥ 1. prev is the delay
// this call waited before its previous retry (0 before the first); only
// decorrelated jitter uses it.
func (b *Backoff) Delay(n int, prev int64, r *rand.Rand) int64 {
	if b.base == 0 {
		return 0
	}
	switch b.jitter {
	case jitterFull:
		return uniform(r, 0, b.Expo(n))
	case jitterEqual:
		e := b.Expo(n)
		return e/2 + uniform(r, 0, e-e/2)
	case jitterDecorrelated:
		if prev <= 0 {
			prev = b.base
		}
		hi := prev
		if hi <= (1<<62)/3 {
			hi = 3 * prev
		}
		return min(b.cap, uniform(r, b.base, hi))
	}
	return b.Expo(n)
}

// uniform returns U[lo, hi) in integers, or lo when hi ≤ lo.
func uniform(r *rand.Rand, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.Int64N(hi-lo)
}

// Start returns the per-call retry state of one call on this schedule.
// b must outlive the state (keep Backoffs in the link's compiled policy).
func (b *Backoff) Start() RetryState { return RetryState{b: b} }

// RetryState is the retry schedule of one call: a small value the caller
// keeps in its request object. The zero value has no schedule (zero delays).
type RetryState struct {
	b    *Backoff
	n    int32 // retries taken so far
	prev int64 // delay before the last retry
}

// Next advances to the next retry and returns the delay to wait before it.
func (s *RetryState) Next(r *rand.Rand) int64 {
	s.n++
	if s.b == nil {
		return 0
	}
	s.prev = s.b.Delay(int(s.n), s.prev, r)
	return s.prev
}

// Retries returns how many retries Next has scheduled.
func (s *RetryState) Retries() int { return int(s.n) }
