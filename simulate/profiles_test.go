package simulate

import (
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestRateProfileWindows runs testdata/profiles: every one-second window
// of the entry's series holds the integral of the rate profile over that
// window, to one request with constant arrivals and within Poisson noise
// (4 standard deviations per window, and in total) with Poisson ones.
// Constant arrivals at 0.05/s used to draw one 20 s gap at t = 0 that
// jumped over the step to 200/s at 10 s, losing 2000 of its 4000
// requests.
func TestRateProfileWindows(t *testing.T) {
	for _, arrival := range []string{lang.ArrivalConstant, lang.ArrivalPoisson} {
		sp := loadVars(t, "testdata/profiles", map[string]string{"arrival": arrival})
		res := mustRun(t, sp, Options{Seed: 5})
		for _, run := range res.Runs {
			prof := sp.Loads[run.Load].Profile
			total := prof.Cumulative(time.Duration(run.Duration * 1e9))
			if got := float64(run.Entry.Arrivals); math.Abs(got-total) > tolerance(arrival, total) {
				t.Errorf("%s %s: %v arrivals, want %.1f", arrival, run.Name, got, total)
			}
			for _, p := range run.Entry.Series {
				from, to := time.Duration((p.Time-run.Interval)*1e9), time.Duration(p.Time*1e9)
				want := prof.Cumulative(to) - prof.Cumulative(from)
				if math.Abs(p.Arrivals*run.Interval-want) > tolerance(arrival, want) {
					t.Errorf("%s %s: %v arrivals in [%v, %v), want %.2f", arrival, run.Name, p.Arrivals*run.Interval, from, to, want)
				}
			}
		}
	}
}

// tolerance is one request for constant arrivals (the integral's fraction
// falls on either side of a window's edge), else 4 Poisson deviations.
func tolerance(arrival string, want float64) float64 {
	if arrival == lang.ArrivalConstant {
		return 1
	}
	return 4*math.Sqrt(want) + 1
}
