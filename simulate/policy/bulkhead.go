package policy

import "github.com/berth-dev/berth/lang"

// DefaultMaxConcurrent is resilience4j's bulkhead size.
const DefaultMaxConcurrent = 25

// Bulkhead caps the concurrent calls over a link from one caller replica.
// It only counts: a caller that finds it full either fails the call at once
// (MaxWait 0) or waits up to MaxWait for a Release; that waiting queue is
// the caller's (the simulator keeps its own FIFO of waiters and retries
// TryAcquire when a slot is released; the emulator may block on a
// condition variable). Count a call that gave up waiting with Reject.
// A nil *Bulkhead admits everything.
type Bulkhead struct {
	max      int
	inUse    int
	maxWait  int64
	rejected int64
}

// NewBulkhead compiles cfg, or returns nil when cfg is nil. MaxConcurrent
// 0 means the default of 25.
func NewBulkhead(cfg *lang.Bulkhead) *Bulkhead {
	if cfg == nil {
		return nil
	}
	return &Bulkhead{max: orInt(cfg.MaxConcurrent, DefaultMaxConcurrent), maxWait: int64(cfg.MaxWait)}
}

// TryAcquire takes a slot if one is free. When none is and MaxWait is 0
// the refusal is counted in Rejected; with a MaxWait the caller queues and
// calls Reject if the wait runs out.
func (b *Bulkhead) TryAcquire() bool {
	if b == nil {
		return true
	}
	if b.inUse < b.max {
		b.inUse++
		return true
	}
	if b.maxWait == 0 {
		b.rejected++
	}
	return false
}

// Release frees a slot taken by TryAcquire.
func (b *Bulkhead) Release() {
	if b != nil && b.inUse > 0 {
		b.inUse--
	}
}

// Reject counts a call refused after waiting MaxWait.
func (b *Bulkhead) Reject() {
	if b != nil {
		b.rejected++
	}
}

// MaxWait returns how long a call may wait for a slot, in nanoseconds.
func (b *Bulkhead) MaxWait() int64 {
	if b == nil {
		return 0
	}
	return b.maxWait
}

// InUse returns the slots taken.
func (b *Bulkhead) InUse() int {
	if b == nil {
		return 0
	}
	return b.inUse
}

// Max returns the number of slots (0 for a nil Bulkhead: unlimited).
func (b *Bulkhead) Max() int {
	if b == nil {
		return 0
	}
	return b.max
}

// Rejected returns the calls refused so far.
func (b *Bulkhead) Rejected() int64 {
	if b == nil {
		return 0
	}
	return b.rejected
}
