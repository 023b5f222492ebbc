package lang

import (
	"slices"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// LateFaults returns the faults of sc that start at or after end, the
// length of a run: they never fire in it.
func (sc *Scenario) LateFaults(end time.Duration) []*Fault {
	var out []*Fault
	for _, f := range sc.Faults {
		if f.At >= end {
			out = append(out, f)
		}
	}
	return out
}

// NeverFires is the warning about a fault that starts at or after end;
// why says where end comes from (`the duration of load "peak"`,
// "--duration").
func (f *Fault) NeverFires(end time.Duration, why string) *hcl.Diagnostic {
	rng := f.AtRange
	if rng.Filename == "" {
		rng = f.DeclRange
	}
	return warningAt(rng, "Fault after the end of the run",
		"This %s fault starts at %s, but the run ends at %s (%s), so it never fires. Set at below %s, or make the run longer.",
		f.Kind, f.At, end, why, end)
}

// checkLateFaults warns about the faults of sc that its load ends before.
func (st *loadState) checkLateFaults(sc *Scenario) {
	ld := st.spec.Loads[sc.Load]
	if ld == nil || ld.Duration <= 0 {
		return
	}
	for _, f := range sc.LateFaults(ld.Duration) {
		st.add(f.NeverFires(ld.Duration, "the duration of load "+`"`+ld.Name+`"`))
	}
}

// checkFaultReplicas warns about a fault that names more replicas than its
// service has: it hits every replica, which the spec may not mean; and
// about one on a service with no replica at all, which hits nothing.
func (st *loadState) checkFaultReplicas() {
	for _, name := range keysOf(st.spec.Scenarios) {
		for _, f := range st.spec.Scenarios[name].Faults {
			svc := st.spec.Services[f.Service]
			if svc == nil || !slices.Contains(faultArgs[f.Kind], "replicas") {
				continue
			}
			if svc.Replicas == 0 {
				st.add(warningAt(f.DeclRange, "Fault on a service without replicas",
					"Service %q has replicas = 0, so this %s fault finds no replica to hit and changes nothing (calls to the service are refused anyway). Remove the fault, or give the service replicas.",
					svc.Name, f.Kind))
				continue
			}
			if f.ReplicasRange.Filename == "" || f.Replicas <= svc.Replicas {
				continue
			}
			st.add(warningAt(f.ReplicasRange, "More replicas than the service has",
				"This %s fault hits %d replicas, but service %q has %s, so it hits every one of them. Set replicas to %d or less, or raise the service's replicas.",
				f.Kind, f.Replicas, svc.Name, plural(svc.Replicas, "replica"), svc.Replicas))
		}
	}
}

// killDuration warns that a kill fault ignores its duration.
func killDuration(rng hcl.Range) *hcl.Diagnostic {
	return warningAt(rng, "Duration of a kill fault",
		`A kill has no duration: the killed replicas stay down until the service's restart policy brings them back (after restart.delay; never with condition = "none"), so this duration is ignored. Remove it; for a fault that ends after a time, use fault "hang" or fault "slow" with a duration.`)
}

// decodeFaultProbability reads the probability of an error fault (default
// 1), and refuses one on any other kind, where it would be ignored.
func (st *loadState) decodeFaultProbability(a attrs, f *Fault) {
	if f.Kind != FaultError {
		if a.has("probability") {
			st.add(errorAt(a.rng("probability"), "Unsupported argument",
				`Only an error fault has a probability (the share of requests it fails). For a call that is made only some of the time, set probability on the call block.`))
		}
		return
	}
	f.Probability = 1
	a.number("probability", &f.Probability)
	a.need(f.Probability > 0 && f.Probability <= 1, "probability", f.DeclRange,
		"probability must be above 0 and at most 1, not %g: it is the share of the service's requests that the fault answers with an error.", f.Probability)
}
