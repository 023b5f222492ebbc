package simulate

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestClientTimeout: with load.timeout the clients give up on a hung
// service after it: every request sent after the hang fails for its client
// at 2 s (class timeout), so the entry's tail is exactly the timeout and
// nothing is unanswered at the entry; the hung service itself still holds
// the requests, unanswered. The drain lasts the timeout.
func TestClientTimeout(t *testing.T) {
	sp := loadVars(t, "testdata/outage", nil)
	sp.Loads["l"].Timeout = 2 * time.Second
	res, diags := Run(sp, Options{Seed: 1, Scenario: "hang"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	e := res.Entry
	if res.Pass() || e.Unanswered != 0 || e.Failures["timeout"] != e.Failed || e.Failed < 2400 {
		t.Errorf("entry: pass %v, %d failed, failures %v; want about 2500 client timeouts and no unanswered", res.Pass(), e.Failed, e.Failures)
	}
	if e.Latency.Max < 1.99 || e.Latency.Max > 2.01 || e.Latency.P99 > 2.01 {
		t.Errorf("entry latency %+v; want the tail at the 2 s timeout", e.Latency)
	}
	// The drain gives up after the timeout: gw's requests are at most
	// 25 s (the hang) + 2 s old.
	if gw := res.Services["gw"]; gw.Unanswered < e.Failed || gw.Latency.Max > 27.01 {
		t.Errorf("gw: %d unanswered, max %.1fs; want the %d the clients gave up on, at most 27 s old", gw.Unanswered, gw.Latency.Max, e.Failed)
	}
}

// TestClientTimeoutUnreached: a client timeout no request reaches changes
// no metric.
func TestClientTimeoutUnreached(t *testing.T) {
	run := func(timeout time.Duration) string {
		sp := mmc(t, 0.8, 1, 1, 20_000)
		sp.Loads["l"].Timeout = timeout
		r := mustRun(t, sp, Options{Seed: 3})
		r.SimEvents, r.Drain = 0, 0 // the timeouts' timers are events; the drain bound is the timeout
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if a, b := run(0), run(time.Hour); a != b {
		t.Errorf("a 1 h client timeout changed the report of an M/M/1 run")
	}
}

// TestClientTimeoutLostNode runs testdata/nodeloss: the requests sent to
// the replica of a lost node, about 750, get no answer, so their clients
// give up after the load's 1 s timeout (class timeout, at exactly 1 s),
// as for any request without an answer; so do the few that were at that
// replica, calling db, when the node went (s counts them lost). The
// client's clock once started only when a request reached its replica,
// which a request to a lost node never does: they failed as "lost" 15 s
// later, with no latency at all (the entry's tail stayed at a few ten ms).
func TestClientTimeoutLostNode(t *testing.T) {
	res := mustRun(t, loadVars(t, "testdata/nodeloss", nil), Options{Seed: 1, Scenario: "loss"})
	e := res.Entry
	t.Logf("entry: %d sent, %d failed %v, latency %+v", e.Arrivals, e.Failed, e.Failures, e.Latency)
	if n := e.Failures["timeout"]; n != e.Failed || n < 675 || n > 825 {
		t.Errorf("entry failures %v; want about 750, every one a client timeout", e.Failures)
	}
	if e.Latency.Max != 1 || e.Latency.P90 < 0.99 {
		t.Errorf("entry latency %+v; want the failed 12 %% at the 1 s timeout", e.Latency)
	}
	if s := res.Services["s"]; s.Failed > 10 || s.Failures["lost"] != s.Failed || s.Completed != e.Completed || e.InFlight != 0 {
		t.Errorf("s: %d completed, failures %v; entry %d completed, %d in flight; want the few held by the lost replica lost, every other request answered", s.Completed, s.Failures, e.Completed, e.InFlight)
	}
}

// TestLostNodeWithoutTimeout runs testdata/nodeloss with no client
// timeout, its clients sending straight to s or through a front service
// (on node 1) whose link to s has no timeout. A dead node answers nothing (no refusal,
// no reset), so whoever waits on it waits as long as it takes: the about
// 750 requests sent to s.2 between the loss at 10 s and swarm's detection
// at 25 s (half of 100/s × 15 s, round robin), and the few it held, stay
// unanswered until the drain ends at 60 s + 60 s, their ages then
// (95–110 s) their latencies. The p99 of about 6,000 requests is the
// 60th oldest, one sent about 60 / (50/s) = 1.2 s after the loss: 108.8 s;
// the mean is the unanswered share × their mean age of 102.5 s. A client
// sending straight to s used to count them lost with no latency at all,
// so the node's loss left the p99 at 0.25 s, while the same loss behind a
// front service showed them as here.
func TestLostNodeWithoutTimeout(t *testing.T) {
	for _, front := range []bool{false, true} {
		sp := loadVars(t, "testdata/nodeloss", nil)
		sp.Loads["l"].Timeout = 0
		if front {
			gw := addService(sp, "gw", 1, 1000, 0, lang.Dist{}, ep("get", call("s")))
			gw.Placement.Constraints = []string{"node.role == manager"} // node 1, which stays
			sp.Links[lang.LinkKey{From: "gw", To: "s"}] = &lang.Link{From: "gw", To: "s", LoadBalancing: "round_robin"}
			sp.Loads["l"].Entry = lang.Ref{Service: "gw"}
		}
		res := mustRun(t, sp, Options{Seed: 1, Scenario: "loss"})
		e := res.Entry
		t.Logf("front %v: entry %d sent, %d failed %v, latency %+v", front, e.Arrivals, e.Failed, e.Failures, e.Latency)
		if n := e.Unanswered; n != e.Failed || e.Failures["unanswered"] != n || n < 700 || n > 820 {
			t.Errorf("front %v: entry failures %v, %d unanswered; want about 750, all unanswered", front, e.Failures, n)
		}
		if res.Drain != 60 || e.Latency.Max > 110.5 || e.Latency.P90 < 95 || e.Latency.P99 < 108.3 || e.Latency.P99 > 109.5 {
			t.Errorf("front %v: drain %gs, entry latency %+v; want a 60 s drain, p90 at least 95 s, p99 about 108.8 s, max at most 110.5 s", front, res.Drain, e.Latency)
		}
		share := float64(e.Failed) / float64(e.Arrivals)
		if want := share*102.5 + (1-share)*e.LatencyOK.Mean; !within(e.Latency.Mean, want, 0.02, nil) {
			t.Errorf("front %v: entry mean %.2fs; want %.2fs (%.1f%% unanswered at a mean age of 102.5 s)", front, e.Latency.Mean, want, 100*share)
		}
	}
}
