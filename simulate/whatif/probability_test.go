package whatif

import (
	"math"
	"testing"
)

// TestOfferedProbability: the analytic rates agree with the simulator on
// probabilities: 0 is never, an absent probability is 1.
func TestOfferedProbability(t *testing.T) {
	spec := loadSpec(t, "../testdata/probability")
	o := OfferedLoad(spec, spec.Loads["l"], 100)
	for svc, want := range map[string]float64{"gw": 100, "always": 100, "never": 0, "half": 50, "sink": 0} {
		if got := o.Rate[svc]; math.Abs(got-want) > 1e-9 {
			t.Errorf("rate %s = %g, want %g", svc, got, want)
		}
	}
	if q := o.QueueRate["events"]; q != 0 {
		t.Errorf("queue events gets %g/s, want 0", q)
	}
}
