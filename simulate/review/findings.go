package review

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/whatif"
)

// Severity of a finding.
type Severity string

// Severities. A warning is a risk to fix or accept knowingly; a notice is
// worth a look (a risk that another policy contains, or a heuristic).
const (
	SeverityWarning Severity = "warning"
	SeverityNotice  Severity = "notice"
)

// Finding kinds.
const (
	// A link's per-attempt timeout is below the callee's simulated p99 at
	// peak: the caller gives up on calls that would have succeeded, and
	// the callee keeps working on them (wasted work).
	KindTimeoutBelowP99 = "timeout-below-p99"
	// Retries can push the callee past capacity: ρ·(1+R) > 1 at the
	// declared peak, where ρ is the callee's utilisation and R the
	// retries per call. Once attempts time out, every call becomes 1+R
	// attempts, and the extra load keeps the callee too slow to recover
	// (a metastable retry storm). A retry budget contains it when
	// ρ·(1+R_budget) ≤ 1; the finding is then a notice.
	KindRetryAmplification = "retry-amplification"
	// A synchronous call chain deeper than the limit (default 4 calls).
	KindDeepChain = "deep-sync-chain"
	// A single-replica service on a critical synchronous path: a call
	// path from a load's entry on which no call has a fallback, so the
	// loss of its one replica fails requests.
	KindSingleReplica = "single-replica"
	// A call whose link has no timeout: a hung callee holds the caller's
	// workers forever.
	KindNoTimeout = "no-timeout"
	// A non-critical call without a fallback. A call is non-critical when
	// it is a branch of its own in a parallel block: nothing later in
	// the endpoint waits for it, which is the shape of an enrichment (the
	// seed's user profile beside the order list). Without a fallback its
	// failure fails the whole request. A heuristic, so a notice.
	KindNoFallback = "non-critical-without-fallback"
	// A retry policy with more than one attempt and no budget.
	KindRetryNoBudget = "retry-without-budget"
	// A queue whose consumers cannot keep up with its publishers at peak:
	// the offered message rate is at least what the consumers that can
	// take messages (kafka: at most one per partition) can process, or
	// the simulated backlog keeps growing.
	KindQueueBacklog = "queue-cannot-keep-up"
)

// Finding is one risk on the NEW side.
type Finding struct {
	Kind     string   `json:"kind"`
	Severity Severity `json:"severity"`
	// Subject is the address of what the finding is about
	// ("link.gateway->orders"); with Kind it identifies the finding
	// across the two sides.
	Subject string `json:"subject"`
	Message string `json:"message"`
	// Pos is "file:line" of the attribute or block to change.
	Pos   string     `json:"pos,omitempty"`
	Range *hcl.Range `json:"range,omitempty"`
	// Score is the finding's magnitude (ρ·(1+R), p99 / timeout, the
	// chain's depth, ...; 1 for yes/no findings); higher is worse.
	Score float64 `json:"score"`
	// New is true when the OLD side does not have this finding; Worse
	// when it has it with a lower score or severity.
	New   bool `json:"new"`
	Worse bool `json:"worse,omitempty"`
}

// FindingOptions tune the findings.
type FindingOptions struct {
	// MaxDepth is the deepest synchronous call chain accepted (calls);
	// default 4.
	MaxDepth int
}

// checker holds what the checks of one side read.
type checker struct {
	spec *lang.Spec
	src  *sources
	// peak is the load with the highest mean rate, rate its rates (the
	// peak of a bursty load is during its bursts; a closed load's is its
	// throughput), offered its analytic load at its peak rate, and report
	// its simulated run (nil when the side was not simulated).
	peak    *lang.Load
	rate    loadRate
	offered *whatif.Offered
	report  *simulate.Report
	opts    FindingOptions
	out     []Finding
}

// Findings returns the risks of spec, sorted by position. report is the
// simulated run of spec's peak load (PeakLoad) without faults, or nil.
func Findings(spec *lang.Spec, files map[string]*hcl.File, report *simulate.Report, opts FindingOptions) []Finding {
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = 4
	}
	c := &checker{spec: spec, src: newSources(files), report: report, opts: opts}
	if c.peak = PeakLoad(spec); c.peak != nil {
		c.rate = rateOf(spec, c.peak, report)
		c.offered = whatif.OfferedLoad(spec, c.peak, c.rate.peak)
	}
	c.linkFindings()
	c.pathFindings()
	c.queueFindings()
	sort.SliceStable(c.out, func(i, j int) bool {
		a, b := c.out[i], c.out[j]
		if a.Severity != b.Severity {
			return a.Severity == SeverityWarning
		}
		if a.Pos != b.Pos {
			return a.Pos < b.Pos
		}
		return a.Kind < b.Kind
	})
	return c.out
}

