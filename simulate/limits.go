package simulate

import (
	"sort"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// Bounds of one simulated run. Beyond them a run would take hours, or
// more memory than the machine has, before it printed anything; such a
// spec almost always holds a slip (a rate per hour written per second, a
// duration in hours instead of seconds, a digit too many), so it is an
// error that says so rather than a command that never returns.
const (
	// MaxReplicas bounds the replicas of all services together.
	MaxReplicas = 200_000
	// MaxConsumers bounds the queue consumers of all replicas together
	// (replicas × concurrency), and MaxPartitions the partitions of all
	// queues, each held once per consuming service.
	MaxConsumers  = 1_000_000
	MaxPartitions = 1_000_000
	// MaxArrivals bounds the requests a run's load is expected to send
	// (the simulator handles about a million per second).
	MaxArrivals = 1e9
	// MaxJobs bounds the requests at every service together, the calls
	// and consumed messages of the load's requests included (fanout.go):
	// a few minutes of work.
	MaxJobs = 2e9
	// MaxPhases bounds the on and off phases of a bursty load in one run:
	// the load steps through each (about 30 ns a phase).
	MaxPhases = 1e8
)

// checkSize reports a run of load ld lasting end that is too large to
// simulate.
func checkSize(spec *lang.Spec, ld *lang.Load, end time.Duration) hcl.Diagnostics {
	diags := checkReplicas(spec)
	n, what := ld.Profile.Cumulative(end), "the rate"
	if ld.Closed() { // at most one request a user per think time
		n, what = float64(ld.Users)*end.Seconds()/ld.ThinkTime.Mean(), "the users, the think time"
	}
	if n > MaxArrivals {
		diags = append(diags, errorAt(ld.DeclRange, "Load too large to simulate",
			"Load %q would send about %.3g requests in %s; berth simulates at most %.0e in one run, which takes minutes already. Check %s and the duration (--duration overrides it).",
			ld.Name, n, end, float64(MaxArrivals), what))
		return diags
	}
	if ld.Arrival == lang.ArrivalBursty && ld.BurstOn > 0 && ld.BurstOff > 0 {
		if phases := 2 * float64(end) / float64(ld.BurstOn+ld.BurstOff); phases > MaxPhases {
			diags = append(diags, errorAt(ld.DeclRange, "Burst phases too short to simulate",
				"Load %q alternates %s on and %s off: %.3g phases in %s, where berth simulates at most %.0e in one run (the load steps through each). A real load's bursts last milliseconds or more: lengthen burst.on and burst.off.",
				ld.Name, ld.BurstOn, ld.BurstOff, phases, end, float64(MaxPhases)))
			return diags
		}
	}
	if per := newFanout(spec).perRequest(ld); n*per > MaxJobs {
		diags = append(diags, errorAt(ld.DeclRange, "Load too large to simulate",
			"Load %q would send about %.3g requests in %s, and each makes about %.3g requests below it (calls, their calls, consumed messages): about %.3g in all, where berth simulates at most %.0e in one run, which takes minutes already. Check the fan-out of the endpoints (a parallel block of a dynamic call over many shards, calling another), the rate and the duration (--duration overrides it).",
			ld.Name, n, end, per-1, n*per, float64(MaxJobs)))
	}
	return diags
}

func checkReplicas(spec *lang.Spec) hcl.Diagnostics {
	var diags hcl.Diagnostics
	replicas, consumers := 0, 0
	subs := map[string]int{} // consuming services by queue
	for _, name := range sortedKeys(spec.Services) {
		svc := spec.Services[name]
		replicas += max(svc.Replicas, 0)
		for _, c := range svc.Consumes {
			consumers += max(svc.Replicas, 0) * max(c.Concurrency, 1)
			subs[c.Queue]++
		}
		if replicas > MaxReplicas {
			return append(diags, errorAt(svc.DeclRange, "Too many replicas to simulate",
				"The services have more than %d replicas in all (%q alone %d), the most berth simulates. Check the replicas, and the variables that set them.",
				MaxReplicas, name, svc.Replicas))
		}
		if consumers > MaxConsumers {
			return append(diags, errorAt(svc.DeclRange, "Too many consumers to simulate",
				"The services' replicas run more than %d queue consumers in all (replicas × concurrency), the most berth simulates. Check the concurrency of %q's consume blocks and its replicas.",
				MaxConsumers, name))
		}
	}
	partitions := 0
	for _, q := range sortedQueues(spec) {
		partitions += max(q.Partitions, 1) * max(subs[q.Name], 1)
		if partitions > MaxPartitions {
			return append(diags, errorAt(q.DeclRange, "Too many partitions to simulate",
				"The queues have more than %d partitions in all (each counted once per consuming service), the most berth simulates; queue %q has %d. Check its partitions.",
				MaxPartitions, q.Name, q.Partitions))
		}
	}
	return diags
}

func sortedQueues(spec *lang.Spec) []*lang.Queue {
	out := make([]*lang.Queue, 0, len(spec.Queues))
	for _, q := range spec.Queues {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
