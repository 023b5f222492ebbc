package loadgen

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// arrivals returns every arrival offset of ld over d.
func arrivals(ld *lang.Load, scale float64, d time.Duration, seed uint64) []time.Duration {
	s := newSchedule(ld, scale, d, seed)
	var out []time.Duration
	for {
		t, ok := s.next()
		if !ok {
			return out
		}
		out = append(out, t)
	}
}

// countIn counts the arrivals in [from, to).
func countIn(ts []time.Duration, from, to time.Duration) int {
	n := 0
	for _, t := range ts {
		if t >= from && t < to {
			n++
		}
	}
	return n
}

// within4σ checks a Poisson count against its mean (sd = √mean).
func within4σ(t *testing.T, what string, got int, mean float64) {
	t.Helper()
	if math.Abs(float64(got)-mean) > 4*math.Sqrt(mean) {
		t.Errorf("%s: %d arrivals, want %.0f ± %.0f (4σ)", what, got, mean, 4*math.Sqrt(mean))
	}
}

func TestScheduleRates(t *testing.T) {
	const d = 100 * time.Second
	t.Run("poisson", func(t *testing.T) {
		ts := arrivals(load(500, lang.ArrivalPoisson, d), 1, d, 1)
		within4σ(t, "500/s for 100 s", len(ts), 50000)
		// Exponential gaps: their coefficient of variation is 1.
		var sum, sq float64
		for i := 1; i < len(ts); i++ {
			g := float64(ts[i] - ts[i-1])
			sum += g
			sq += g * g
		}
		n := float64(len(ts) - 1)
		mean := sum / n
		if cv := math.Sqrt(sq/n-mean*mean) / mean; math.Abs(cv-1) > 0.03 {
			t.Errorf("gap cv %.3f, want 1 (exponential)", cv)
		}
	})
	t.Run("constant", func(t *testing.T) {
		ts := arrivals(load(200, lang.ArrivalConstant, d), 1, d, 1)
		if len(ts) < 19999 || len(ts) > 20000 {
			t.Errorf("200/s for 100 s: %d arrivals, want 20000 (±1)", len(ts))
		}
		if g := ts[1] - ts[0]; g != 5*time.Millisecond {
			t.Errorf("gap %v, want 5ms", g)
		}
	})
	t.Run("rate scale", func(t *testing.T) {
		ts := arrivals(load(200, lang.ArrivalPoisson, d), 2.5, d, 2)
		within4σ(t, "200/s × 2.5", len(ts), 50000)
	})
	t.Run("bursty", func(t *testing.T) {
		ld := load(100, lang.ArrivalBursty, d)
		ld.BurstOn, ld.BurstOff = time.Second, 3*time.Second
		ts := arrivals(ld, 1, d, 3)
		within4σ(t, "bursty 100/s mean", len(ts), 10000)
		for _, x := range ts {
			if x%(4*time.Second) >= time.Second {
				t.Fatalf("an arrival at %v, in an off phase", x)
			}
		}
	})
	t.Run("bursty partial cycle", func(t *testing.T) {
		// As the simulator's: a run that ends inside a cycle (10 s on, 50 s
		// off) cuts its last burst to that cycle's share, so it sends the
		// rate on average; it used to send the whole burst (6,000 in 30 s).
		for _, tc := range []struct{ dur, last time.Duration }{
			{30 * time.Second, 5 * time.Second},
			{90 * time.Second, 65 * time.Second},
		} {
			ld := load(100, lang.ArrivalBursty, tc.dur)
			ld.BurstOn, ld.BurstOff = 10*time.Second, 50*time.Second
			ts := arrivals(ld, 1, tc.dur, 6)
			within4σ(t, fmt.Sprintf("bursty 100/s for %v", tc.dur), len(ts), 100*tc.dur.Seconds())
			if n := countIn(ts, tc.last, tc.dur); n != 0 {
				t.Errorf("%v: %d arrivals after the last burst's end at %v", tc.dur, n, tc.last)
			}
		}
	})
	t.Run("ramp", func(t *testing.T) {
		ld := load(0, lang.ArrivalPoisson, d)
		ld.Profile = lang.RateProfile{Kind: lang.ProfileRamp, From: 100, To: 900, Over: 50 * time.Second}
		ts := arrivals(ld, 1, d, 4)
		within4σ(t, "ramp 100→900 over the first 50 s", countIn(ts, 0, 50*time.Second), 25000)
		within4σ(t, "ramp: 900/s for the last 50 s", countIn(ts, 50*time.Second, d), 45000)
		within4σ(t, "ramp: first 10 s (100→260)", countIn(ts, 0, 10*time.Second), 1800)
	})
	t.Run("steps", func(t *testing.T) {
		ld := load(100, lang.ArrivalConstant, d)
		ld.Profile = lang.RateProfile{Kind: lang.ProfileSteps, Rate: 100, Steps: []lang.RateStep{
			{At: 20 * time.Second, Rate: 0}, {At: 40 * time.Second, Rate: 400},
		}}
		ts := arrivals(ld, 1, d, 5)
		if n := countIn(ts, 0, 20*time.Second); n < 1999 || n > 2000 {
			t.Errorf("steps: %d arrivals in the first 20 s, want 2000", n)
		}
		if n := countIn(ts, 20*time.Second+10*time.Millisecond, 40*time.Second); n != 0 {
			t.Errorf("steps: %d arrivals while the rate is 0", n)
		}
		if n := countIn(ts, 41*time.Second, d); n < 23599 || n > 23601 {
			t.Errorf("steps: %d arrivals in the last 59 s at 400/s, want 23600", n)
		}
	})
	t.Run("same seed, same arrivals", func(t *testing.T) {
		a := arrivals(load(300, lang.ArrivalPoisson, 5*time.Second), 1, 5*time.Second, 9)
		b := arrivals(load(300, lang.ArrivalPoisson, 5*time.Second), 1, 5*time.Second, 9)
		if len(a) != len(b) || a[len(a)/2] != b[len(b)/2] {
			t.Errorf("two runs of seed 9 differ")
		}
	})
}
