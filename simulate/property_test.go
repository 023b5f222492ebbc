package simulate

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/berth-dev/berth/lang"
)

// genSpec draws a small random system: services in a DAG (service i calls
// only services after it), random flows, policies, capacity, queues,
// faults and load.
func genSpec(t *rapid.T) *lang.Spec {
	sp := newSpec()
	sp.Backend = rapid.SampledFrom([]string{lang.BackendCompose, lang.BackendSwarm}).Draw(t, "backend")
	sp.Nodes = rapid.IntRange(1, 3).Draw(t, "nodes")
	n := rapid.IntRange(1, 4).Draw(t, "services")
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("s%d", i)
	}
	hasQueue := rapid.Bool().Draw(t, "queue")
	if hasQueue {
		sp.Queues["q"] = &lang.Queue{Name: "q", Kind: rapid.SampledFrom([]string{lang.QueueKafka, lang.QueueRabbitMQ}).Draw(t, "qkind"),
			Partitions: rapid.IntRange(1, 4).Draw(t, "parts"), Capacity: rapid.IntRange(0, 50).Draw(t, "qcap")}
	}
	works := []string{"", "const(2ms)", "exp(3ms)", "lognormal(2ms, 20ms)", "gamma(4ms, 2)", "uniform(1ms, 5ms)"}
	for i, name := range names {
		consumes := hasQueue && i > 0 && rapid.Bool().Draw(t, "consume")
		var flow *lang.Step
		if i+1 < n {
			// a consumer that publishes could feed itself without end
			flow = genFlow(t, names[i+1:], hasQueue && !consumes, 2)
		}
		s := addService(sp, name, rapid.IntRange(1, 3).Draw(t, "replicas"), rapid.IntRange(1, 8).Draw(t, "workers"),
			rapid.IntRange(0, 20).Draw(t, "queue"), lang.Dist{}, ep("e", flow))
		if w := rapid.SampledFrom(works).Draw(t, "work"); w != "" {
			d, _ := lang.ParseDist(w)
			s.Capacity.ServiceTime = d
		}
		s.Capacity.Model = rapid.SampledFrom([]string{lang.ModelThread, lang.ModelAsync}).Draw(t, "model")
		s.Resources.CPUs = rapid.SampledFrom([]float64{0, 0.5, 1, 1.5, 2}).Draw(t, "cpus")
		if rapid.Bool().Draw(t, "health") {
			s.Health = &lang.Health{HTTP: "/h", Interval: time.Second, Timeout: 500 * time.Millisecond, Retries: 2}
		}
		s.Restart.Delay = time.Duration(rapid.IntRange(0, 3).Draw(t, "restart")) * time.Second
		if consumes {
			s.Consumes = []*lang.Consume{{Queue: "q", Concurrency: rapid.IntRange(1, 3).Draw(t, "conc")}}
		}
		for _, callee := range names[i+1:] {
			if rapid.Bool().Draw(t, "link") {
				sp.Links[lang.LinkKey{From: name, To: callee}] = genLink(t, name, callee)
			}
		}
	}
	dur := time.Duration(rapid.IntRange(2, 8).Draw(t, "dur")) * time.Second
	ld := addLoad(sp, "l", "s0", float64(rapid.IntRange(10, 400).Draw(t, "rate")), dur,
		time.Duration(rapid.IntRange(0, 1000).Draw(t, "warm"))*time.Millisecond)
	ld.Arrival = rapid.SampledFrom([]string{lang.ArrivalPoisson, lang.ArrivalConstant, lang.ArrivalBursty}).Draw(t, "arrival")
	ld.BurstOn, ld.BurstOff = 300*time.Millisecond, 700*time.Millisecond
	if rapid.Bool().Draw(t, "steps") {
		ld.Profile = lang.RateProfile{Kind: lang.ProfileSteps, Rate: ld.Profile.Rate, Steps: []lang.RateStep{{At: dur / 2, Rate: 2 * ld.Profile.Rate}}}
	} else if rapid.Bool().Draw(t, "ramp") {
		ld.Profile = lang.RateProfile{Kind: lang.ProfileRamp, From: 1, To: ld.Profile.Rate, Over: dur / 2}
	}
	sc := &lang.Scenario{Name: "f", Load: "l"}
	for range rapid.IntRange(0, 3).Draw(t, "faults") {
		sc.Faults = append(sc.Faults, genFault(t, names, dur, sp.Nodes))
	}
	sp.Scenarios["f"] = sc
	return sp
}

