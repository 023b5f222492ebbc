package simulate

import (
	"fmt"
	"math"
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

// mmcAbandon returns the share of callers that give up in M/M/c+D: c
// slots held exp(μ), Poisson λ, FIFO waiters that leave after waiting τ.
// The offered wait V has p(n) ∝ aⁿ/n! below c slots busy, density
// λp(c−1)·e^(−(cμ−λ)x) up to τ and λp(c−1)·e^(−(cμ−λ)τ)·e^(−cμ(x−τ))
// beyond (no one joins there); the callers whose V exceeds τ give up. It
// returns that share and E[min(V, τ)], the mean wait.
func mmcAbandon(lambda, mu float64, c int, tau float64) (abandon, wait float64) {
	a, th := lambda/mu, float64(c)*mu-lambda
	sum, term := 0.0, 1.0
	for n := range c {
		if n > 0 {
			term *= a / float64(n)
		}
		sum += term
	}
	decay := math.Exp(-th * tau)
	norm := sum + lambda*term*((1-decay)/th+decay/(float64(c)*mu))
	k := lambda * term / norm // the density of V at 0+
	abandon = k * decay / (float64(c) * mu)
	wait = k*(1-decay*(1+th*tau))/(th*th) + tau*abandon
	return abandon, wait
}

// TestBulkheadWait runs testdata/bulkwait: 4 bulkhead slots held by
// backend's exponential 1 s, calls at λ = 3.5 waiting up to max_wait for
// one in FIFO order: M/M/4+D. The share of calls refused after their wait
// and front's mean latency (wait, then the call if it got a slot) are
// those of mmcAbandon; max_wait = 0 is Erlang B.
func TestBulkheadWait(t *testing.T) {
	const lambda = 3.5
	for _, tau := range []float64{0, 0.5, 2} {
		sp := loadVars(t, "testdata/bulkwait", map[string]string{"wait": secs(tau)})
		res := mustRun(t, sp, Options{Seed: 4, Replications: 4})
		f := res.Services["front"]
		abandon, wait := mmcAbandon(lambda, 1, 4, tau)
		if tau == 0 && math.Abs(abandon-erlangB(4, lambda)) > 1e-12 {
			t.Fatalf("M/M/4+D with no patience %.6f, Erlang B %.6f", abandon, erlangB(4, lambda))
		}
		mean := wait + (1 - abandon)
		var rejected int64
		for _, l := range res.Links {
			rejected += l.BulkheadRejected
		}
		t.Logf("max_wait %gs: refused %.4f (want %.4f, ci %v), mean %.4f (want %.4f, ci %v)", tau, f.ErrorRate, abandon, f.CI.ErrorRate, f.Latency.Mean, mean, f.CI.Mean)
		if !within(f.ErrorRate, abandon, 0.02, &f.CI.ErrorRate) || !within(float64(rejected), float64(f.Failed), 0.001, nil) {
			t.Errorf("max_wait %gs: %.4f refused (%d by the bulkhead of %d failed), want %.4f", tau, f.ErrorRate, rejected, f.Failed, abandon)
		}
		if !within(f.Latency.Mean, mean, 0.02, &f.CI.Mean) {
			t.Errorf("max_wait %gs: mean latency %.4f, want E[min(V, τ)] + (1 − P(abandon))·E[S] = %.4f", tau, f.Latency.Mean, mean)
		}
	}
}
