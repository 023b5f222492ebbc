package simulate

import (
	"fmt"
	"sort"
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
					m = e // a service of one endpoint has no per-endpoint metrics: its own are the endpoint's
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

// check compares every bound set in e with m. A target that no request
// reached fails every bound, marked NoData: a latency or error rate of
// nothing is no evidence that it holds (an slo on an endpoint the load
// never calls passed with p99 0 ms).
func check(source, target string, m *Metrics, e *lang.Expect) []Verdict {
	var out []Verdict
	none := m.Arrivals == 0
	upper := func(attr string, bound, measured float64) {
		v := verdict(source, target, attr, "<=", bound, measured, measured <= bound && !none, e)
		v.NoData = none
		out = append(out, v)
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
		v := verdict(source, target, "throughput", ">=", e.Throughput, m.Throughput, m.Throughput >= e.Throughput && !none, e)
		v.NoData = none
		out = append(out, v)
	}
	// In the order the bounds are written, where the spec says.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		return a != nil && b != nil && a.Filename == b.Filename && a.Start.Byte < b.Start.Byte
	})
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
