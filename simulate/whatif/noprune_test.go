package whatif

import "testing"

// TestNoPrune: a ramp that overloads its service only at its last instant
// (ρ = 1.04 for 2.6 s of 60) fails the offered-load analysis, yet one
// replica meets the slo when simulated. The search prunes it, so its
// cheapest is 2 replicas; with NoPrune it simulates it and finds 1.
func TestNoPrune(t *testing.T) {
	spec := loadSpec(t, "testdata/rampedge")
	d, err := ParseVary("api.replicas=1..2")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		noPrune  bool
		status   string // of replicas = 1
		cheapest float64
	}{{false, StatusPruned, 2}, {true, StatusPass, 1}} {
		r, diags := Search(spec, Options{Dims: []Dimension{d}, Replications: 1, NoPrune: tc.noPrune})
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		var one *Trial
		for _, tr := range r.Trials {
			if tr.Values[0] == 1 {
				one = tr
			}
		}
		if one == nil || one.Status != tc.status {
			t.Errorf("NoPrune %v: replicas = 1 %+v, want %s", tc.noPrune, one, tc.status)
		}
		if len(r.Best) != 1 || r.Best[0].Trial == nil || r.Best[0].Trial.Values[0] != tc.cheapest {
			t.Errorf("NoPrune %v: cheapest %+v, want replicas = %g", tc.noPrune, r.Best, tc.cheapest)
		}
	}
}
