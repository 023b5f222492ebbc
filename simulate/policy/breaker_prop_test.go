package policy

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
	"pgregory.net/rapid"
)

// Under any sequence of admissions and outcomes the breaker keeps its
// invariants, and its window totals equal a recount of its buckets.
func TestBreakerInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := &lang.CircuitBreaker{
			Window:        time.Duration(rapid.Int64Range(10, 20e9).Draw(t, "window")),
			MinCalls:      rapid.IntRange(1, 30).Draw(t, "min_calls"),
			FailureRate:   rapid.Float64Range(0.01, 1).Draw(t, "rate"),
			OpenFor:       time.Duration(rapid.Int64Range(1, 10e9).Draw(t, "open_for")),
			HalfOpenCalls: rapid.IntRange(1, 5).Draw(t, "half_open"),
		}
		if rapid.Bool().Draw(t, "count_based") {
			cfg.WindowCalls = rapid.IntRange(1, 50).Draw(t, "window_calls")
		}
		b := NewBreaker(cfg)
		now := int64(0)
		var held []Ticket
		openings := 0
		for range rapid.IntRange(1, 300).Draw(t, "steps") {
			now += rapid.Int64Range(0, 2e9).Draw(t, "dt")
			switch rapid.IntRange(0, 2).Draw(t, "op") {
			case 0:
				if tk, ok := b.Allow(now); ok {
					held = append(held, tk)
				}
			case 1, 2:
				if len(held) == 0 {
					continue
				}
				i := rapid.IntRange(0, len(held)-1).Draw(t, "which")
				wasOpen := b.state == Open
				b.Record(now, held[i], rapid.Bool().Draw(t, "ok"), 0)
				held = append(held[:i], held[i+1:]...)
				if !wasOpen && b.state == Open {
					openings++
				}
			}
			if b.trials > b.halfOpenMax || b.judged > b.trials || b.failedTrials > b.judged {
				t.Fatalf("half-open: %d trials, %d ended, %d failed, max %d", b.trials, b.judged, b.failedTrials, b.halfOpenMax)
			}
			w := &b.win
			if w.fails < 0 || w.fails > w.calls {
				t.Fatalf("window: %d failures of %d calls", w.fails, w.calls)
			}
			if w.ring != nil && w.calls > len(w.ring) {
				t.Fatalf("count window holds %d calls, size %d", w.calls, len(w.ring))
			}
			if w.ring == nil {
				c, f := 0, 0
				for _, bk := range w.buckets {
					c += bk.calls
					f += bk.fails
				}
				if c != w.calls || f != w.fails {
					t.Fatalf("window totals %d/%d, buckets sum to %d/%d", w.fails, w.calls, f, c)
				}
			}
			if b.state == Closed && w.calls >= b.minCalls && float64(w.fails) >= b.rate*float64(w.calls) {
				t.Fatalf("closed with %d/%d failing over threshold %v", w.fails, w.calls, b.rate)
			}
		}
		if openings != b.Openings() {
			t.Fatalf("saw %d openings, Openings() = %d", openings, b.Openings())
		}
	})
}
