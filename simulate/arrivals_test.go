package simulate

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// The arrival processes deliver the rate profile's integral: a Poisson
// count within 4 standard deviations of it, a constant one exactly (to the
// nearest whole request).
func TestArrivalProfiles(t *testing.T) {
	const dur = 100 * time.Second
	diurnal := lang.RateProfile{Kind: lang.ProfileDiurnal, Min: 20, Max: 380, Period: 40 * time.Second, PeakAt: 25 * time.Second}
	for _, tc := range []struct {
		name    string
		arrival string
		prof    lang.RateProfile
		want    float64 // expected arrivals
	}{
		{"poisson constant", lang.ArrivalPoisson, lang.RateProfile{Kind: lang.ProfileConstant, Rate: 200}, 20000},
		{"constant", lang.ArrivalConstant, lang.RateProfile{Kind: lang.ProfileConstant, Rate: 200}, 20000},
		{"ramp", lang.ArrivalPoisson, lang.RateProfile{Kind: lang.ProfileRamp, From: 0, To: 400, Over: 50 * time.Second}, 400*25 + 400*50},
		{"steps", lang.ArrivalPoisson, lang.RateProfile{Kind: lang.ProfileSteps, Rate: 100,
			Steps: []lang.RateStep{{At: 20 * time.Second, Rate: 0}, {At: 60 * time.Second, Rate: 500}}}, 100*20 + 500*40},
		{"bursty", lang.ArrivalBursty, lang.RateProfile{Kind: lang.ProfileConstant, Rate: 200}, 20000},
		{"diurnal", lang.ArrivalPoisson, diurnal, diurnal.Cumulative(dur)},
		{"constant diurnal", lang.ArrivalConstant, diurnal, diurnal.Cumulative(dur)},
		{"constant ramp from 0", lang.ArrivalConstant, lang.RateProfile{Kind: lang.ProfileRamp, From: 0, To: 400, Over: 50 * time.Second}, 400*25 + 400*50},
	} {
		sp := newSpec()
		addService(sp, "s", 1, 1<<20, 0, lang.Dist{})
		ld := addLoad(sp, "l", "s", 0, dur, 0)
		ld.Arrival, ld.Profile = tc.arrival, tc.prof
		ld.BurstOn, ld.BurstOff = time.Second, 3*time.Second
		res := mustRun(t, sp, Options{Seed: 9})
		got := float64(res.Entry.Arrivals)
		tol := 4 * math.Sqrt(tc.want)
		if tc.arrival == lang.ArrivalConstant {
			// Exactly the integral, rounded: rate 200 for 100 s sends
			// 20,000 (arrivals at whole numbers of the integral sent
			// 19,999, the last one falling on the end of the load).
			tc.want, tol = math.Round(tc.want), 0
		}
		if math.Abs(got-tc.want) > tol {
			t.Errorf("%s: %v arrivals, want %v ± %.0f", tc.name, got, tc.want, tol)
		}
		series := res.Entry.Series
		switch tc.name {
		case "steps":
			if a := series[30].Arrivals; a != 0 {
				t.Errorf("steps: %v arrivals/s at 31 s, want 0", a)
			}
		case "bursty": // on 1 s of every 4: 800/s then nothing
			on, off := series[0].Arrivals, series[1].Arrivals+series[2].Arrivals+series[3].Arrivals
			if off != 0 || math.Abs(on-800) > 4*math.Sqrt(800) {
				t.Errorf("bursty: %v/s in the on second, %v in the off ones; want ≈ 800 and 0", on, off)
			}
		}
	}
}

// Replications give the same pooled report whatever the parallelism.
func TestReplicationsDeterministic(t *testing.T) {
	sp := loadDir(t, shopDir)
	a := mustRun(t, sp, Options{Seed: 3, Scenario: "orders-replica-loss", Replications: 3, Duration: 10 * time.Second, Parallelism: 1})
	b := mustRun(t, sp, Options{Seed: 3, Scenario: "orders-replica-loss", Replications: 3, Duration: 10 * time.Second, Parallelism: 3})
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("parallelism changed the result")
	}
	if a.Entry.CI == nil || a.Entry.CI.P99.Low > a.Entry.CI.P99.High || a.Replications != 3 {
		t.Errorf("replications: CI %+v, %d replications", a.Entry.CI, a.Replications)
	}
}

// Diurnal arrivals, Poisson by thinning and constant by the integral, put
// in every 5 s window the integral of the rate over it: within 4 standard
// deviations for Poisson, to one arrival for constant ones. The profile
// starts at a rate of 0, where a constant process must not stall.
func TestDiurnalArrivalWindows(t *testing.T) {
	const dur, window = 120 * time.Second, 5 * time.Second
	p := lang.RateProfile{Kind: lang.ProfileDiurnal, Min: 0, Max: 600, Period: 50 * time.Second, PeakAt: 25 * time.Second}
	for _, arrival := range []string{lang.ArrivalPoisson, lang.ArrivalConstant} {
		g := &generator{load: &lang.Load{Arrival: arrival}, prof: p, end: int64(dur), rng: stream(4, "diurnal"), poisson: arrival == lang.ArrivalPoisson}
		counts := make([]float64, dur/window)
		last := int64(-1)
		for at := g.next(); at >= 0; at = g.next() {
			if at < last {
				t.Fatalf("%s: arrival at %d ns after one at %d ns", arrival, at, last)
			}
			last = at
			counts[time.Duration(at)/window]++
		}
		for i, got := range counts {
			from, to := time.Duration(i)*window, time.Duration(i+1)*window
			want := p.Cumulative(to) - p.Cumulative(from)
			tol := 4*math.Sqrt(want) + 1
			if arrival == lang.ArrivalConstant {
				tol = 1
			}
			if math.Abs(got-want) > tol {
				t.Errorf("%s: %v arrivals in [%v, %v), want %.1f ± %.1f", arrival, got, from, to, want, tol)
			}
		}
	}
}
