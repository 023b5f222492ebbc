package whatif

import (
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/lang"
)

const mmcSpec = `
service "api" {
  capacity {
    workers      = 2
    queue        = 100000
    service_time = "exp(10ms)"
  }
}

load "steady" {
  entry    = service.api
  rate     = 200
  duration = "30s"
}

slo "tail" {
  p99 = "80ms"
}
`

// With --vary and --load-scale together, the search answers per
// multiplier, and more load never needs less capacity.
func TestCapacityPerScale(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates")
	}
	spec, diags := lang.NewLoader().Load("m", lang.Options{FS: fstest.MapFS{"m/main.berth.hcl": {Data: []byte(mmcSpec)}}, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	dim, _ := ParseVary("api.workers=1..16")
	res, diags := Search(spec, Options{Dims: []Dimension{dim}, Scales: []float64{1, 2, 3}, Replications: 2, Seed: 3})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(res.Best) != 3 {
		t.Fatalf("best per scale: %+v", res.Best)
	}
	prev := 0.0
	for _, b := range res.Best {
		if b.Trial == nil {
			t.Fatalf("nothing passes at %g×", b.Scale)
		}
		w := b.Trial.Values[0]
		// a = λ/μ = 2 per 1×: fewer workers than a saturate.
		if w <= 2*b.Scale || w < prev {
			t.Errorf("%g×: %g workers (previous scale %g): want more than %g and no fewer than before", b.Scale, w, prev, 2*b.Scale)
		}
		prev = w
	}
	if res.MaxScale != 3 {
		t.Errorf("max scale %g, want 3", res.MaxScale)
	}
}

func TestParseVary(t *testing.T) {
	tests := []struct {
		in   string
		want []float64
		err  bool
	}{
		{"orders.replicas=1..4", []float64{1, 2, 3, 4}, false},
		{"gateway.workers=16..64:16", []float64{16, 32, 48, 64}, false},
		{"orders.cpus=0.5..1.5", []float64{0.5, 0.75, 1, 1.25, 1.5}, false},
		{"orders.replicas=4,1,2", []float64{1, 2, 4}, false},
		{"orders.replicas=1.5..3", nil, true},
		{"orders.replicas=0..2", nil, true},
		{"orders.color=1..2", nil, true},
		{"orders=1..2", nil, true},
		{"orders.replicas=3..1", nil, true},
		{"orders.replicas=1..100000000", nil, true},
		{"orders.cpus=nan", nil, true},
		{"orders.cpus=1,inf", nil, true},
		{"orders.workers=1..inf", nil, true},
		{"orders.workers=nan..nan", nil, true},
		{"orders.workers=1..4:nan", nil, true},
		{"orders.cpus=1..2:inf", nil, true},
		{"orders.replicas=1e300", nil, true},
		{"orders.queue=2147483648", nil, true},
		{"orders.queue=2147483647", []float64{2147483647}, false},
	}
	for _, tt := range tests {
		d, err := ParseVary(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("%s: error %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && fmtFloats(d.Values) != fmtFloats(tt.want) {
			t.Errorf("%s: %v, want %v", tt.in, d.Values, tt.want)
		}
	}
	for _, in := range []string{"nan", "inf", "1,+Inf", "nan..nan", "1..2:NaN"} {
		if s, err := ParseScale(in); err == nil {
			t.Errorf("--load-scale %s: %v, want an error", in, s)
		}
	}
	s, err := ParseScale("0.5..1")
	if err != nil || fmtFloats(s) != fmtFloats([]float64{0.5, 0.6, 0.7, 0.8, 0.9, 1}) {
		t.Errorf("scale 0.5..1: %v %v", s, err)
	}
}

func fmtFloats(xs []float64) string {
	out := ""
	for _, x := range xs {
		out += " " + formatFloat(x)
	}
	return out
}

func formatFloat(x float64) string { return number(x) }
