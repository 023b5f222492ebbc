package lang

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{"300ms", 300 * time.Millisecond, ""},
		{"1m30s", 90 * time.Second, ""},
		{"1.5s", 1500 * time.Millisecond, ""},
		{"2h", 2 * time.Hour, ""},
		{" 5us ", 5 * time.Microsecond, ""},
		{"2", 2 * time.Second, ""},
		{"0.25", 250 * time.Millisecond, ""},
		{"0", 0, ""},
		{"", 0, "cannot be empty"},
		{"5 seconds", 0, "not a duration"},
		{"1d", 0, "not a duration"},
		{"-1s", 0, "negative"},
		{"-3", 0, "negative"},
		{"1e300", 0, "too long"},
		{"NaN", 0, "finite"},
		// A decimal exponent, which Go's syntax lacks, on a single number.
		{"1e-2s", 10 * time.Millisecond, ""},
		{"2.5E3ms", 2500 * time.Millisecond, ""},
		{"1e+1m", 10 * time.Minute, ""},
		{"5e2us", 500 * time.Microsecond, ""},
		{".5e1s", 5 * time.Second, ""},
		{"1e-2", 10 * time.Millisecond, ""},
		{"-1e-2s", 0, "negative"},
		{"1e300h", 0, "too long"},
		{"1e400s", 0, "too long"},
		{"1es", 0, "not a duration"},
		{"1e-2d", 0, "not a duration"},
		{"1e-2s30ms", 0, "not a duration"},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseDuration(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in      string
		want    Size
		wantErr bool
	}{
		{"256MiB", 256 << 20, false},
		{"256Mi", 256 << 20, false},
		{"256mi", 256 << 20, false},
		{"1GiB", 1 << 30, false},
		// Docker's convention: k, m, g, t, p with an optional b are binary
		// and case does not matter, so "256M" is 256 MiB as in compose.
		{"256M", 256 << 20, false},
		{"256m", 256 << 20, false},
		{"256mb", 256 << 20, false},
		{"256MB", 256 << 20, false},
		{"512m", 512 << 20, false},
		{"1g", 1 << 30, false},
		{"1G", 1 << 30, false},
		{"1GB", 1 << 30, false},
		{"512k", 512 << 10, false},
		{"512K", 512 << 10, false},
		{"2Ki", 2048, false},
		{"1.5KiB", 1536, false},
		{"1.5g", 3 << 29, false},
		{"100B", 100, false},
		{"100b", 100, false},
		{"1024", 1024, false},
		{"1Ti", 1 << 40, false},
		{"1p", 1 << 50, false},
		{" 64 MiB ", 64 << 20, false},
		{"", 0, true},
		{"MiB", 0, true},
		{"256 MiB/s", 0, true},
		{"256mbb", 0, true},
		{"256x", 0, true},
		{"-1MiB", 0, true},
		{"NaN", 0, true},
		{"99999999999999999999G", 0, true},
		{"1e300", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseSize(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), `"512m", "1g", "256MiB"`) && !strings.Contains(err.Error(), "out of range") {
			t.Errorf("ParseSize(%q) error %q does not say which forms are accepted", tt.in, err)
		}
	}
}

