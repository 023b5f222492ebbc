package burst

import (
	"testing"
	"time"
)

const s = int64(time.Second)

// TestOnTime: every run of a load with 10 s bursts every minute is on for
// on/(on + off) of its length, so it offers the rate on average: whole
// cycles as they are, a last partial cycle with a burst cut to its share.
// Runs shorter than a cycle or ending in one were on for up to the whole
// burst (a 30 s run for 10 s, twice the rate).
func TestOnTime(t *testing.T) {
	for _, tc := range []struct {
		end int64   // run length, s
		on  float64 // time on, s
	}{
		{5, 5 * 10 / 60.0},
		{10, 10 * 10 / 60.0},
		{30, 5},
		{60, 10},
		{90, 15},
		{120, 20},
		{125, 20 + 5*10/60.0},
		{600, 100},
	} {
		p := Phases{On: 10 * s, Per: 60 * s, End: tc.end * s}
		var on int64
		for t0 := int64(0); t0 < p.End; {
			burst, until := p.At(t0)
			if until <= t0 || until > p.End {
				t.Fatalf("end %ds: phase at %v ends at %v", tc.end, time.Duration(t0), time.Duration(until))
			}
			if burst {
				on += until - t0
			}
			t0 = until
		}
		want := int64(tc.on * float64(s))
		if d := on - want; d < -1 || d > 1 {
			t.Errorf("a %d s run is on for %v, want %v (the mean rate is the rate)", tc.end, time.Duration(on), time.Duration(want))
		}
	}
}

// TestPhases: whole cycles start with the full burst; the last, partial
// one with a burst of its share.
func TestPhases(t *testing.T) {
	p := Phases{On: 10 * s, Per: 60 * s, End: 90 * s}
	for _, tc := range []struct {
		at    int64 // s
		on    bool
		until int64 // s
	}{
		{0, true, 10}, {9, true, 10}, {10, false, 60}, {59, false, 60},
		{60, true, 65}, {64, true, 65}, {65, false, 90}, {89, false, 90},
	} {
		on, until := p.At(tc.at * s)
		if on != tc.on || until != tc.until*s {
			t.Errorf("At(%ds) = %v, %v; want %v, %ds", tc.at, on, time.Duration(until), tc.on, tc.until)
		}
	}
	if f := p.Factor(); f != 6 {
		t.Errorf("factor %v, want 6", f)
	}
}
