package loadgen

import (
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// A replay simulates the load as the test sent it: rates scaled, the
// warm-up and the time arrivals were sent; the spec given stays as it was.
func TestReplay(t *testing.T) {
	spec := pickSpec()
	res := &Result{Load: "quick", Scale: 2, Warmup: 0.5, Duration: 3.0004}
	rp, err := NewReplay(spec, "b-fine", res, 7)
	if err != nil {
		t.Fatal(err)
	}
	ld := rp.Spec.Loads["quick"]
	if ld.Profile.Rate != 40 || ld.Warmup != 500*time.Millisecond {
		t.Errorf("replayed load: rate %v, warm-up %v; want 40, 500ms", ld.Profile.Rate, ld.Warmup)
	}
	if rp.Options.Duration != 3*time.Second || rp.Options.Seed != 7 || rp.Case != (simulate.Case{Load: "quick", Scenario: "b-fine"}) || rp.Measured != res {
		t.Errorf("replay %+v, %+v", rp.Options, rp.Case)
	}
	if orig := spec.Loads["quick"]; orig.Profile.Rate != 20 || orig.Warmup != 0 {
		t.Errorf("the spec's load changed: %+v", orig)
	}
	rep, diags := rp.Run()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	// 40/s for 2.5 measured seconds: 100 arrivals, Poisson (σ = 10).
	if rep.Duration != 3 || rep.Warmup != 0.5 || rep.Entry.Arrivals < 60 || rep.Entry.Arrivals > 140 {
		t.Errorf("simulated %vs (warm-up %vs), %d arrivals; want 3s, 0.5s, about 100", rep.Duration, rep.Warmup, rep.Entry.Arrivals)
	}

	for _, bad := range []*Result{
		{Load: "quick", Scale: 1, Warmup: 2, Duration: 1.5},
		{Load: "quick", Scale: 1, Warmup: 2, Duration: 2.0004},
	} {
		if _, err := NewReplay(spec, "", bad, 1); err == nil || !strings.Contains(err.Error(), "not past its warm-up of 2s: nothing to compare") {
			t.Errorf("arrivals for %vs, warm-up %vs: %v", bad.Duration, bad.Warmup, err)
		}
	}
	if _, err := NewReplay(spec, "", &Result{Load: "nope", Duration: 1}, 1); err == nil {
		t.Error("a load the spec lacks: no error")
	}
}

func TestHopText(t *testing.T) {
	for _, tc := range []struct {
		d    lang.Dist
		want string
	}{
		{lang.Dist{}, "0"},
		{lang.Dist{Kind: "exp", Params: []float64{0.001}, Source: "exp(1ms)"}, "exp(1ms)"},
		{lang.Dist{Kind: lang.DistConst, Params: []float64{0.001}}, "const"},
	} {
		if got := HopText(tc.d); got != tc.want {
			t.Errorf("HopText(%+v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
