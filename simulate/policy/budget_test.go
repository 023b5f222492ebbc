package policy

import (
	"testing"

	"github.com/berth-dev/berth/lang"
)

func TestBudgetArithmetic(t *testing.T) {
	b := NewBudget(&lang.Retry{Budget: 0.2, MinRetryConcurrency: 3}) // Envoy's defaults
	// step: attempts in flight to reach, then how many TryRetry succeed.
	steps := []struct {
		active    int
		limit     int
		admitted  int // retries in flight after trying to fill up
		rejectedN int64
	}{
		{0, 3, 3, 1},  // floor
		{14, 3, 3, 2}, // ⌊0.2·14⌋ = 2 < 3
		{20, 4, 4, 3}, // ⌊0.2·20⌋ = 4
		{100, 20, 20, 4},
		{50, 10, 20, 5}, // shrinking: in-flight retries stay, new ones refused
	}
	for _, s := range steps {
		for b.Active() < s.active {
			b.AttemptStart()
		}
		for b.Active() > s.active {
			b.AttemptEnd()
		}
		if got := b.Limit(); got != s.limit {
			t.Fatalf("active %d: limit %d, want %d", s.active, got, s.limit)
		}
		for b.TryRetry() {
		}
		if b.Retries() != s.admitted || b.Rejected() != s.rejectedN {
			t.Fatalf("active %d: %d retries in flight, %d rejected; want %d, %d", s.active, b.Retries(), b.Rejected(), s.admitted, s.rejectedN)
		}
	}
	for range 11 {
		b.RetryEnd()
	}
	if b.Retries() != 9 || !b.TryRetry() || b.Retries() != 10 || b.TryRetry() {
		t.Fatalf("after releases: %d retries in flight (limit %d)", b.Retries(), b.Limit())
	}
}

func TestBudgetFloorAndNil(t *testing.T) {
	b := NewBudget(&lang.Retry{Budget: 0.1, MinRetryConcurrency: 1})
	if !b.TryRetry() || b.TryRetry() {
		t.Fatal("floor 1 did not admit exactly one retry")
	}
	b.RetryEnd()
	b.RetryEnd() // extra releases never go negative
	if b.Retries() != 0 {
		t.Fatalf("retries in flight = %d", b.Retries())
	}
	zero := NewBudget(&lang.Retry{Budget: 0.5})
	if zero.TryRetry() {
		t.Fatal("floor 0 with nothing in flight admitted a retry")
	}
	zero.AttemptStart()
	zero.AttemptStart()
	if !zero.TryRetry() || zero.TryRetry() {
		t.Fatal("50 % of 2 attempts did not admit exactly one retry")
	}
	for _, cfg := range []*lang.Retry{nil, {Budget: 0}} {
		nb := NewBudget(cfg)
		if nb != nil {
			t.Fatalf("NewBudget(%+v) = %+v, want nil", cfg, nb)
		}
		nb.AttemptStart()
		for range 100 {
			if !nb.TryRetry() {
				t.Fatal("nil budget refused a retry")
			}
		}
		nb.RetryEnd()
		nb.AttemptEnd()
		if nb.Active() != 0 || nb.Retries() != 0 || nb.Rejected() != 0 {
			t.Fatal("nil budget counted")
		}
	}
}
