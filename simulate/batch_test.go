package simulate

import (
	"math"
	"testing"
	"time"
)

// TestBatchMeansCoverage: a single run gets batch-means intervals, and
// on M/M/1 at ρ = 0.5 (W = 2 s, throughput λ, utilisation ρ) the 95 %
// intervals hold the analytic values in about 95 % of the seeds: at least
// 16 of 20 here (a broken interval, too narrow or off-centre, holds them
// far less often).
func TestBatchMeansCoverage(t *testing.T) {
	const lambda, mu, seeds = 0.5, 1.0, 20
	w := 1 / (mu - lambda)
	var inMean, inTput, inUtil int
	for seed := uint64(1); seed <= seeds; seed++ {
		res := mustRun(t, mmc(t, lambda, mu, 1, 40_000), Options{Seed: seed})
		if res.CIMethod != CIBatchMeans || res.CIBatches != Batches {
			t.Fatalf("ci_method %q, %d batches; want %q, %d", res.CIMethod, res.CIBatches, CIBatchMeans, Batches)
		}
		e, s := res.Entry, res.Services["s"]
		if e.CI == nil || s.CI == nil {
			t.Fatalf("seed %d: no ci (entry %v, service %v)", seed, e.CI, s.CI)
		}
		checkPointInCI(t, "entry", e)
		checkPointInCI(t, "s", s)
		if h := (e.CI.Mean.High - e.CI.Mean.Low) / 2; h <= 0 || h > 0.15*w {
			t.Errorf("seed %d: mean half-width %g, want in (0, %g]", seed, h, 0.15*w)
		}
		if e.Utilization != s.Utilization || e.CI.Utilization != s.CI.Utilization {
			t.Errorf("entry utilization %g %v, want the entry service's %g %v", e.Utilization, e.CI.Utilization, s.Utilization, s.CI.Utilization)
		}
		inMean += b2i(e.CI.Mean.Low <= w && w <= e.CI.Mean.High)
		inTput += b2i(e.CI.Throughput.Low <= lambda && lambda <= e.CI.Throughput.High)
		inUtil += b2i(s.CI.Utilization.Low <= lambda/mu && lambda/mu <= s.CI.Utilization.High)
	}
	t.Logf("coverage over %d seeds: mean %d, throughput %d, utilization %d", seeds, inMean, inTput, inUtil)
	for name, n := range map[string]int{"mean": inMean, "throughput": inTput, "utilization": inUtil} {
		if n < 16 {
			t.Errorf("%s: the interval held the analytic value in %d of %d seeds, want at least 16", name, n, seeds)
		}
	}
}

// TestReplicationsPointInCI: with replications, every reported point lies
// inside its own interval, percentiles included (a fork-join's pooled
// p99 once fell outside the interval of the per-replication p99s). The
// replications are short, so each one's p999 is about its maximum and
// the pooled p999, the largest of them, lies well above their mean.
func TestReplicationsPointInCI(t *testing.T) {
	sp := newSpec()
	addService(sp, "gw", 1, 64, 1<<20, pd(t, "exp(1ms)"), ep("get", par(call("a"), call("b"))))
	addService(sp, "a", 1, 1, 1<<20, pd(t, "exp(10ms)"))
	addService(sp, "b", 1, 1, 1<<20, pd(t, "exp(10ms)"))
	addLoad(sp, "l", "gw", 50, 5*time.Second, time.Second)
	res := mustRun(t, sp, Options{Seed: 2, Replications: 8})
	if res.CIMethod != CIReplications || res.CIBatches != 0 {
		t.Errorf("ci_method %q, %d batches; want %q", res.CIMethod, res.CIBatches, CIReplications)
	}
	checkPointInCI(t, "entry", res.Entry)
	for name, m := range res.Services {
		checkPointInCI(t, name, m)
	}
}

// TestLatencyOK: M/M/1/K (one worker, K−1 places to wait) at ρ = 0.9
// rejects some requests at once. latency_ok is the sojourn time of the
// admitted ones, W = L/λ_eff; latency counts the rejections at ~0 s, so
// its mean is W·(1 − p_K).
func TestLatencyOK(t *testing.T) {
	lambda, mu, k := 0.9, 1.0, 5
	rho := lambda / mu
	pk := func(n int) float64 { return (1 - rho) * math.Pow(rho, float64(n)) / (1 - math.Pow(rho, float64(k+1))) }
	l := 0.0
	for n := 0; n <= k; n++ {
		l += float64(n) * pk(n)
	}
	w := l / (lambda * (1 - pk(k)))
	sp := newSpec()
	addService(sp, "s", 1, 1, k-1, pd(t, "exp(1s)"))
	dur := time.Duration(300_000 / lambda * float64(time.Second))
	addLoad(sp, "l", "s", lambda, dur, dur/20)
	res := mustRun(t, sp, Options{Seed: 4})
	s := res.Services["s"]
	t.Logf("W %.4f (want %.4f), all %.4f (want %.4f), rejected %.4f (want %.4f)",
		s.LatencyOK.Mean, w, s.Latency.Mean, w*(1-pk(k)), float64(s.Rejections)/float64(s.Arrivals), pk(k))
	if math.Abs(s.LatencyOK.Mean-w) > 0.02*w {
		t.Errorf("latency_ok mean %g, want W = L/λ_eff = %g", s.LatencyOK.Mean, w)
	}
	if want := w * (1 - pk(k)); math.Abs(s.Latency.Mean-want) > 0.02*want {
		t.Errorf("latency mean %g, want W·(1−p_K) = %g", s.Latency.Mean, want)
	}
	if !(s.LatencyOK.P50 > s.Latency.P50 && s.LatencyOK.P99 >= s.Latency.P99) || res.Entry.LatencyOK != s.LatencyOK {
		t.Errorf("latency_ok %+v (entry %+v) against latency %+v: want the admitted requests' larger latencies, the same at the entry", s.LatencyOK, res.Entry.LatencyOK, s.Latency)
	}
}

// checkPointInCI fails when a metric's point lies outside its interval.
func checkPointInCI(t *testing.T, name string, m *Metrics) {
	t.Helper()
	if m.CI == nil {
		t.Errorf("%s: no ci", name)
		return
	}
	for _, c := range []struct {
		metric string
		v      float64
		ci     CI
	}{
		{"throughput", m.Throughput, m.CI.Throughput}, {"error_rate", m.ErrorRate, m.CI.ErrorRate},
		{"utilization", m.Utilization, m.CI.Utilization}, {"mean", m.Latency.Mean, m.CI.Mean},
		{"p50", m.Latency.P50, m.CI.P50}, {"p90", m.Latency.P90, m.CI.P90},
		{"p99", m.Latency.P99, m.CI.P99}, {"p999", m.Latency.P999, m.CI.P999},
	} {
		if c.v < c.ci.Low || c.v > c.ci.High {
			t.Errorf("%s %s = %g outside its ci [%g, %g]", name, c.metric, c.v, c.ci.Low, c.ci.High)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
