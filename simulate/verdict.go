package simulate

import (
	"fmt"
	"time"

	"github.com/berth-dev/berth/lang"
)

// verdicts checks the scenario's expect block (on the entry) and every
// slo against r, and sets r.Pass.
func verdicts(spec *lang.Spec, c Case, r *Report) {
	r.Verdicts = []Verdict{}
	if c.Scenario != "" {
		if sc := spec.Scenarios[c.Scenario]; sc != nil && sc.Expect != nil {
			r.Verdicts = append(r.Verdicts, check("scenario "+sc.Name, "entry", r.Entry, sc.Expect)...)
		}
	}
	for _, slo := range spec.SortedSLOs() {
		target, m := "entry", r.Entry
		if slo.Service != "" {
			target = slo.Service
			if m = r.Services[slo.Service]; m == nil {
				continue // reported by the loader
			}
			if slo.Endpoint != "" {
				target += "/" + slo.Endpoint
				if e := m.Endpoints[slo.Endpoint]; e != nil {
					m = e
				}
			}
		}
		r.Verdicts = append(r.Verdicts, check("slo "+slo.Name, target, m, &slo.Expect)...)
	}
	r.Pass = true
	for _, v := range r.Verdicts {
		r.Pass = r.Pass && v.Pass
	}
}

// check compares every bound set in e with m.
func check(source, target string, m *Metrics, e *lang.Expect) []Verdict {
	var out []Verdict
	upper := func(attr string, bound, measured float64) {
		out = append(out, verdict(source, target, attr, "<=", bound, measured, measured <= bound, e))
	}
	lat := func(attr string, d time.Duration, measured float64) {
		if e.Has(attr) {
			upper(attr, d.Seconds(), measured)
		}
	}
	lat("mean", e.Mean, m.Latency.Mean)
	lat("p50", e.P50, m.Latency.P50)
	lat("p90", e.P90, m.Latency.P90)
	lat("p99", e.P99, m.Latency.P99)
	lat("p999", e.P999, m.Latency.P999)
	if e.ErrorRate != nil {
		upper("error_rate", *e.ErrorRate, m.ErrorRate)
	}
	if e.DegradedRate != nil {
		upper("degraded_rate", *e.DegradedRate, m.DegradedRate)
	}
	if e.Has("throughput") {
		out = append(out, verdict(source, target, "throughput", ">=", e.Throughput, m.Throughput, m.Throughput >= e.Throughput, e))
	}
	return out
}

func verdict(source, target, attr, op string, bound, measured float64, pass bool, e *lang.Expect) Verdict {
	v := Verdict{Source: source, Target: target, Metric: attr, Op: op, Bound: bound, Measured: measured, Pass: pass}
	rng, ok := e.Ranges[attr]
	if !ok {
		rng = e.DeclRange
	}
	if rng.Filename != "" {
		v.Range = sourceRange(rng)
		v.Pos = fmt.Sprintf("%s:%d", rng.Filename, rng.Start.Line)
	}
	return v
}