func TestParseDist(t *testing.T) {
	tests := []struct {
		in      string
		kind    DistKind
		params  []float64
		wantErr string
	}{
		{"const(2ms)", DistConst, []float64{0.002}, ""},
		{"5ms", DistConst, []float64{0.005}, ""},
		{"exp(10ms)", DistExp, []float64{0.01}, ""},
		{"lognormal(4ms, 20ms)", DistLognormal, []float64{0.004, 0.02}, ""},
		{" lognormal( 4ms ,20ms ) ", DistLognormal, []float64{0.004, 0.02}, ""},
		{"normal(10ms, 2ms)", DistNormal, []float64{0.01, 0.002}, ""},
		{"gamma(10ms, 2)", DistGamma, []float64{0.01, 2}, ""},
		{"uniform(1ms, 5ms)", DistUniform, []float64{0.001, 0.005}, ""},
		{"empirical(1ms, 2ms, 2ms, 40ms)", DistEmpirical, []float64{0.001, 0.002, 0.002, 0.04}, ""},
		{"empirical(3ms)", DistEmpirical, []float64{0.003}, ""},
		{"const(0.5)", DistConst, []float64{0.5}, ""},
		{"const(1e-2s)", DistConst, []float64{0.01}, ""},
		{"1e-2s", DistConst, []float64{0.01}, ""},
		{"lognormal(4e-3s, 2e1ms)", DistLognormal, []float64{0.004, 0.02}, ""},
		// The aliases of queueing texts.
		{"exponential(10ms)", DistExp, []float64{0.01}, ""},
		{"deterministic(2ms)", DistConst, []float64{0.002}, ""},
		{"erlang(10ms, 4)", DistGamma, []float64{0.01, 0.5}, ""},
		{"erlang(10ms, 1)", DistGamma, []float64{0.01, 1}, ""},
		{"erlang(10ms, 2.5)", "", nil, "whole number"},
		{"erlang(10ms, 0)", "", nil, "whole number"},
		{"erlang(10ms, -4)", "", nil, "whole number"},
		{"erlang(10ms, x)", "", nil, "whole number"},
		{"erlang(0s, 4)", "", nil, "erlang(mean, k) needs a mean above zero"},
		{"erlang(10ms)", "", nil, "erlang takes 2 parameters"},
		{"exponential(0s)", "", nil, "the mean of exponential"},
		{"expo(10ms)", "", nil, "did you mean exp?"},
		{"Erlang(10ms, 4)", "", nil, "did you mean erlang?"},
		{"lognormal(4ms)", "", nil, "2 parameters"},
		{"exp(1ms, 2ms)", "", nil, "one parameter"},
		{"empirical()", "", nil, "one or more"},
		{"weibull(1ms, 2)", "", nil, "not a distribution"},
		{"exp(10ms", "", nil, "not a distribution"},
		{"fast", "", nil, "not a distribution"},
		{"exp(0s)", "", nil, "more than zero"},
		{"lognormal(20ms, 4ms)", "", nil, "median <= p99"},
		{"gamma(10ms, x)", "", nil, "not a number"},
		{"gamma(10ms, 0)", "", nil, "above zero"},
		{"uniform(5ms, 1ms)", "", nil, "min <= max"},
		{"normal(10ms, -2ms)", "", nil, "negative"},
	}
	for _, tt := range tests {
		got, err := ParseDist(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseDist(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "not a distribution") {
				for name := range distNames {
					if !strings.Contains(err.Error(), name+"(") {
						t.Errorf("ParseDist(%q) error %q does not list %s", tt.in, err, name)
					}
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDist(%q): %v", tt.in, err)
			continue
		}
		approx := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-12 })
		if got.Kind != tt.kind || !cmp.Equal(got.Params, tt.params, approx) || got.Source != tt.in {
			t.Errorf("ParseDist(%q) = %+v, want %s%v", tt.in, got, tt.kind, tt.params)
		}
	}
}

// TestDistMedian: the median of each kind, as the timeout check uses it
// (gamma and empirical returned their mean).
func TestDistMedian(t *testing.T) {
	tests := []struct {
		src  string
		want float64
	}{
		{"const(5ms)", 0.005},
		{"exp(10ms)", 0.01 * math.Ln2},
		{"gamma(10ms, 1)", 0.01 * math.Ln2}, // gamma with cv 1 is exp
		{"gamma(100ms, 2)", 0.0174695},      // shape 1/4: most draws are far below the mean
		{"erlang(10ms, 4)", 0.0091802},      // by series of the incomplete gamma function
		{"uniform(10ms, 100ms)", 0.055},
		{"empirical(10ms, 20ms, 30ms, 400ms, 500ms)", 0.03},
		{"empirical(40ms, 10ms, 30ms, 20ms)", 0.02},
		{"empirical(7ms)", 0.007},
	}
	for _, tt := range tests {
		d, err := ParseDist(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Median(); math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("%s: median %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestDistMoments(t *testing.T) {
	mustDist := func(s string) Dist {
		d, err := ParseDist(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if m := mustDist("lognormal(4ms, 20ms)").Median(); math.Abs(m-0.004) > 1e-12 {
		t.Errorf("lognormal median = %v, want 0.004", m)
	}
	if m := mustDist("exp(10ms)").Median(); math.Abs(m-0.01*math.Ln2) > 1e-12 {
		t.Errorf("exp median = %v", m)
	}
	if scv := mustDist("gamma(10ms, 0.5)").SCV(); math.Abs(scv-0.25) > 1e-12 {
		t.Errorf("gamma SCV = %v, want 0.25", scv)
	}
	// Erlang-k has mean m and SCV 1/k; its aliases keep their moments.
	if d := mustDist("erlang(10ms, 4)"); math.Abs(d.SCV()-0.25) > 1e-12 || math.Abs(d.Mean()-0.01) > 1e-12 {
		t.Errorf("erlang(10ms, 4): mean %v, SCV %v; want 0.01, 0.25", d.Mean(), d.SCV())
	}
	if scv := mustDist("exponential(10ms)").SCV(); scv != 1 {
		t.Errorf("exponential SCV = %v, want 1", scv)
	}
	if scv := mustDist("deterministic(10ms)").SCV(); scv != 0 {
		t.Errorf("deterministic SCV = %v, want 0", scv)
	}
}
