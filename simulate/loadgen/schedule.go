package loadgen

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/burst"
)

// schedule draws the arrival times of a load, as offsets from its start.
//
// Poisson arrivals are drawn by thinning (Lewis–Shedler): candidates at
// the profile's peak rate, each kept with probability rate(t)/peak, which
// is exact for ramps, steps and on/off bursts alike. Constant arrivals are
// evenly spaced in expected arrivals, as the simulator places them
// (simulate/arrivals.go): the n-th comes when the integral of the rate
// from the start (lang.RateProfile.Cumulative) reaches n, so a rate that
// starts at or passes through 0 (a ramp from 0, a diurnal with min = 0)
// delays the next arrival only until enough rate has accrued, where a
// gap of 1/rate(t) read at a near-zero rate would leap far ahead. A bursty load is Poisson at rate/duty during its
// "on" phase and silent during "off", so its mean rate is the profile's;
// a last, partial cycle has a burst as much shorter (simulate/burst).
type schedule struct {
	prof    lang.RateProfile
	poisson bool
	burst   *burst.Phases // bursty phases; nil: not bursty
	peak    float64       // highest rate, per ns, burst factor included
	end     float64       // ns
	t       float64       // ns, the last arrival
	due     float64       // constant: arrivals placed so far
	rng     *rand.Rand
}

// scaled returns p with every rate multiplied by x.
func scaled(p lang.RateProfile, x float64) lang.RateProfile { return p.Scaled(x) }

func newSchedule(ld *lang.Load, scale float64, end time.Duration, seed uint64) *schedule {
	s := &schedule{
		prof:    scaled(ld.Profile, scale),
		poisson: ld.Arrival != lang.ArrivalConstant,
		end:     float64(end),
		rng:     rand.New(rand.NewPCG(seed, 0x6c6f616467656e)),
	}
	if p, ok := burst.Of(ld, end); ok {
		s.burst = &p
	}
	s.peak = s.prof.Peak() / 1e9 * s.burstFactor()
	return s
}

func (s *schedule) burstFactor() float64 {
	if s.burst == nil {
		return 1
	}
	return s.burst.Factor()
}

// rate returns the arrival rate at t ns, per ns.
func (s *schedule) rate(t float64) float64 {
	r := s.prof.RateAt(time.Duration(t)) / 1e9
	if s.burst != nil {
		if on, _ := s.burst.At(int64(t)); !on {
			return 0
		}
		r *= s.burstFactor()
	}
	return r
}

// next returns the offset of the next arrival, or false when the load
// ends first.
func (s *schedule) next() (time.Duration, bool) {
	if s.peak <= 0 {
		return 0, false
	}
	if !s.poisson {
		return s.nextSpaced()
	}
	t := s.t
	for t < s.end {
		t += s.rng.ExpFloat64() / s.peak
		if t < s.end && s.rng.Float64()*s.peak < s.rate(t) {
			break
		}
	}
	s.t = t
	if t >= s.end {
		return 0, false
	}
	return time.Duration(t), true
}

// nextSpaced returns the next constant arrival: the time at which the
// integral of the rate from the start reaches the next whole number
// (exactly n/rate for a constant rate, else by bisection to the ns).
func (s *schedule) nextSpaced() (time.Duration, bool) {
	s.due++
	if s.prof.Cumulative(time.Duration(s.end)) < s.due {
		s.t = s.end
		return 0, false
	}
	var t float64
	if s.prof.Kind == lang.ProfileConstant || s.prof.Kind == "" {
		t = math.Round(s.due * 1e9 / s.prof.Rate)
	} else {
		lo, hi := s.t, s.end
		for hi-lo > 1 {
			mid := math.Floor((lo + hi) / 2)
			if s.prof.Cumulative(time.Duration(mid)) < s.due {
				lo = mid
			} else {
				hi = mid
			}
		}
		t = hi
	}
	s.t = t
	if t >= s.end {
		return 0, false
	}
	return time.Duration(t), true
}

// expected returns the expected number of arrivals of the whole schedule.
func (s *schedule) expected() float64 { return s.prof.Cumulative(time.Duration(s.end)) }
