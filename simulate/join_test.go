package simulate

import (
	"fmt"
	"math"
	"testing"
)

// TestJoinMaxAndSum runs testdata/leaves: n leaves that never queue, each
// an exponential of mean 1 s. A parallel block answers with the last of
// them, the maximum of n exponentials: mean H_n = 1 + 1/2 + … + 1/n, and
// median −ln(1 − 2^(−1/n)); a sequence answers after all of them in turn,
// an Erlang-n: mean n, variance n.
func TestJoinMaxAndSum(t *testing.T) {
	for _, n := range []int{2, 5, 10} {
		h := 0.0
		for k := 1; k <= n; k++ {
			h += 1 / float64(k)
		}
		for _, tc := range []struct {
			mode         string
			mean, median float64
		}{
			{"par", h, -math.Log(1 - math.Pow(0.5, 1/float64(n)))},
			{"seq", float64(n), erlangMedian(n)},
		} {
			name := fmt.Sprintf("%s of %d", tc.mode, n)
			sp := loadVars(t, "testdata/leaves", map[string]string{"n": fmt.Sprint(n), "mode": tc.mode})
			res := mustRun(t, sp, Options{Seed: 9, Replications: 2})
			f := res.Services["front"]
			t.Logf("%s: mean %.4f (want %.4f, ci %v), p50 %.4f (want %.4f)", name, f.Latency.Mean, tc.mean, f.CI.Mean, f.Latency.P50, tc.median)
			if !within(f.Latency.Mean, tc.mean, 0.02, &f.CI.Mean) {
				t.Errorf("%s: mean %.4f, want %.4f", name, f.Latency.Mean, tc.mean)
			}
			if !within(f.Latency.P50, tc.median, 0.02, &f.CI.P50) {
				t.Errorf("%s: median %.4f, want %.4f", name, f.Latency.P50, tc.median)
			}
		}
	}
}

// erlangMedian is the median of the sum of n exponentials of mean 1, by
// bisection on its CDF 1 − e^(−x) Σ_{k<n} x^k/k!.
func erlangMedian(n int) float64 {
	cdf := func(x float64) float64 {
		sum, term := 0.0, 1.0
		for k := range n {
			if k > 0 {
				term *= x / float64(k)
			}
			sum += term
		}
		return 1 - math.Exp(-x)*sum
	}
	lo, hi := 0.0, float64(4*n+10)
	for range 100 {
		if mid := (lo + hi) / 2; cdf(mid) < 0.5 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
