package simulate

import "testing"

// TestOverloadThroughput: an M/M/c queue offered twice what it can serve,
// with a waiting room that never fills, answers every request, late; the
// backlog it builds is answered during the drain after the load. Its
// throughput is still what its workers can do, cμ, and so is each batch
// mean's: the answers of the drain are not answers of the window. (It
// reported λ = 2cμ, the arrivals of the window answered at any time.)
func TestOverloadThroughput(t *testing.T) {
	const lambda, mu, c = 200.0, 25.0, 4 // cμ = 100/s
	for _, reps := range []int{1, 3} {
		res := mustRun(t, mmc(t, lambda, mu, c, 20_000), Options{Seed: 2, Replications: reps})
		s := res.Services["s"]
		t.Logf("%d replications: throughput %.2f/s (ci %v), %d arrivals, %d completed, error rate %.3f",
			reps, s.Throughput, s.CI.Throughput, s.Arrivals, s.Completed, s.ErrorRate)
		if !within(s.Throughput, c*mu, 0.02, nil) {
			t.Errorf("%d replications: throughput %.2f/s, want cμ = %.0f/s", reps, s.Throughput, c*mu)
		}
		if s.CI == nil {
			t.Fatalf("%d replications: no confidence interval", reps)
		}
		if s.CI.Throughput.High < c*mu*0.98 || s.CI.Throughput.Low > c*mu*1.02 {
			t.Errorf("%d replications: throughput interval %v does not hold cμ = %.0f/s", reps, s.CI.Throughput, c*mu)
		}
		if e := res.Entry; !within(e.Throughput, s.Throughput, 1e-9, nil) {
			t.Errorf("%d replications: entry throughput %.2f/s, service %.2f/s", reps, e.Throughput, s.Throughput)
		}
	}
}
