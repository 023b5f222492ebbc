package lang

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Arrival processes.
const (
	ArrivalPoisson  = "poisson" // default
	ArrivalConstant = "constant"
	ArrivalBursty   = "bursty" // on/off: Poisson at rate/duty during "on", nothing during "off"
)

// Load is a `load "name" {}` block: the traffic entering the system.
type Load struct {
	Name string `json:"name"`
	// Entry is the service (and optionally the endpoint) the load enters.
	// Without an endpoint, the entry service's endpoints are chosen by
	// weight.
	Entry   Ref    `json:"entry"`
	Arrival string `json:"arrival"`
	// Profile gives the rate (requests/s) over time.
	Profile RateProfile `json:"profile"`
	// Duration of the run (default 60s) and the warm-up cut at its start
	// whose requests are not measured (default 0).
	Duration time.Duration `json:"duration"`
	Warmup   time.Duration `json:"warmup,omitempty"`
	// BurstOn and BurstOff are the phases of the bursty arrival process.
	BurstOn   time.Duration `json:"burst_on,omitempty"`
	BurstOff  time.Duration `json:"burst_off,omitempty"`
	DeclRange hcl.Range     `json:"-"`
}

// Ref names a service, or one endpoint of it.
type Ref struct {
	Service  string    `json:"service"`
	Endpoint string    `json:"endpoint,omitempty"`
	Range    hcl.Range `json:"-"`
}

// Rate-profile kinds.
const (
	ProfileConstant = "constant" // Rate
	ProfileRamp     = "ramp"     // From → To linearly over Over, then To
	ProfileSteps    = "steps"    // Rate until the first step, then each step's rate from its At
)

// RateProfile is the arrival rate over time. `rate = 800` is a constant
// profile; `ramp {}` and `step {}` blocks make the other two.
type RateProfile struct {
	Kind  string        `json:"kind"`
	Rate  float64       `json:"rate"`
	From  float64       `json:"from,omitempty"`
	To    float64       `json:"to,omitempty"`
	Over  time.Duration `json:"over,omitempty"`
	Steps []RateStep    `json:"steps,omitempty"` // sorted by At
}

// RateStep is a `step { at = "20s" rate = 1600 }` block.
type RateStep struct {
	At   time.Duration `json:"at"`
	Rate float64       `json:"rate"`
}

// RateAt returns the arrival rate at t (requests/s).
func (p RateProfile) RateAt(t time.Duration) float64 {
	switch p.Kind {
	case ProfileRamp:
		if p.Over <= 0 || t >= p.Over {
			return p.To
		}
		return p.From + (p.To-p.From)*float64(t)/float64(p.Over)
	case ProfileSteps:
		r := p.Rate
		for _, s := range p.Steps {
			if t >= s.At {
				r = s.Rate
			}
		}
		return r
	}
	return p.Rate
}

// Peak returns the highest rate of the profile.
func (p RateProfile) Peak() float64 {
	m := p.Rate
	if p.Kind == ProfileRamp {
		m = max(p.From, p.To)
	}
	for _, s := range p.Steps {
		m = max(m, s.Rate)
	}
	return m
}
