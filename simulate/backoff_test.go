package simulate

import (
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// TestBackoffJitterAnchor runs testdata/backoff, the AWS blog's contention
// experiment (anchors: full jitter about 800 calls and 4.9 s to finish,
// exponential backoff without jitter about 1,850 calls and 63 s). berth's
// model is not theirs (one write at a time, 1 ms each), so the test holds
// the ordering, not their counts: every jittered backoff finishes every
// write in a few seconds with a few hundred calls, while lockstep retries
// need several times the calls and still leave writes unfinished a minute
// later.
func TestBackoffJitterAnchor(t *testing.T) {
	type outcome struct {
		calls  int64
		finish float64 // the slowest write's latency
		errors float64
	}
	got := map[string]outcome{}
	for _, jitter := range []string{"full", "equal", "decorrelated", "none"} {
		res := mustRun(t, loadVars(t, "testdata/backoff", map[string]string{"jitter": jitter}), Options{Seed: 2})
		c := res.Services["client"]
		got[jitter] = outcome{calls: c.Arrivals + c.Retries, finish: c.Latency.Max, errors: c.ErrorRate}
		t.Logf("%s jitter: %d writes, %d calls, slowest %.3f s, errors %.3f", jitter, c.Arrivals, c.Arrivals+c.Retries, c.Latency.Max, c.ErrorRate)
	}
	none := got["none"]
	for _, jitter := range []string{"full", "equal", "decorrelated"} {
		o := got[jitter]
		if o.errors != 0 || o.finish > 5 {
			t.Errorf("%s jitter: errors %.3f, slowest write %.3f s; want every write done within 5 s", jitter, o.errors, o.finish)
		}
		if none.calls < 3*o.calls || none.finish < 10*o.finish {
			t.Errorf("no jitter: %d calls and %.1f s against %s jitter's %d and %.2f s; want lockstep retries to cost several times the calls and time",
				none.calls, none.finish, jitter, o.calls, o.finish)
		}
	}
	if none.errors == 0 {
		t.Errorf("no jitter: every write done (slowest %.1f s); lockstep retries at a 2 s cap should leave some undone when the run ends", none.finish)
	}
}

// loadImmediate loads testdata/immediate with vars. Its calls go to a
// service with replicas = 0 on purpose, which lang warns about (every call
// is refused): that one warning, at the call, is expected; any other
// diagnostic fails the test.
func loadImmediate(t testing.TB, vars map[string]string) *lang.Spec {
	t.Helper()
	sp, diags := lang.NewLoader().Load("testdata/immediate", lang.Options{Environ: []string{}, Vars: vars})
	if sp == nil || len(diags) != 1 || diags[0].Severity != hcl.DiagWarning || diags[0].Summary != "Call to a service without replicas" {
		t.Fatalf("load testdata/immediate: want only the warning of the call to \"gone\" (replicas = 0), got %v", diags)
	}
	return sp
}

// TestBackoffWaits runs testdata/immediate, whose calls are refused at
// once, so a request's latency is exactly its waits between attempts: 3
// attempts with base 20 ms and no jitter wait 20 + 40 ms exponential and
// 20 + 20 ms constant; backoff = "none" and a written base of 0 retry at
// once (that base once waited the default 25 ms + 50 ms, and "none" was
// refused).
func TestBackoffWaits(t *testing.T) {
	for _, tt := range []struct {
		backoff, base string
		want          float64 // seconds
	}{
		{"exponential", "20ms", 0.060},
		{"constant", "20ms", 0.040},
		{"none", "20ms", 0},
		{"exponential", "0ms", 0},
		{"constant", "0s", 0},
	} {
		sp := loadImmediate(t, map[string]string{"backoff": tt.backoff, "base": tt.base})
		res := mustRun(t, sp, Options{Seed: 1})
		e, c := res.Entry, res.Services["client"]
		if e.Latency.Mean != tt.want || e.Latency.Max != tt.want || c.Retries != 2*c.Arrivals || c.Arrivals == 0 {
			t.Errorf("backoff %s, base %s: latency mean %g max %g, %d retries of %d requests; want %g s and 2 retries each",
				tt.backoff, tt.base, e.Latency.Mean, e.Latency.Max, c.Retries, c.Arrivals, tt.want)
		}
	}
}

// TestBackoffJitterMeans runs testdata/immediate with jitter: 3 attempts
// refused at once, so a request's latency is the sum of its two waits,
// base 20 ms and cap 200 ms. Exponential bounds are 20 and 40 ms,
// constant ones 20 and 20: full jitter waits half of each on average,
// equal jitter three quarters; decorrelated jitter draws U(20, 60) ms,
// then U(20, 3·first) ms, whatever the backoff: 40 + 70 ms on average.
func TestBackoffJitterMeans(t *testing.T) {
	for _, tt := range []struct {
		jitter, backoff string
		mean, max       float64 // seconds
	}{
		{"full", "exponential", 0.030, 0.060},
		{"full", "constant", 0.020, 0.040},
		{"equal", "exponential", 0.045, 0.060},
		{"equal", "constant", 0.030, 0.040},
		{"decorrelated", "exponential", 0.110, 0.240},
	} {
		sp := loadImmediate(t, map[string]string{"backoff": tt.backoff, "jitter": tt.jitter})
		sp.Loads["l"].Duration *= 20 // 20,000 requests
		res := mustRun(t, sp, Options{Seed: 3})
		e := res.Entry
		t.Logf("%s jitter, %s: mean %.5f (want %.3f), max %.5f (at most %.3f)", tt.jitter, tt.backoff, e.Latency.Mean, tt.mean, e.Latency.Max, tt.max)
		if !within(e.Latency.Mean, tt.mean, 0.02, &e.CI.Mean) || e.Latency.Max > tt.max {
			t.Errorf("%s jitter, %s backoff: waits of mean %.5f s, max %.5f s; want %.3f s, at most %.3f s", tt.jitter, tt.backoff, e.Latency.Mean, e.Latency.Max, tt.mean, tt.max)
		}
	}
}
