package simulate

import (
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

func publish(q string) *lang.Step {
	return &lang.Step{Kind: lang.StepPublish, Publish: &lang.Publish{Queue: q, Probability: 1}}
}

// Kafka: consumers beyond the partitions idle. 2 partitions, 4 consumers
// of 10 ms each: 2 useful ones drain 200/s, so 300/s piles up. RabbitMQ:
// all 4 compete and drain 400/s.
func TestQueueKinds(t *testing.T) {
	for _, tc := range []struct {
		kind         string
		active       int
		backlogGrows bool
	}{{lang.QueueKafka, 2, true}, {lang.QueueRabbitMQ, 4, false}} {
		sp := newSpec()
		sp.Queues["q"] = &lang.Queue{Name: "q", Kind: tc.kind, Partitions: 2}
		addService(sp, "api", 1, 64, 64, lang.Dist{}, ep("post", seq(publish("q"))))
		w := addService(sp, "worker", 2, 1, 1, lang.Dist{}, &lang.Endpoint{Name: "handle", Weight: 1, ServiceTime: ptr(lang.Const(10 * time.Millisecond))})
		w.Consumes = []*lang.Consume{{Queue: "q", Concurrency: 2, Endpoint: "handle"}}
		ld := addLoad(sp, "l", "api", 300, 20*time.Second, 0)
		ld.Arrival = lang.ArrivalConstant
		res := mustRun(t, sp, Options{Seed: 1})
		q := res.Queues["q"]
		t.Logf("%s: active %d of %d consumers, consumed %d, backlog final %d, lag mean %.3fs oldest %.2fs",
			tc.kind, q.ActiveConsumers, q.Consumers, q.Consumed, q.Backlog.Final, q.Lag.Mean, q.Lag.OldestAge)
		if q.ActiveConsumers != tc.active || q.Consumers != 4 {
			t.Errorf("%s: %d of %d consumers active, want %d of 4", tc.kind, q.ActiveConsumers, q.Consumers, tc.active)
		}
		if tc.backlogGrows {
			if want := int64(100 * 20); math.Abs(float64(q.Backlog.Final-want)) > 0.05*float64(want) {
				t.Errorf("%s: backlog %d at the end, want ≈ %d (100/s for 20 s)", tc.kind, q.Backlog.Final, want)
			}
			if q.Lag.OldestAge < 5 {
				t.Errorf("%s: oldest message %.1fs old, want the lag to grow", tc.kind, q.Lag.OldestAge)
			}
		} else if q.Backlog.Final > 5 || q.Lag.Mean > 0.01 {
			t.Errorf("%s: backlog %d, lag %.3fs; want the competing consumers to keep up", tc.kind, q.Backlog.Final, q.Lag.Mean)
		}
		// published = consumed + waiting + in progress (one per consumer at most)
		if d := q.Published - q.Consumed - q.Backlog.Final; d < 0 || d > int64(q.ActiveConsumers) {
			t.Errorf("%s: published %d, consumed %d, waiting %d", tc.kind, q.Published, q.Consumed, q.Backlog.Final)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// A slow dependency exhausts the workers of a thread-model caller (every
// request holds one across the call), not those of an async one.
func TestThreadVersusAsync(t *testing.T) {
	for _, model := range []string{lang.ModelThread, lang.ModelAsync} {
		sp := newSpec()
		g := addService(sp, "gateway", 1, 4, 10, pd(t, "const(1ms)"), ep("get", seq(call("slow"))))
		g.Capacity.Model = model
		addService(sp, "slow", 1, 1000, 0, pd(t, "const(100ms)"))
		ld := addLoad(sp, "l", "gateway", 100, 20*time.Second, 2*time.Second)
		ld.Arrival = lang.ArrivalConstant
		res := mustRun(t, sp, Options{Seed: 1})
		m := res.Services["gateway"]
		t.Logf("%s: throughput %.1f/s, rejections %d, p50 %.3fs, utilisation %.2f", model, m.Throughput, m.Rejections, m.Latency.P50, m.Utilization)
		switch model {
		case lang.ModelThread: // 4 workers × 1/0.101 s ≈ 39.6/s, the rest rejected
			if math.Abs(m.Throughput-4/0.101) > 1 || m.Rejections == 0 || m.Utilization < 0.99 {
				t.Errorf("thread model: throughput %.1f/s (want ≈ 39.6), %d rejections, utilisation %.2f", m.Throughput, m.Rejections, m.Utilization)
			}
		case lang.ModelAsync: // the worker is held 1 ms per request
			if math.Abs(m.Throughput-100) > 1 || m.Rejections != 0 || math.Abs(m.Utilization-0.025) > 0.005 {
				t.Errorf("async model: throughput %.1f/s (want 100), %d rejections, utilisation %.3f (want 0.025)", m.Throughput, m.Rejections, m.Utilization)
			}
		}
	}
}

// cpus = 0.5: one core at half speed; 40/s × 10 ms of work = 0.8 of it.
func TestFractionalCPUs(t *testing.T) {
	sp := newSpec()
	s := addService(sp, "s", 1, 8, 1000, pd(t, "const(10ms)"))
	s.Resources.CPUs = 0.5
	addLoad(sp, "l", "s", 40, 200*time.Second, 10*time.Second)
	res := mustRun(t, sp, Options{Seed: 1})
	m := res.Services["s"]
	// M/D/1 with S = 20 ms at ρ = 0.8: W = S + ρS/(2(1−ρ)) = 60 ms.
	t.Logf("cpu utilisation %.3f, mean %.4fs", m.CPUUtilization, m.Latency.Mean)
	if math.Abs(m.CPUUtilization-0.8) > 0.02 {
		t.Errorf("cpu utilisation %.3f, want 0.8", m.CPUUtilization)
	}
	if math.Abs(m.Latency.Mean-0.060) > 0.006 {
		t.Errorf("mean latency %.4fs, want ≈ 0.060 (M/D/1 at half speed)", m.Latency.Mean)
	}
}

// A partition loses the calls between two services for its duration: each
// attempt runs into its timeout; afterwards calls flow again.
func TestPartition(t *testing.T) {
	sp := newSpec()
	addService(sp, "a", 1, 1000, 0, lang.Dist{}, ep("get", seq(call("b"))))
	addService(sp, "b", 1, 64, 64, pd(t, "const(1ms)"))
	sp.Links[lang.LinkKey{From: "a", To: "b"}] = &lang.Link{From: "a", To: "b", Timeout: 200 * time.Millisecond, LoadBalancing: lang.LBRoundRobin}
	ld := addLoad(sp, "l", "a", 100, 20*time.Second, 0)
	ld.Arrival = lang.ArrivalConstant
	scenario(sp, &lang.Fault{Kind: lang.FaultPartition, Service: "a", Peer: "b", At: 5 * time.Second, Duration: 5 * time.Second})
	sp.Scenarios["f"].Load = "l"
	res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
	during, after := errorsIn(res.Report, 5.3, 10), errorsIn(res.Report, 11, 20)
	if during < 4*100*0.95 || after != 0 {
		t.Errorf("errors/s summed during the partition %.0f (want every call), after it %.0f (want 0)", during, after)
	}
	if l := res.Links[0]; l.Timeouts < 490 || l.Timeouts > 510 {
		t.Errorf("%d timeouts, want 500 (100/s for 5 s)", l.Timeouts)
	}
}

// A call's probability thins its traffic; a fallback turns failures into
// degraded successes.
func TestProbabilityAndFallback(t *testing.T) {
	sp := newSpec()
	c := call("db")
	c.Call.Probability = 0.2
	f := call("dead")
	f.Call.Fallback = lang.FallbackDefault
	addService(sp, "api", 1, 1000, 0, lang.Dist{}, ep("get", seq(c, f)))
	addService(sp, "db", 1, 64, 64, pd(t, "const(1ms)"))
	dead := addService(sp, "dead", 1, 64, 64, pd(t, "const(1ms)"))
	dead.Restart.Condition = "none"
	addLoad(sp, "l", "api", 500, 20*time.Second, 0)
	scenario(sp, &lang.Fault{Kind: lang.FaultKill, Service: "dead", At: 0})
	res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
	api, db := res.Services["api"], res.Services["db"]
	if r := float64(db.Arrivals) / float64(api.Arrivals); math.Abs(r-0.2) > 0.01 {
		t.Errorf("db sees %.3f of the api's requests, want 0.2", r)
	}
	if api.ErrorRate != 0 || api.DegradedRate != 1 {
		t.Errorf("api error rate %.3f (want 0), degraded %.3f (want 1: every answer used the fallback)", api.ErrorRate, api.DegradedRate)
	}
}

// A fallback deep in the call tree degrades every answer above it, as the
// emulator marks it: the entry sees the degradation, not only the service
// whose call fell back.
func TestDegradedPropagatesUpstream(t *testing.T) {
	sp := newSpec()
	f := call("dead")
	f.Call.Fallback = lang.FallbackSkip
	addService(sp, "front", 1, 1000, 0, lang.Dist{}, ep("get", seq(call("mid"))))
	addService(sp, "mid", 1, 1000, 0, lang.Dist{}, ep("get", seq(f)))
	dead := addService(sp, "dead", 1, 64, 64, pd(t, "const(1ms)"))
	dead.Restart.Condition = "none"
	addLoad(sp, "l", "front", 200, 10*time.Second, 0)
	scenario(sp, &lang.Fault{Kind: lang.FaultKill, Service: "dead", At: 0})
	res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
	for _, name := range []string{"front", "mid"} {
		m := res.Services[name]
		if m.ErrorRate != 0 || m.DegradedRate != 1 {
			t.Errorf("%s: error rate %.3f (want 0), degraded %.3f (want 1)", name, m.ErrorRate, m.DegradedRate)
		}
	}
	if res.Entry.DegradedRate != 1 {
		t.Errorf("entry degraded rate %.3f, want 1", res.Entry.DegradedRate)
	}
}
