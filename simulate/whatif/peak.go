package whatif

import (
	"time"

	"github.com/berth-dev/berth/lang"
)

// PeakRate returns the highest rate of p in a run of length d (0: the
// whole profile): a step after the end of the run, or the top of a
// ramp or daily cycle it never reaches, sends no request, so it cannot
// saturate anything.
func PeakRate(p lang.RateProfile, d time.Duration) float64 {
	if d <= 0 {
		return p.Peak()
	}
	switch p.Kind {
	case lang.ProfileRamp:
		return max(p.RateAt(0), p.RateAt(min(d, max(p.Over, 0))))
	case lang.ProfileSteps:
		m := p.Rate
		for _, s := range p.Steps {
			if s.At < d {
				m = max(m, s.Rate)
			}
		}
		return m
	case lang.ProfileDiurnal:
		// Between two peaks the rate falls then rises, so without a
		// peak inside the run its highest rate is at one end.
		if p.Period <= 0 || d >= p.Period || p.PeakAt%p.Period < d {
			return p.Peak()
		}
		return max(p.RateAt(0), p.RateAt(d))
	}
	return p.Peak()
}

// runPeak is the peak rate of ld in a run: the load's duration, or
// override when set (--duration).
func runPeak(ld *lang.Load, override time.Duration) float64 {
	d := ld.Duration
	if override > 0 {
		d = override
	}
	return PeakRate(ld.Profile, d)
}
