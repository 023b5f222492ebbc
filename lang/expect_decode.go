package lang

import (
	"math"

	"github.com/hashicorp/hcl/v2"
)

// expectAttributes are the bounds of an expect block (and an slo block).
var expectAttributes = []hcl.AttributeSchema{
	{Name: "mean"}, {Name: "p50"}, {Name: "p90"}, {Name: "p99"}, {Name: "p999"},
	{Name: "error_rate"}, {Name: "degraded_rate"}, {Name: "throughput"},
}

var expectBlockSchema = &hcl.BodySchema{Attributes: expectAttributes}

// decodeExpect decodes the bounds of an expect or slo body.
func (st *loadState) decodeExpect(a attrs, rng hcl.Range) Expect {
	e := Expect{Ranges: map[string]hcl.Range{}, DeclRange: rng}
	a.duration("mean", &e.Mean)
	a.duration("p50", &e.P50)
	a.duration("p90", &e.P90)
	a.duration("p99", &e.P99)
	a.duration("p999", &e.P999)
	e.ErrorRate = a.rate("error_rate", rng)
	e.DegradedRate = a.rate("degraded_rate", rng)
	a.number("throughput", &e.Throughput)
	a.need(e.Throughput >= 0, "throughput", rng, "throughput must be 0 or more requests/s, not %g.", e.Throughput)
	for _, as := range expectAttributes {
		if a.has(as.Name) {
			e.Ranges[as.Name] = a.rng(as.Name)
		}
	}
	return e
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
