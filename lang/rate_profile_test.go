package lang

import (
	"math"
	"testing"
	"time"
)

// Cumulative is the integral of RateAt, for every kind of profile, and
// Scaled multiplies both.
func TestRateProfileCumulative(t *testing.T) {
	for _, p := range []RateProfile{
		{Kind: ProfileConstant, Rate: 40},
		{Kind: ProfileRamp, From: 10, To: 90, Over: 30 * time.Second},
		{Kind: ProfileRamp, From: 50, To: 0, Over: 0},
		{Kind: ProfileSteps, Rate: 5, Steps: []RateStep{{At: 10 * time.Second, Rate: 0}, {At: 25 * time.Second, Rate: 70}}},
		{Kind: ProfileDiurnal, Min: 0, Max: 100, Period: 40 * time.Second, PeakAt: 20 * time.Second},
		{Kind: ProfileDiurnal, Min: 30, Max: 60, Period: 17 * time.Second, PeakAt: 3 * time.Second},
	} {
		for _, x := range []float64{1, 2.5} {
			q := p.Scaled(x)
			for _, end := range []time.Duration{0, 7 * time.Second, 33 * time.Second, 61 * time.Second} {
				want := integrate(q, end)
				if got := q.Cumulative(end); math.Abs(got-want) > 1e-6*max(1, want) {
					t.Errorf("%s ×%g: Cumulative(%v) = %.6f, integral of RateAt %.6f", p.Kind, x, end, got, want)
				}
				if got, base := q.Cumulative(end), p.Cumulative(end); math.Abs(got-x*base) > 1e-9*max(1, got) {
					t.Errorf("%s: scaled by %g, %g arrivals instead of %g", p.Kind, x, got, x*base)
				}
			}
		}
	}
}

// integrate is the midpoint rule over RateAt, in 1 ms slices.
func integrate(p RateProfile, end time.Duration) float64 {
	const dt = time.Millisecond
	sum := 0.0
	for t := time.Duration(0); t < end; t += dt {
		sum += p.RateAt(t+dt/2) * dt.Seconds()
	}
	return sum
}

// The diurnal profile peaks at max at peak_at and every period after it,
// and is at min half a period away.
func TestDiurnalShape(t *testing.T) {
	p := RateProfile{Kind: ProfileDiurnal, Min: 100, Max: 800, Period: 24 * time.Hour, PeakAt: 14 * time.Hour}
	for at, want := range map[time.Duration]float64{
		14 * time.Hour: 800, 38 * time.Hour: 800, 2 * time.Hour: 100, 8 * time.Hour: 450, 20 * time.Hour: 450,
	} {
		if got := p.RateAt(at); math.Abs(got-want) > 1e-9 {
			t.Errorf("rate at %v = %g, want %g", at, got, want)
		}
	}
	if p.Peak() != 800 {
		t.Errorf("peak %g, want 800", p.Peak())
	}
}
