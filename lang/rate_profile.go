package lang

import (
	"math"
	"time"
)

// Rate-profile kinds.
const (
	ProfileConstant = "constant" // Rate
	ProfileRamp     = "ramp"     // From → To linearly over Over, then To
	ProfileSteps    = "steps"    // Rate until the first step, then each step's rate from its At
	ProfileDiurnal  = "diurnal"  // a cosine between Min and Max, of period Period, at Max at PeakAt
)

// RateProfile is the arrival rate over time. `rate = 800` is a constant
// profile; `ramp {}`, `step {}` and `diurnal {}` blocks make the others.
type RateProfile struct {
	Kind  string        `json:"kind"`
	Rate  float64       `json:"rate"`
	From  float64       `json:"from,omitempty"`
	To    float64       `json:"to,omitempty"`
	Over  time.Duration `json:"over,omitempty"`
	Steps []RateStep    `json:"steps,omitempty"` // sorted by At
	// Min, Max, Period and PeakAt shape a diurnal profile.
	Min    float64       `json:"min,omitempty"`
	Max    float64       `json:"max,omitempty"`
	Period time.Duration `json:"period,omitempty"`
	PeakAt time.Duration `json:"peak_at,omitempty"`
}

// RateStep is a step block (at = "20s", rate = 1600).
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
	case ProfileDiurnal:
		return p.Min + (p.Max-p.Min)*(1+math.Cos(p.phase(t)))/2
	}
	return p.Rate
}

// phase is the angle of t in a diurnal profile's cycle: 0 at the peak.
func (p RateProfile) phase(t time.Duration) float64 {
	if p.Period <= 0 {
		return 0
	}
	return 2 * math.Pi * float64(t-p.PeakAt) / float64(p.Period)
}

// Peak returns the highest rate of the profile.
func (p RateProfile) Peak() float64 {
	m := p.Rate
	switch p.Kind {
	case ProfileRamp:
		m = max(p.From, p.To)
	case ProfileDiurnal:
		m = max(p.Min, p.Max)
	}
	for _, s := range p.Steps {
		m = max(m, s.Rate)
	}
	return m
}

// Cumulative returns the expected number of arrivals from 0 to t: the
// integral of RateAt over [0, t].
func (p RateProfile) Cumulative(t time.Duration) float64 {
	if t <= 0 {
		return 0
	}
	s := t.Seconds()
	switch p.Kind {
	case ProfileRamp:
		over := p.Over.Seconds()
		if p.Over <= 0 {
			return p.To * s
		}
		if s <= over {
			return p.From*s + (p.To-p.From)*s*s/(2*over)
		}
		return (p.From+p.To)*over/2 + p.To*(s-over)
	case ProfileSteps:
		sum, r, from := 0.0, p.Rate, time.Duration(0)
		for _, st := range p.Steps {
			if st.At >= t {
				break
			}
			if st.At > from {
				sum += r * (st.At - from).Seconds()
				from = st.At
			}
			r = st.Rate
		}
		return sum + r*(t-from).Seconds()
	case ProfileDiurnal:
		if p.Period <= 0 {
			return p.Max * s
		}
		wave := p.Period.Seconds() / (2 * math.Pi) * (math.Sin(p.phase(t)) - math.Sin(p.phase(0)))
		return p.Min*s + (p.Max-p.Min)/2*(s+wave)
	}
	return p.Rate * s
}

// Scaled returns p with every rate multiplied by x (and its own copy of
// the steps).
func (p RateProfile) Scaled(x float64) RateProfile {
	if p.Kind == "" {
		p.Kind = ProfileConstant
	}
	p.Rate *= x
	p.From *= x
	p.To *= x
	p.Min *= x
	p.Max *= x
	steps := make([]RateStep, len(p.Steps))
	for i, s := range p.Steps {
		steps[i] = RateStep{At: s.At, Rate: s.Rate * x}
	}
	p.Steps = steps
	return p
}
