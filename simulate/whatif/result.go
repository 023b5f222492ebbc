package whatif

import (
	"time"

	"github.com/berth-dev/berth/simulate"
)

// Options control a search.
type Options struct {
	// Cases must all pass (every expect and slo); empty means every load
	// and every scenario of the spec.
	Cases []simulate.Case
	// Dims are the capacity dimensions to vary; Scales the load
	// multipliers (empty: 1 only).
	Dims   []Dimension
	Scales []float64
	// Replications per configuration and case (default 3), Seed, and
	// Duration overriding the loads' (0: theirs).
	Replications int
	Seed         uint64
	Duration     time.Duration
	// MemoryWeight is the cost of a GiB in CPUs (default
	// DefaultMemoryWeight). MemoryWeightSet makes a MemoryWeight of 0 mean
	// 0 (memory costs nothing) instead of the default.
	MemoryWeight    float64
	MemoryWeightSet bool
	// Parallelism caps the simulations run at once (default GOMAXPROCS).
	Parallelism int
	// NoPrune simulates every configuration, also those the offered-load
	// analysis fails (ρ ≥ 1 at the peak a load reaches): an overload only
	// at the top of a ramp or in a short step can still pass its slos.
	NoPrune bool
}

// Trial statuses.
const (
	StatusPass   = "pass"
	StatusFail   = "fail"
	StatusPruned = "pruned" // failing by analysis, not simulated
)

// Trial is one configuration the search decided on by simulation or by
// analysis.
type Trial struct {
	// Values are the dimensions' values, in the order of Result.Dims.
	Values []float64 `json:"values"`
	Scale  float64   `json:"scale"`
	Cost   float64   `json:"cost"`
	Status string    `json:"status"`
	// Reason says why a trial failed: the bounds it broke, or the
	// saturated service of a pruned one.
	Reason string `json:"reason,omitempty"`
	// P99 and ErrorRate of the entry, the worst over the cases (seconds
	// and fraction); P99CI is the 95 % interval of that worst p99.
	P99       float64      `json:"p99"`
	P99CI     *simulate.CI `json:"p99_ci,omitempty"`
	ErrorRate float64      `json:"error_rate"`
	Cheapest  bool         `json:"cheapest,omitempty"`
	Pareto    bool         `json:"pareto,omitempty"`
}

// Best is the cheapest passing configuration at one load multiplier.
type Best struct {
	Scale float64 `json:"scale"`
	Trial *Trial  `json:"trial,omitempty"` // nil: nothing in the ranges passes
}

// Result is the outcome of a search.
type Result struct {
	Cases        []string    `json:"cases"`
	Dims         []Dimension `json:"dimensions"`
	Scales       []float64   `json:"scales"`
	Replications int         `json:"replications"`
	// Duration is --duration in seconds, when it overrides the loads'.
	Duration float64 `json:"duration,omitempty"`
	// Original holds the spec's own value of each dimension.
	Original []float64 `json:"original"`
	// Trials are in the order they were decided.
	Trials []*Trial `json:"trials"`
	// Best holds the cheapest passing configuration per multiplier.
	Best []Best `json:"best"`
	// MaxScale is the highest multiplier at which some configuration
	// (the spec's own when nothing varies) passes; 0 when none does.
	MaxScale float64 `json:"max_scale"`
	// P99Bound and ErrorBound are the tightest p99 and error-rate
	// bounds among the verdicts (the SLO lines of the chart).
	P99Bound   float64 `json:"p99_bound,omitempty"`
	ErrorBound float64 `json:"error_bound,omitempty"`
	// Simulations counts the configurations simulated.
	Simulations int `json:"simulations"`
}
