package loadgen

import (
	"fmt"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// Replay is the simulation of a load as a test sent it: the load's rates
// scaled by the test's rate scale, over the time arrivals were sent, with
// the same warm-up (`berth compare`).
type Replay struct {
	// Spec is a copy of the spec with the load changed so.
	Spec     *lang.Spec
	Case     simulate.Case
	Options  simulate.Options
	Measured *Result
}

// NewReplay prepares the simulation of what res measured of spec's load
// (res.Load), for scenario ("": the load alone), with seed. It fails when
// arrivals stopped before the warm-up ended: nothing was measured. spec
// is not changed.
func NewReplay(spec *lang.Spec, scenario string, res *Result, seed uint64) (*Replay, error) {
	sp := spec.Clone()
	ld := sp.Loads[res.Load]
	if ld == nil {
		return nil, fmt.Errorf("the spec has no load %q to simulate", res.Load)
	}
	ld.Profile = Scaled(ld.Profile, res.Scale)
	ld.Warmup = time.Duration(res.Warmup * 1e9)
	d := time.Duration(res.Duration * 1e9).Round(time.Millisecond)
	if d <= ld.Warmup {
		return nil, fmt.Errorf("the test sent load for %s, not past its warm-up of %s: nothing to compare", d, ld.Warmup)
	}
	return &Replay{
		Spec: sp, Case: simulate.Case{Load: res.Load, Scenario: scenario},
		Options: simulate.Options{Seed: seed, Duration: d}, Measured: res,
	}, nil
}

// Run simulates the replay.
func (rp *Replay) Run() (*simulate.Report, hcl.Diagnostics) {
	return simulate.RunCase(rp.Spec, rp.Case, rp.Options)
}

// HopText is how a comparison names the hop latency simulated: its
// source text, its kind, or "0".
func HopText(d lang.Dist) string {
	if d.IsZero() {
		return "0"
	}
	if d.Source != "" {
		return d.Source
	}
	return string(d.Kind)
}
