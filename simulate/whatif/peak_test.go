package whatif

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/berth-dev/berth/lang"
)

func TestPeakRate(t *testing.T) {
	s := time.Second
	steps := lang.RateProfile{Kind: lang.ProfileSteps, Rate: 100, Steps: []lang.RateStep{{At: 10 * s, Rate: 300}, {At: 30 * s, Rate: 1000}}}
	ramp := lang.RateProfile{Kind: lang.ProfileRamp, From: 10, To: 1010, Over: 100 * s}
	down := lang.RateProfile{Kind: lang.ProfileRamp, From: 500, To: 100, Over: 10 * s}
	day := lang.RateProfile{Kind: lang.ProfileDiurnal, Min: 100, Max: 900, Period: 100 * s, PeakAt: 50 * s}
	tests := []struct {
		name string
		p    lang.RateProfile
		d    time.Duration
		want float64
	}{
		{"constant", lang.RateProfile{Kind: lang.ProfileConstant, Rate: 42}, 5 * s, 42},
		{"steps before the second", steps, 20 * s, 300},
		{"step at the end sends nothing", steps, 30 * s, 300},
		{"every step", steps, 31 * s, 1000},
		{"no duration: the whole profile", steps, 0, 1000},
		{"ramp cut short", ramp, 20 * s, 210},
		{"ramp past its end", ramp, 200 * s, 1010},
		{"ramp down", down, 5 * s, 500},
		{"diurnal before its peak", day, 25 * s, 500},
		{"diurnal over its peak", day, 60 * s, 900},
	}
	for _, tt := range tests {
		if got := PeakRate(tt.p, tt.d); got != tt.want {
			t.Errorf("%s: %g, want %g", tt.name, got, tt.want)
		}
	}
}

// TestPruneOnlyWithinTheRun: a step to 10× the rate declared after the
// end of the load sends no request, so it cannot prune a configuration
// that passes (whatif said "nothing in the ranges passes" for a spec
// that berth simulate passed); with --duration past the step it does.
func TestPruneOnlyWithinTheRun(t *testing.T) {
	src := `
service "api" {
  capacity {
    workers      = 1
    queue        = 1000
    service_time = "exp(5ms)"
  }
}
load "l" {
  entry    = service.api
  rate     = 100
  step {
    at   = "30s"
    rate = 1000
  }
  duration = "20s"
}
slo "x" {
  service = "api"
  p99     = "100ms"
}
`
	spec, diags := lang.NewLoader().Load("p", lang.Options{FS: fstest.MapFS{"p/main.berth.hcl": {Data: []byte(src)}}, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	dim, _ := ParseVary("api.workers=1..2")
	res, diags := Search(spec, Options{Dims: []Dimension{dim}, Replications: 1, Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if best := res.Best[0].Trial; best == nil || best.Values[0] != 1 {
		t.Fatalf("best %+v, want api.workers = 1 (ρ = 0.5 for the whole run); trials %+v", best, res.Trials)
	}
	res, diags = Search(spec, Options{Dims: []Dimension{dim}, Replications: 1, Seed: 1, Duration: 40 * time.Second})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if res.Best[0].Trial != nil || res.Simulations != 0 {
		t.Errorf("with --duration 40s the step saturates every value: best %+v, %d simulated", res.Best[0].Trial, res.Simulations)
	}
}
