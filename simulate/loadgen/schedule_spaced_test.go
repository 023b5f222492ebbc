package loadgen

import (
	"math"
	"net/url"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestConstantFromZero: constant arrivals on a profile that starts at or
// passes through a rate of 0 are placed where the integral of the rate
// reaches 1, 2, 3, ... (as the simulator places them), not 1/rate(t)
// apart, which read at a near-zero rate leaps past the whole load.
func TestConstantFromZero(t *testing.T) {
	const d = 10 * time.Second
	ramp := &lang.Load{Name: "ramp", Arrival: lang.ArrivalConstant, Duration: d,
		Profile: lang.RateProfile{Kind: lang.ProfileRamp, From: 0, To: 100, Over: d}}
	ts := arrivals(ramp, 1, d, 1)
	if len(ts) < 499 || len(ts) > 500 { // ∫ 10·t dt over 10 s = 500
		t.Fatalf("ramp 0→100/s over 10 s: %d arrivals, want 500 (−1)", len(ts))
	}
	// The n-th arrival at 5t² = n: the first at √0.2 s, the 100th at √20 s.
	for _, n := range []int{1, 100, 400} {
		want := time.Duration(math.Sqrt(float64(n)/5) * 1e9)
		if got := ts[n-1]; got < want-time.Microsecond || got > want+time.Microsecond {
			t.Errorf("arrival %d at %v, want %v", n, got, want)
		}
	}
	if h1, h2 := countIn(ts, 0, d/2), countIn(ts, d/2, d); h1 < 124 || h1 > 126 || h2 < 373 || h2 > 376 {
		t.Errorf("halves %d + %d, want 125 + 375", h1, h2)
	}

	diurnal := &lang.Load{Name: "day", Arrival: lang.ArrivalConstant, Duration: 4 * d,
		Profile: lang.RateProfile{Kind: lang.ProfileDiurnal, Min: 0, Max: 50, Period: 2 * d, PeakAt: d}}
	ts = arrivals(diurnal, 2, 4*d, 1) // scaled: 0–100/s, mean 50/s
	if len(ts) < 1999 || len(ts) > 2000 {
		t.Errorf("diurnal 0–100/s for 40 s: %d arrivals, want 2000 (−1)", len(ts))
	}
	for i := 1; i < len(ts); i++ {
		if ts[i] <= ts[i-1] {
			t.Fatalf("arrival %d at %v after %v", i, ts[i], ts[i-1])
		}
	}
}

// TestLoadTimeoutDefault: the client timeout is --timeout when set, else
// the load's own timeout, else DefaultTimeout.
func TestLoadTimeoutDefault(t *testing.T) {
	for _, tc := range []struct {
		flag, load, want time.Duration
	}{
		{0, 0, DefaultTimeout},
		{0, 250 * time.Millisecond, 250 * time.Millisecond},
		{3 * time.Second, 250 * time.Millisecond, 3 * time.Second},
	} {
		ld := load(10, lang.ArrivalPoisson, time.Second)
		ld.Timeout = tc.load
		o := Options{Target: mustURL(t, "http://127.0.0.1:8080"), Load: ld, Timeout: tc.flag}
		if err := o.check(); err != nil {
			t.Fatal(err)
		}
		if o.Timeout != tc.want {
			t.Errorf("flag %v, load %v: timeout %v, want %v", tc.flag, tc.load, o.Timeout, tc.want)
		}
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