func genFlow(t *rapid.T, callees []string, queue bool, depth int) *lang.Step {
	k := rapid.IntRange(0, 3).Draw(t, "step")
	switch {
	case k == 0 && depth > 0:
		return seq(genFlow(t, callees, queue, depth-1), genFlow(t, callees, queue, depth-1))
	case k == 1 && depth > 0:
		return par(genFlow(t, callees, queue, depth-1), genFlow(t, callees, queue, depth-1))
	case k == 2 && queue:
		// probability < 1: a consumer may republish without looping forever
		return &lang.Step{Kind: lang.StepPublish, Publish: &lang.Publish{Queue: "q", Probability: 0.5}}
	}
	c := call(rapid.SampledFrom(callees).Draw(t, "callee"))
	c.Call.Probability = rapid.SampledFrom([]float64{1, 0.5}).Draw(t, "prob")
	c.Call.Fallback = rapid.SampledFrom([]string{"", lang.FallbackDefault}).Draw(t, "fallback")
	return seq(c)
}

func genLink(t *rapid.T, from, to string) *lang.Link {
	l := &lang.Link{From: from, To: to, LoadBalancing: rapid.SampledFrom([]string{lang.LBRoundRobin, lang.LBRandom, lang.LBLeastRequest, lang.LBP2C}).Draw(t, "lb")}
	l.Timeout = time.Duration(rapid.IntRange(0, 50).Draw(t, "timeout")) * time.Millisecond
	if rapid.Bool().Draw(t, "latency") {
		l.Latency, _ = lang.ParseDist("exp(1ms)")
	}
	if rapid.Bool().Draw(t, "retry") {
		l.Retry = &lang.Retry{Attempts: rapid.IntRange(1, 4).Draw(t, "attempts"), Base: 5 * time.Millisecond,
			Jitter: rapid.SampledFrom([]string{lang.JitterNone, lang.JitterFull, lang.JitterEqual, lang.JitterDecorrelated}).Draw(t, "jitter"),
			Budget: rapid.SampledFrom([]float64{0, 0.2}).Draw(t, "budget")}
	}
	if rapid.Bool().Draw(t, "breaker") {
		l.CircuitBreaker = &lang.CircuitBreaker{Window: time.Second, MinCalls: 5, FailureRate: 0.5, OpenFor: 500 * time.Millisecond, HalfOpenCalls: 2,
			WindowCalls: rapid.SampledFrom([]int{0, 10}).Draw(t, "wcalls")}
	}
	if rapid.Bool().Draw(t, "bulkhead") {
		l.Bulkhead = &lang.Bulkhead{MaxConcurrent: rapid.IntRange(1, 5).Draw(t, "bmax"),
			MaxWait: time.Duration(rapid.IntRange(0, 20).Draw(t, "bwait")) * time.Millisecond}
	}
	return l
}

func genFault(t *rapid.T, names []string, dur time.Duration, nodes int) *lang.Fault {
	at := time.Duration(rapid.Int64Range(0, int64(dur)).Draw(t, "at"))
	f := &lang.Fault{Kind: rapid.SampledFrom([]string{lang.FaultKill, lang.FaultHang, lang.FaultSlow, lang.FaultNodeDown, lang.FaultPartition}).Draw(t, "kind"),
		Service: rapid.SampledFrom(names).Draw(t, "target"), Replicas: rapid.IntRange(1, 2).Draw(t, "n"), At: at,
		Duration: time.Duration(rapid.IntRange(0, 3).Draw(t, "fdur")) * time.Second, Node: rapid.IntRange(1, nodes).Draw(t, "node")}
	f.Peer = rapid.SampledFrom(names).Draw(t, "peer")
	f.Delay, _ = lang.ParseDist("const(20ms)")
	return f
}

