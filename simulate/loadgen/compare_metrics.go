package loadgen

import (
	"math"

	"github.com/berth-dev/berth/simulate"
)

// EntryMetric is one metric of the entry that a comparison compares.
type EntryMetric struct {
	Key string // as in Comparison.Diff.Entry
	// Relative: the difference is relative to the simulation, else in
	// absolute terms (rates).
	Relative bool
	// Latency: the client → entry round trip is added to the simulation.
	Latency bool
	Get     func(*simulate.Metrics) float64
}

// EntryMetrics are the entry metrics compared, in order.
var EntryMetrics = []EntryMetric{
	{"throughput", true, false, func(m *simulate.Metrics) float64 { return m.Throughput }},
	{"error_rate", false, false, func(m *simulate.Metrics) float64 { return m.ErrorRate }},
	{"degraded_rate", false, false, func(m *simulate.Metrics) float64 { return m.DegradedRate }},
	{"mean", true, true, func(m *simulate.Metrics) float64 { return m.Latency.Mean }},
	{"p50", true, true, func(m *simulate.Metrics) float64 { return m.Latency.P50 }},
	{"p90", true, true, func(m *simulate.Metrics) float64 { return m.Latency.P90 }},
	{"p99", true, true, func(m *simulate.Metrics) float64 { return m.Latency.P99 }},
	{"p999", true, true, func(m *simulate.Metrics) float64 { return m.Latency.P999 }},
}

// SimulatedEntry returns the simulated value of EntryMetrics[i] as the
// client would see it: latencies with the round trip added.
func (c *Comparison) SimulatedEntry(i int) float64 {
	r := EntryMetrics[i]
	v := r.Get(c.Simulated.Entry)
	if r.Latency {
		v += c.EntryRoundTrip
	}
	return v
}

// SimRate is a simulated count per measured second.
func (c *Comparison) SimRate(n int64) float64 {
	return float64(n) / math.Max(c.Simulated.Duration-c.Simulated.Warmup, 1e-9)
}

// PerSecond is a measured count per measured second.
func (r *Result) PerSecond(n int64) float64 {
	if d := r.Duration - r.Warmup; d > 0 {
		return float64(n) / d
	}
	return 0
}