// PeakLoad returns the load whose mean rate over its measured window is
// highest (the first by name on a tie), or nil when the spec declares
// none; a closed load's rate is the upper bound of its throughput
// (rateOf). Its simulation is the one the findings read; "at the declared
// peak" means at that load's peak rate. A ramp that only touches a higher
// rate at its very end does not win over a constant load that holds a
// high rate throughout.
func PeakLoad(spec *lang.Spec) *lang.Load {
	var best *lang.Load
	bestRate := 0.0
	for _, l := range spec.SortedLoads() {
		if r := rateOf(spec, l, nil).mean; best == nil || r > bestRate {
			best, bestRate = l, r
		}
	}
	return best
}

// add records a finding at rng.
func (c *checker) add(kind string, sev Severity, subject string, rng hcl.Range, score float64, msg string) {
	f := Finding{Kind: kind, Severity: sev, Subject: subject, Message: msg, Pos: pos(rng), Score: score}
	if rng.Filename != "" {
		r := rng
		f.Range = &r
	}
	c.out = append(c.out, f)
}

// rho returns the utilisation of svc at peak: the simulated one (the
// larger of workers and cores) when the side was simulated, else the
// analytic estimate. src says which. A simulated run of a load whose rate
// varies measures the mean utilisation; it is scaled by the peak rate
// over the mean rate.
//
// A simulated peak that failed requests (lostShare of them or more)
// measured only the traffic that got through: a service behind the
// failing one sees less than the peak offers it. Its analytic ρ, when
// higher, is the one the peak puts on it, so that a change that makes an
// upstream service fail does not read as resolving a risk downstream.
func (c *checker) rho(svc string) (rho float64, src string) {
	if c.report != nil {
		if m := c.report.Services[svc]; m != nil {
			rho, src = c.simulatedRho(m)
			if e := c.report.Entry; e != nil && e.ErrorRate >= lostShare && c.offered != nil && c.offered.Rho(svc) > rho {
				return c.offered.Rho(svc), fmt.Sprintf("analytic: the simulated peak failed %s of its requests, so the %.2f it measured is what reached %s", percent(e.ErrorRate), rho, svc)
			}
			return rho, src
		}
	}
	if c.offered != nil {
		return c.offered.Rho(svc), "analytic"
	}
	return 0, ""
}

// lostShare is the share of failed requests above which a simulated
// peak's utilisations undercount the peak (rho).
const lostShare = 0.01

// simulatedRho is the utilisation of a service measured by the simulated
// peak, scaled from the mean rate to the peak rate when the load's rate
// varies (a ramp, steps, the bursts of a bursty load).
func (c *checker) simulatedRho(m *simulate.Metrics) (float64, string) {
	scale := 1.0
	if c.rate.mean > 0 {
		scale = c.rate.peak / c.rate.mean
	}
	if scale > 1.0001 {
		return scale * max(m.Utilization, m.CPUUtilization), "simulated, scaled from the mean rate to the peak"
	}
	return max(m.Utilization, m.CPUUtilization), "simulated"
}

// markNew sets New on every finding of new that old does not have, and
// Worse on those old has with a lower severity or a lower score. A
// finding of old about a block renamed (renames: its address on OLD →
// on NEW) is the same as NEW's about the new name.
func markNew(old, new []Finding, renames map[string]string) {
	seen := map[[2]string]Finding{}
	for _, f := range old {
		seen[findingKey(f, renames)] = f
	}
	for i := range new {
		o, ok := seen[[2]string{new[i].Kind, new[i].Subject}]
		new[i].New = !ok
		new[i].Worse = ok && ((o.Severity == SeverityNotice && new[i].Severity == SeverityWarning) ||
			new[i].Score > o.Score*1.01)
	}
}

// findingKey identifies a finding across the sides: its kind and its
// subject, as NEW names it when renames has it.
func findingKey(f Finding, renames map[string]string) [2]string {
	if to, ok := renames[f.Subject]; ok {
		return [2]string{f.Kind, to}
	}
	return [2]string{f.Kind, f.Subject}
}
