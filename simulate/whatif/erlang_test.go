package whatif

import (
	"fmt"
	"math"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/lang"
)

// erlangC is the probability that an arrival waits in M/M/c with offered
// load a = λ/μ (a < c).
func erlangC(c int, a float64) float64 {
	sum, term := 0.0, 1.0 // term = a^k / k!
	for k := 0; k < c; k++ {
		sum += term
		term *= a / float64(k+1)
	}
	last := term * float64(c) / (float64(c) - a) // a^c/c! · c/(c−a)
	return last / (sum + last)
}

// mmcSojournP99 is the 99th percentile of the M/M/c sojourn time T = Wq +
// S, from P(T > t) = (1−C)e^{−μt} + C·(μe^{−θt} − θe^{−μt})/(μ−θ) with
// θ = cμ − λ (P(Wq > t) = C e^{−θt}, anchors/defaults.md), solved by
// bisection.
func mmcSojournP99(c int, lambda, mu float64) float64 {
	C := erlangC(c, lambda/mu)
	theta := float64(c)*mu - lambda
	tail := func(t float64) float64 {
		conv := (1 + mu*t) * math.Exp(-mu*t)
		if math.Abs(mu-theta) > 1e-9 {
			conv = (mu*math.Exp(-theta*t) - theta*math.Exp(-mu*t)) / (mu - theta)
		}
		return (1-C)*math.Exp(-mu*t) + C*conv
	}
	lo, hi := 0.0, 100.0/math.Min(mu, theta)
	for range 200 {
		m := (lo + hi) / 2
		if tail(m) > 0.01 {
			lo = m
		} else {
			hi = m
		}
	}
	return (lo + hi) / 2
}

func TestMMcSojournP99Formula(t *testing.T) {
	// c = 1: the sojourn is exponential with rate μ−λ: p99 = ln(100)/(μ−λ).
	if got, want := mmcSojournP99(1, 0.9, 1), math.Log(100)/0.1; math.Abs(got-want) > 1e-6*want {
		t.Errorf("M/M/1 p99 %g, want %g", got, want)
	}
	// Erlang C of M/M/4 at ρ = 0.8 gives Wq = C/(cμ−λ) = 0.7455.
	if wq := erlangC(4, 3.2) / (4 - 3.2); math.Abs(wq-0.7455) > 1e-4 {
		t.Errorf("M/M/4 Wq %g, want 0.7455", wq)
	}
}

// TestLeastWorkersMatchErlangC: one service with c workers sharing one
// FIFO queue is M/M/c. The least c whose p99 of the sojourn time meets a
// 70 ms target must be what the formula predicts. The test requires the
// formula's p99 of c* − 1 and c* workers to sit at least 20 % above and
// below the target, so the answer is unambiguous despite sampling noise.
func TestLeastWorkersMatchErlangC(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates")
	}
	const lambda, mu, target = 450.0, 100.0, 0.070 // a = 4.5: c ≤ 4 saturates
	want := 5
	for mmcSojournP99(want, lambda, mu) > target {
		want++
	}
	hiP, loP := mmcSojournP99(want-1, lambda, mu), mmcSojournP99(want, lambda, mu)
	if hiP < 1.2*target || loP > target/1.2 {
		t.Fatalf("p99 of %d and %d workers (%g, %g) are too close to the target for an unambiguous answer", want-1, want, hiP, loP)
	}
	src := fmt.Sprintf(`
service "api" {
  capacity {
    workers      = 2
    queue        = 100000
    service_time = "exp(10ms)"
  }
}

load "steady" {
  entry    = service.api
  rate     = %g
  duration = "120s"
  warmup   = "10s"
}

slo "tail" {
  p99 = "%.3fms"
}
`, lambda, target*1000)
	spec, diags := lang.NewLoader().Load("mmc", lang.Options{FS: fstest.MapFS{"mmc/main.berth.hcl": {Data: []byte(src)}}, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	dim, err := ParseVary("api.workers=1..12")
	if err != nil {
		t.Fatal(err)
	}
	res, diags := Search(spec, Options{Dims: []Dimension{dim}, Replications: 3, Seed: 7})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	best := res.Best[0].Trial
	if best == nil {
		t.Fatalf("no configuration passes; trials: %+v", res.Trials)
	}
	if got := int(best.Values[0]); got != want {
		t.Errorf("least workers %d, Erlang C says %d (target p99 %.1f ms: %d workers %.1f ms, %d workers %.1f ms); trials:", got, want, target*1000, want-1, hiP*1000, want, loP*1000)
		for _, tr := range res.Trials {
			t.Logf("  %v %s p99 %.1f ms %s", tr.Values, tr.Status, tr.P99*1000, tr.Reason)
		}
	}
	pruned := 0
	for _, tr := range res.Trials {
		if tr.Status == StatusPruned {
			pruned++
			if tr.Values[0] > 4 {
				t.Errorf("%v pruned, but only c ≤ 4 saturate", tr.Values)
			}
		}
	}
	if pruned == 0 || res.Simulations > 5 {
		t.Errorf("%d pruned, %d simulated: the search should prune c ≤ 4 and bisect the rest", pruned, res.Simulations)
	}
}
