package simulate

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBalancingTheory runs testdata/balance: Poisson arrivals at λ = 3.2
// spread over four single-worker replicas (μ = 1, ρ = 0.8) by the link's
// load_balancing. Each policy's mean sojourn against its theory:
//
//   - random: four independent M/M/1 at λ/4, W = 1/(μ − λ/4) = 5;
//   - round_robin: every fourth arrival, Erlang-4 gaps, an E4/M/1 queue
//     per replica, W = 1/(μ(1 − σ)) with σ = (4λ'/(4λ' + μ(1 − σ)))⁴;
//   - least_request: join the shortest queue, and p2c: the shorter of two
//     random queues, against the same model run as a continuous-time
//     Markov chain here (jsqW), both above M/M/4 (one shared queue) and
//     below round robin.
func TestBalancingTheory(t *testing.T) {
	const lambda, mu, n = 3.2, 1.0, 4
	mm4 := erlangC(n, lambda/mu)/(n*mu-lambda) + 1/mu
	rr := ekm1W(n, lambda/n, mu)
	for _, tc := range []struct {
		lb   string
		want float64
	}{
		{"random", 1 / (mu - lambda/n)},
		{"round_robin", rr},
		{"least_request", jsqW(n, n, lambda, mu, 3_000_000)},
		{"p2c", jsqW(n, 2, lambda, mu, 3_000_000)},
	} {
		res := mustRun(t, loadVars(t, "testdata/balance", map[string]string{"balancing": tc.lb}), Options{Seed: 3, Replications: 6})
		s := res.Services["s"]
		t.Logf("%s: W %.4f (want %.4f, ci %v); M/M/4 %.4f, E4/M/1 %.4f", tc.lb, s.Latency.Mean, tc.want, s.CI.Mean, mm4, rr)
		if !within(s.Latency.Mean, tc.want, 0.02, &s.CI.Mean) {
			t.Errorf("%s: mean sojourn %.4f, want %.4f", tc.lb, s.Latency.Mean, tc.want)
		}
		if tc.lb != "random" && tc.lb != "round_robin" && !(mm4 < s.Latency.Mean && s.Latency.Mean < rr) {
			t.Errorf("%s: mean sojourn %.4f, want between M/M/4 (%.4f) and round robin (%.4f)", tc.lb, s.Latency.Mean, mm4, rr)
		}
		if !within(s.Utilization, lambda/(n*mu), 0.02, &s.CI.Utilization) {
			t.Errorf("%s: utilisation %.4f, want %.4f", tc.lb, s.Utilization, lambda/(n*mu))
		}
	}
}

// ekm1W is the mean sojourn of E_k/M/1 (GI/M/1 with Erlang-k gaps of rate
// λ): 1/(μ(1 − σ)), σ the root in (0, 1) of σ = (kλ/(kλ + μ(1 − σ)))^k.
func ekm1W(k int, lambda, mu float64) float64 {
	s := 0.5
	for range 1000 {
		s = math.Pow(float64(k)*lambda/(float64(k)*lambda+mu*(1-s)), float64(k))
	}
	return 1 / (mu * (1 - s))
}

// jsqW estimates the mean sojourn of n exponential single-server queues
// fed by Poisson arrivals that join the shortest of d queues drawn at
// random without replacement (d = n: join the shortest queue; ties to a
// random one), by simulating the Markov chain's jumps: L by the time
// average, W = L/λ (Little).
func jsqW(n, d int, lambda, mu float64, jumps int) float64 {
	r := rand.New(rand.NewPCG(1, 2))
	q := make([]int, n)
	total, busy := 0, 0
	area, clock := 0.0, 0.0
	idx := make([]int, n)
	for range jumps {
		rate := lambda + mu*float64(busy)
		dt := r.ExpFloat64() / rate
		area += float64(total) * dt
		clock += dt
		if r.Float64()*rate < lambda {
			for i := range idx {
				idx[i] = i
			}
			best := -1
			for k := range d { // partial Fisher–Yates: d distinct queues
				j := k + r.IntN(n-k)
				idx[k], idx[j] = idx[j], idx[k]
				if best < 0 || q[idx[k]] < q[best] {
					best = idx[k]
				}
			}
			if q[best] == 0 {
				busy++
			}
			q[best]++
			total++
			continue
		}
		k := r.IntN(busy) // a departure from one of the busy queues
		for i := range q {
			if q[i] > 0 {
				if k == 0 {
					q[i]--
					total--
					if q[i] == 0 {
						busy--
					}
					break
				}
				k--
			}
		}
	}
	return area / clock / lambda
}
