package lang

import (
	"math"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// expectAttributes are the bounds of an expect block (and an slo block).
var expectAttributes = []hcl.AttributeSchema{
	{Name: "mean"}, {Name: "p50"}, {Name: "p90"}, {Name: "p99"}, {Name: "p999"},
	{Name: "error_rate"}, {Name: "degraded_rate"}, {Name: "throughput"},
}

var expectBlockSchema = &hcl.BodySchema{Attributes: expectAttributes}

// decodeExpect decodes the bounds of an expect or slo body. Every bound
// whose value decodes is recorded in Ranges, so a bound of 0 is checked
// like any other; null leaves it out.
func (st *loadState) decodeExpect(a attrs, rng hcl.Range) Expect {
	e := Expect{Ranges: map[string]hcl.Range{}, DeclRange: rng}
	set := func(name string) { e.Ranges[name] = a.rng(name) }
	for _, l := range []struct {
		name string
		dst  *time.Duration
	}{{"mean", &e.Mean}, {"p50", &e.P50}, {"p90", &e.P90}, {"p99", &e.P99}, {"p999", &e.P999}} {
		d := time.Duration(-1) // durations are never negative: -1 is "not decoded"
		if a.duration(l.name, &d); d < 0 {
			continue
		}
		*l.dst = d
		set(l.name)
		if d == 0 {
			a.add(zeroLatencyBound(a.rng(l.name), l.name))
		}
	}
	if e.ErrorRate = a.rate("error_rate", rng); e.ErrorRate != nil {
		set("error_rate")
	}
	if e.DegradedRate = a.rate("degraded_rate", rng); e.DegradedRate != nil {
		set("degraded_rate")
	}
	if tp, ok := a.perSecond("throughput"); ok {
		e.Throughput = tp
		set("throughput")
		a.need(tp >= 0, "throughput", rng, "throughput must be 0 or more requests/s, not %g.", tp)
	}
	return e
}

// zeroLatencyBound warns about a latency bound of 0, which is kept: its
// verdict fails as soon as any request takes time.
func zeroLatencyBound(rng hcl.Range, name string) *hcl.Diagnostic {
	return warningAt(rng, "Latency bound that can never pass",
		`%s = 0 fails as soon as a request takes any time at all, so its verdict fails in every run that does any work. The bound is kept; write the latency you mean, like %s = "300ms", or remove it.`,
		name, name)
}

// rate decodes an optional fraction between 0 and 1.
func (a attrs) rate(name string, rng hcl.Range) *float64 {
	if !a.has(name) {
		return nil
	}
	f := math.NaN()
	a.number(name, &f)
	if math.IsNaN(f) {
		return nil
	}
	a.need(f >= 0 && f <= 1, name, rng, "%s must be between 0 and 1, not %g.", name, f)
	return &f
}
