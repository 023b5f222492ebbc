package whatif

import (
	"math"
	"testing"

	"github.com/berth-dev/berth/lang"
)

// TestOfferedNormalAsDrawn: the offered load counts a normal(m, sd)
// service time at the mean the simulator draws (negative draws redrawn),
// not at m: normal(10ms, 10ms) averages 12.87 ms, so 70/s on one worker
// is ρ = 0.90, not 0.70, and normal(0, 10ms) is 7.98 ms of work, not none.
func TestOfferedNormalAsDrawn(t *testing.T) {
	for _, tc := range []struct {
		st   string
		want float64
	}{
		{"normal(10ms, 1ms)", 0.70},
		{"normal(10ms, 10ms)", 70 * 0.0128760},
		{"normal(0s, 10ms)", 70 * 0.0079788},
	} {
		d, err := lang.ParseDist(tc.st)
		if err != nil {
			t.Fatal(err)
		}
		spec := &lang.Spec{Services: map[string]*lang.Service{
			"s": {Name: "s", Replicas: 1, Capacity: lang.Capacity{Workers: 1, ServiceTime: d, Model: lang.ModelThread}},
		}}
		o := OfferedLoad(spec, &lang.Load{Entry: lang.Ref{Service: "s"}}, 70)
		if got := o.Local["s"]; math.Abs(got-tc.want) > 1e-3*tc.want {
			t.Errorf("%s at 70/s: ρ = %.4f, want %.4f", tc.st, got, tc.want)
		}
	}
}
