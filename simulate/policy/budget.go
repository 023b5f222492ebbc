package policy

import "github.com/berth-dev/berth/lang"

// Budget is Envoy's retry budget for the calls of one link. Envoy keeps it
// per upstream cluster of each proxy, which in berth is one Budget per link
// per caller replica; the arithmetic does not depend on that choice.
//
// Active requests are the attempts in flight (first attempts and retries
// alike: Envoy's active plus pending requests). A retry is in flight from
// the moment TryRetry admits it, through its backoff, until its attempt
// ends (RetryEnd), as Envoy's retries resource is held from the retry
// decision until the retried request's outcome. TryRetry admits when
//
//	retries in flight < max(MinRetryConcurrency, ⌊budget × active⌋)
//
// A nil *Budget admits every retry.
type Budget struct {
	frac     float64
	floor    int
	active   int
	retries  int
	rejected int64
}

// NewBudget returns the budget of cfg, or nil when cfg is nil or has no
// Budget (retries are then limited by Attempts only). MinRetryConcurrency
// is taken as given (lang fills in Envoy's 3 when the spec omits it, and 0
// is a legal floor).
func NewBudget(cfg *lang.Retry) *Budget {
	if cfg == nil || cfg.Budget <= 0 {
		return nil
	}
	return &Budget{frac: cfg.Budget, floor: max(0, cfg.MinRetryConcurrency)}
}

// AttemptStart counts an attempt (first or retry) sent to the callee.
func (b *Budget) AttemptStart() {
	if b != nil {
		b.active++
	}
}

// AttemptEnd uncounts an attempt that ended (answer, error or timeout).
func (b *Budget) AttemptEnd() {
	if b != nil && b.active > 0 {
		b.active--
	}
}

// Limit returns the current cap on retries in flight.
func (b *Budget) Limit() int {
	if b == nil {
		return int(^uint(0) >> 1)
	}
	return max(b.floor, int(b.frac*float64(b.active)))
}

// TryRetry admits a retry and counts it in flight, or counts a rejection
// and returns false when the budget is spent.
func (b *Budget) TryRetry() bool {
	if b == nil {
		return true
	}
	if b.retries >= b.Limit() {
		b.rejected++
		return false
	}
	b.retries++
	return true
}

// RetryEnd releases a retry admitted by TryRetry: call it when the retried
// attempt ends, or when the call is abandoned during the backoff.
func (b *Budget) RetryEnd() {
	if b != nil && b.retries > 0 {
		b.retries--
	}
}

// Active returns the attempts in flight; Retries the retries in flight;
// Rejected the retries the budget refused so far.
func (b *Budget) Active() int {
	if b == nil {
		return 0
	}
	return b.active
}

// Retries returns the retries in flight.
func (b *Budget) Retries() int {
	if b == nil {
		return 0
	}
	return b.retries
}

// Rejected returns how many retries the budget refused.
func (b *Budget) Rejected() int64 {
	if b == nil {
		return 0
	}
	return b.rejected
}
