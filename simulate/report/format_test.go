package report

import (
	"math"
	"testing"
)

func TestFormats(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"latency µs", fmtLatency(0.00042), "0.42 ms"},
		{"latency ms", fmtLatency(0.0235), "23.5 ms"},
		{"latency 3 digits", fmtLatency(0.3292), "329 ms"},
		{"latency s", fmtLatency(1.25), "1.25 s"},
		{"latency NaN", fmtLatency(math.NaN()), "0 ms"},
		{"pct big", fmtPct(0.183), "18 %"},
		{"pct mid", fmtPct(0.0453), "4.5 %"},
		{"pct small", fmtPct(0.000133), "0.0133 %"},
		{"pct zero", fmtPct(0), "0 %"},
		{"pct inf", fmtPct(math.Inf(1)), "0 %"},
		{"rate", fmtRate(301.145), "301 /s"},
		{"rate small", fmtRate(4.56), "4.56 /s"},
		{"count", fmtCount(16567), "16\u202f567"},
		{"count big", fmtCount(-1234567), "-1\u202f234\u202f567"},
		{"count small", fmtCount(999), "999"},
		{"clock", fmtClock(30.000743928), "30.001 s"},
		{"clock whole", fmtClock(20), "20 s"},
		{"metric latency", fmtMetric("p99", 0.25), "250 ms"},
		{"metric rate", fmtMetric("error_rate", 0.01), "1.0 %"},
		{"metric throughput", fmtMetric("throughput", 250), "250 /s"},
		{"sig trims zeros", sig(2.5), "2.5"},
		{"sig negative", sig(-0.5), "-0.5"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		n      int
		want   []string
	}{
		{0, 60, 10, []string{"0", "10", "20", "30", "40", "50", "60"}},
		{0, 90, 10, []string{"0", "10", "20", "30", "40", "50", "60", "70", "80", "90"}},
		{0, 0.37, 5, []string{"0", "0.1", "0.2", "0.3"}},
		{0, 36000, 10, []string{"0", "5000", "10000", "15000", "20000", "25000", "30000", "35000"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (niceTicks{n: tt.n}).Ticks(tt.lo, tt.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("ticks(%g, %g) = %q, want %q", tt.lo, tt.hi, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("ticks(%g, %g) = %q, want %q", tt.lo, tt.hi, got, tt.want)
				break
			}
		}
	}
}
