package simulate

import (
	"fmt"
	"testing"
)

// erlangB is the blocking probability of M/G/c/c at offered load a.
func erlangB(c int, a float64) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// TestHoldErlangB runs testdata/hold. Blocking in a loss system is
// Erlang B of the mean holding time, whatever its distribution, so it
// measures what holds a slot: a thread-model worker is held through the
// downstream call (B(4, λ·1 s)), an async one through the local work only
// (B(4, λ·0.5 s)), and a bulkhead slot through the call (B(4, λ·0.5 s)).
func TestHoldErlangB(t *testing.T) {
	const lambda = 3.0
	for _, tc := range []struct {
		name              string
		model             string
		workers, bulkhead int
		hold              float64 // mean time a slot is held, s
	}{
		{"thread workers", "thread", 4, 1_000_000, 1.0},
		{"async workers", "async", 4, 1_000_000, 0.5},
		{"bulkhead", "thread", 1_000_000, 4, 0.5},
	} {
		sp := loadVars(t, "testdata/hold", map[string]string{"model": tc.model,
			"workers": fmt.Sprint(tc.workers), "bulkhead": fmt.Sprint(tc.bulkhead)})
		res := mustRun(t, sp, Options{Seed: 8, Replications: 4})
		f := res.Services["front"]
		want := erlangB(4, lambda*tc.hold)
		var bulk int64
		for _, l := range res.Links {
			bulk += l.BulkheadRejected
		}
		t.Logf("%s: front errors %.4f (want B(4, %g) = %.4f, ci %v), rejections %d, bulkhead rejections %d",
			tc.name, f.ErrorRate, lambda*tc.hold, want, f.CI.ErrorRate, f.Rejections, bulk)
		if !within(f.ErrorRate, want, 0.02, &f.CI.ErrorRate) {
			t.Errorf("%s: blocking %.4f, want %.4f", tc.name, f.ErrorRate, want)
		}
		// Little: the busy workers are the admitted rate times the hold.
		if util := lambda * (1 - want) * tc.hold / 4; tc.workers == 4 && !within(f.Utilization, util, 0.02, &f.CI.Utilization) {
			t.Errorf("%s: utilisation %.4f, want λ(1 − B)·hold/c = %.4f", tc.name, f.Utilization, util)
		}
		if f.Rejections+bulk != f.Failed {
			t.Errorf("%s: %d failed, %d rejected by front's queue, %d by the bulkhead", tc.name, f.Failed, f.Rejections, bulk)
		}
	}
}
