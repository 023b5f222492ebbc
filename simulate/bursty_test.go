package simulate

import (
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestBurstyMeanRate: a bursty load of 100/s with 10 s bursts every
// minute (600/s, then 50 s off) offers 100/s on average whatever the
// run's length: a run that ends inside a cycle has a last burst cut to
// that cycle's share (simulate/burst). The bursts keep their height. A
// 30 s run used to send the whole 10 s burst, 6,000 requests where 100/s
// for 30 s is 3,000; a 5 s run 3,000 for 500.
func TestBurstyMeanRate(t *testing.T) {
	for _, tc := range []struct {
		dur  time.Duration
		last time.Duration // end of the last burst
	}{
		{5 * time.Second, 833 * time.Millisecond},
		{30 * time.Second, 5 * time.Second},
		{60 * time.Second, 10 * time.Second},
		{90 * time.Second, 65 * time.Second},
		{150 * time.Second, 125 * time.Second},
	} {
		sp := newSpec()
		addService(sp, "s", 1, 1<<20, 0, lang.Dist{})
		ld := addLoad(sp, "l", "s", 100, tc.dur, 0)
		ld.Arrival, ld.BurstOn, ld.BurstOff = lang.ArrivalBursty, 10*time.Second, 50*time.Second
		res := mustRun(t, sp, Options{Seed: 5})
		got, want := float64(res.Entry.Arrivals), 100*tc.dur.Seconds()
		if math.Abs(got-want) > 4*math.Sqrt(want) {
			t.Errorf("%v run: %v arrivals, want %v ± %.0f (100/s on average)", tc.dur, got, want, 4*math.Sqrt(want))
		}
		series := res.Entry.Series
		if a := series[0].Arrivals; tc.last >= time.Second && math.Abs(a-600) > 4*math.Sqrt(600) {
			t.Errorf("%v run: %v arrivals in the first second, want the burst's 600", tc.dur, a)
		}
		for i, p := range series { // one point a second, each at its end
			if from := time.Duration(i) * time.Second; from >= tc.last && p.Arrivals > 0 {
				t.Errorf("%v run: %v arrivals in the second from %v, after the last burst ended at %v", tc.dur, p.Arrivals, from, tc.last)
			}
		}
	}
}
