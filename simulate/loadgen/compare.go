package loadgen

import (
	"maps"
	"math"
	"slices"
	"time"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// Comparison is a measurement beside the simulation of the same load,
// metric by metric (`berth compare`, text and JSON).
type Comparison struct {
	Load     string `json:"load"`
	Scenario string `json:"scenario,omitempty"`
	// HopLatency is the hop latency simulated (HopText).
	HopLatency string `json:"hop_latency"`
	// EntryRoundTrip is the measured client → entry round trip in
	// seconds, added to the simulated entry latencies before comparing.
	EntryRoundTrip float64          `json:"entry_round_trip"`
	Measured       *Result          `json:"measured"`
	Simulated      *simulate.Report `json:"simulated"`
	// EntryStats are the differences of the entry's /_berth/stats over the
	// test, when it runs the emulator (StatsDelta).
	EntryStats *emulator.Stats `json:"entry_stats,omitempty"`
	// Diff is measured − simulated per metric: relative for throughput and
	// latencies, absolute for error_rate and degraded_rate; null where the
	// simulation gives 0.
	Diff struct {
		Entry    map[string]*float64            `json:"entry"`
		Services map[string]map[string]*float64 `json:"services"`
	} `json:"diff"`
	// Tolerance is the largest relative difference of the entry's
	// throughput, mean and p50 that passes; 0 passes everything.
	Tolerance float64 `json:"tolerance,omitempty"`
	// Verdicts are the expectations checked on the measurement when
	// compare runs a scenario (JudgeMeasured): its expect block and the
	// slos on the entry; NotChecked the slos of other services.
	Verdicts   []simulate.Verdict `json:"verdicts,omitempty"`
	NotChecked []string           `json:"not_checked,omitempty"`
	// Pass: within the tolerance, no verdict failed, and the measurement
	// was not interrupted.
	Pass bool `json:"pass"`
}

// JudgeMeasured checks the expectations of cases on the measurement as
// loadtest does (Judge) and fails the comparison when one fails.
func (c *Comparison) JudgeMeasured(spec *lang.Spec, ld *lang.Load, cases []simulate.Case) {
	j := Judge(spec, ld, cases, c.Measured)
	c.Verdicts, c.NotChecked = j.Verdicts, j.NotChecked
	c.Pass = c.Pass && j.Pass
}

// Compare puts the replay's measurement beside sim, the replay's
// simulation, with the client → entry round trip rtt added to the
// simulated entry latencies, and judges the difference by tolerance.
func (rp *Replay) Compare(sim *simulate.Report, rtt time.Duration, tolerance float64) *Comparison {
	c := &Comparison{
		Load: rp.Case.Load, Scenario: rp.Case.Scenario, HopLatency: HopText(rp.Spec.Defaults.HopLatency),
		EntryRoundTrip: rtt.Seconds(), Measured: rp.Measured, Simulated: sim, Tolerance: tolerance,
	}
	c.diff()
	c.Pass = c.within(tolerance) && (rp.Measured == nil || !rp.Measured.Interrupted)
	return c
}

// diff fills Diff.
func (c *Comparison) diff() {
	c.Diff.Entry = map[string]*float64{}
	for i, r := range EntryMetrics {
		c.Diff.Entry[r.Key] = difference(r.Get(c.Measured.Entry), c.SimulatedEntry(i), r.Relative)
	}
	c.Diff.Services = map[string]map[string]*float64{}
	for _, name := range slices.Sorted(maps.Keys(c.Simulated.Services)) {
		m := c.Measured.Services[name]
		if m == nil {
			continue
		}
		s := c.Simulated.Services[name]
		c.Diff.Services[name] = map[string]*float64{
			"requests":   difference(c.Measured.PerSecond(m.Arrivals), c.SimRate(s.Arrivals), true),
			"error_rate": difference(m.ErrorRate, s.ErrorRate, false),
		}
	}
}

// difference is (m − s)/s when relative (nil when s is 0), else m − s.
func difference(m, s float64, relative bool) *float64 {
	d := m - s
	if relative {
		if s == 0 {
			return nil
		}
		d /= s
	}
	return &d
}

// within reports whether the entry's throughput, mean and p50 differ by at
// most tol (always true when tol is 0).
func (c *Comparison) within(tol float64) bool {
	if tol <= 0 {
		return true
	}
	for _, k := range []string{"throughput", "mean", "p50"} {
		if d := c.Diff.Entry[k]; d == nil || math.Abs(*d) > tol {
			return false
		}
	}
	return true
}
