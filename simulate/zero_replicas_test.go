package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestZeroReplicas: a service with replicas = 0 has no instance. A call to
// it is refused at once (as a connection to a name with no container) and
// the caller's link policy applies: retries, then the fallback, a degraded
// success; without a fallback the request fails. As the load's entry,
// every request fails. Its throughput is 0.
func TestZeroReplicas(t *testing.T) {
	for _, tc := range []struct {
		name     string
		entry    string
		fallback string
		ok       bool // the entry's requests succeed (degraded)
	}{
		{"fallback", "gw", lang.FallbackDefault, true},
		{"no fallback", "gw", lang.FallbackNone, false},
		{"entry", "gone", lang.FallbackNone, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := newSpec()
			c := call("gone")
			c.Call.Fallback = tc.fallback
			addService(sp, "gw", 1, 64, 0, lang.Dist{}, ep("get", seq(c)))
			addService(sp, "gone", 0, 64, 0, pd(t, "const(1ms)"))
			sp.Links[lang.LinkKey{From: "gw", To: "gone"}] = &lang.Link{From: "gw", To: "gone", LoadBalancing: lang.LBRoundRobin,
				Retry: &lang.Retry{Attempts: 3, Backoff: "exponential", Base: time.Millisecond, Cap: 10 * time.Millisecond, Jitter: "none"}}
			addLoad(sp, "l", tc.entry, 100, 5*time.Second, 0)
			res := mustRun(t, sp, Options{Seed: 1})
			e, gone := res.Entry, res.Services["gone"]
			if gone.Arrivals != 0 || gone.Throughput != 0 || gone.Replicas != 0 {
				t.Errorf("gone: %d arrivals, throughput %g, %d replicas; want none", gone.Arrivals, gone.Throughput, gone.Replicas)
			}
			if e.Arrivals < 400 {
				t.Fatalf("only %d requests", e.Arrivals)
			}
			if tc.ok {
				if e.Completed != e.Arrivals || e.Degraded != e.Arrivals {
					t.Errorf("entry: %d of %d completed, %d degraded; want all, all degraded", e.Completed, e.Arrivals, e.Degraded)
				}
			} else if e.Failed != e.Arrivals || e.Throughput != 0 || e.Failures["refused"]+e.Failures["error"] != e.Failed {
				t.Errorf("entry: %d of %d failed (%v), throughput %g; want all refused", e.Failed, e.Arrivals, e.Failures, e.Throughput)
			}
			if tc.entry == "gw" {
				l := res.Links[0]
				if l.Attempts != 3*l.Calls || l.Retries != 2*l.Calls || l.Failures != l.Calls {
					t.Errorf("link %+v: want 3 attempts (2 retries) per call, every call failed", l)
				}
				if gw := res.Services["gw"].Latency.Max; gw < 0.003 {
					t.Errorf("gw max latency %gs: want the backoffs (1 ms + 2 ms) of the retries", gw)
				}
			}
		})
	}
}