// checkConservation: every request that arrived was answered, failed or
// is still in flight; nothing is negative or out of range.
func checkReport(t *rapid.T, r *Report) {
	all := map[string]*Metrics{"entry": r.Entry}
	for name, m := range r.Services {
		all[name] = m
		for e, em := range m.Endpoints {
			all[name+"/"+e] = em
		}
	}
	for name, m := range all {
		if m.Arrivals != m.Completed+m.Failed+m.InFlight {
			t.Fatalf("%s: arrivals %d ≠ completed %d + failed %d + in flight %d", name, m.Arrivals, m.Completed, m.Failed, m.InFlight)
		}
		if m.InFlight < 0 || m.Completed < 0 || m.Failed < 0 {
			t.Fatalf("%s: negative count %+v", name, m)
		}
		l := m.Latency
		for _, v := range []float64{l.Mean, l.P50, l.P90, l.P99, l.P999, l.Max} {
			if v < 0 {
				t.Fatalf("%s: negative latency %+v", name, l)
			}
		}
		if !(l.P50 <= l.P90 && l.P90 <= l.P99 && l.P99 <= l.P999 && l.P999 <= l.Max+1e-12) {
			t.Fatalf("%s: percentiles out of order %+v", name, l)
		}
		for _, f := range []float64{m.ErrorRate, m.DegradedRate, m.Utilization, m.CPUUtilization} {
			if f < 0 || f > 1+1e-9 {
				t.Fatalf("%s: rate out of [0,1]: %+v", name, m)
			}
		}
		for _, p := range m.Series {
			if p.Time <= 0 || p.Time > r.Duration+1e-9 || p.P50 < 0 || p.Utilization < 0 || p.Utilization > 1+1e-9 {
				t.Fatalf("%s: bad point %+v", name, p)
			}
		}
	}
	for _, e := range r.Events {
		if e.Time < 0 || e.Time > r.Duration {
			t.Fatalf("event outside the run: %+v", e)
		}
	}
	for name, q := range r.Queues {
		if q.Backlog.Final < 0 || q.Lag.Mean < 0 || q.Lag.OldestAge < 0 {
			t.Fatalf("queue %s: %+v", name, q)
		}
	}
}

func TestProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sp := genSpec(t)
		seed := rapid.Uint64().Draw(t, "seed")
		opts := Options{Seed: seed, Scenario: "f"}
		a, diags := Run(sp, opts)
		if diags.HasErrors() {
			t.Fatalf("diagnostics: %v", diags)
		}
		checkReport(t, a.Report)
		b, _ := Run(sp, opts)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Fatalf("same seed, different reports")
		}
	})
}

// TestPolicyBookkeeping: at the end of a run, the policy state of every
// live replica matches the calls its jobs hold: bulkhead slots, the
// budget's active attempts and retries in flight. A leak here would make
// a long run drift (a bulkhead that slowly closes, a budget that never
// allows a retry again).
func TestPolicyBookkeeping(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sp := genSpec(t)
		s, diags := newSim(sp, Case{Load: "l", Scenario: "f"}, rapid.Uint64().Draw(t, "seed"), Options{})
		if diags.HasErrors() {
			t.Fatalf("diagnostics: %v", diags)
		}
		s.run()
		for _, r := range s.replicas {
			if r.state == repDown {
				continue
			}
			type count struct{ bulk, active, retries int }
			got := make([]count, len(r.links))
			for j := r.jobs; j != nil; j = j.next {
				for n := range j.nodes {
					fn, st := &j.ep.nodes[n], &j.nodes[n]
					if fn.kind != nodeCall || fn.link == nil {
						continue
					}
					c := &got[fn.link.idx]
					if st.bulk {
						c.bulk++
					}
					if st.active {
						c.active++
					}
					if st.isRetry {
						c.retries++
					}
				}
			}
			for k, ls := range r.links {
				bad := ls.bulkhead != nil && ls.bulkhead.InUse() != got[k].bulk ||
					ls.budget != nil && (ls.budget.Active() != got[k].active || ls.budget.Retries() != got[k].retries)
				if bad {
					t.Fatalf("%s.%d link %d: bulkhead %d/%d, active %d/%d, retries %d/%d (policy/jobs)", r.svc.name, r.idx, k,
						ls.bulkhead.InUse(), got[k].bulk, ls.budget.Active(), got[k].active, ls.budget.Retries(), got[k].retries)
				}
			}
		}
	})
}
