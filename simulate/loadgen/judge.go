package loadgen

import (
	"fmt"
	"sort"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// Judgement is a measurement with the expectations checked on it, as
// `berth loadtest` reports it (text and JSON).
type Judgement struct {
	*Result
	// Verdicts are the expectations checked, by the simulator's rules.
	Verdicts []simulate.Verdict `json:"verdicts"`
	// NotChecked says why each slo on another service than the entry was
	// not checked: latency is measured at the entry only.
	NotChecked []string `json:"not_checked,omitempty"`
	// Pass: every verdict held, on a measurement that was not
	// interrupted.
	Pass bool `json:"pass"`
}

// Judge checks on res, by the simulator's rules, the expect blocks of
// cases and the slos on the load's entry service. Slos on other services
// are not checked (no latency is measured there) and listed in
// NotChecked. A verdict that several cases share (an slo) is kept once.
func Judge(spec *lang.Spec, ld *lang.Load, cases []simulate.Case, res *Result) *Judgement {
	entry := ld.Entry.Service
	j := &Judgement{Result: res, Verdicts: []simulate.Verdict{}}
	sp := *spec // a shallow copy with fewer slos; nothing is changed
	sp.SLOs = map[string]*lang.SLO{}
	sent := sentEndpoints(spec, ld)
	for name, slo := range spec.SLOs {
		switch {
		case slo.Service != "" && slo.Service != entry:
			j.NotChecked = append(j.NotChecked, fmt.Sprintf("slo %s (service %s: loadtest measures the entry, %s)", name, slo.Service, entry))
		case slo.Endpoint != "" && !sent[slo.Endpoint]:
			j.NotChecked = append(j.NotChecked, fmt.Sprintf("slo %s (endpoint %s/%s: load %s sends it no request)", name, entry, slo.Endpoint, ld.Name))
		default:
			sp.SLOs[name] = slo
		}
	}
	sort.Strings(j.NotChecked)
	report := &simulate.Report{Entry: res.Entry, Services: map[string]*simulate.Metrics{entry: res.Entry}}
	seen := map[string]bool{}
	for _, c := range cases {
		simulate.CheckVerdicts(&sp, c, report)
		for _, v := range report.Verdicts {
			if k := v.Source + "\x00" + v.Target + "\x00" + v.Metric; !seen[k] {
				seen[k] = true
				j.Verdicts = append(j.Verdicts, v)
			}
		}
	}
	// An interrupted test passes nothing: what was not measured may fail.
	j.Pass = j.Failed() == 0 && !res.Interrupted
	return j
}

// Failed counts the verdicts that failed.
func (j *Judgement) Failed() int {
	n := 0
	for _, v := range j.Verdicts {
		if !v.Pass {
			n++
		}
	}
	return n
}

// sentEndpoints are the names of the entry's endpoints that the load
// requests: an slo on another endpoint of the entry has no measurement
// (the entry's metrics are those of the endpoints sent).
func sentEndpoints(spec *lang.Spec, ld *lang.Load) map[string]bool {
	eps, _ := EntryEndpoints(spec, ld)
	sent := map[string]bool{}
	for _, e := range eps {
		sent[e.Name] = true
	}
	return sent
}
