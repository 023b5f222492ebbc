package whatif

import (
	"testing"

	"github.com/berth-dev/berth/lang"
)

// TestScaleLoadsUsers: --load-scale multiplies a closed load's users
// (rounded, at least one), as it multiplies an open load's rate; a closed
// load has no rate, so scaling it left it as it was.
func TestScaleLoadsUsers(t *testing.T) {
	for _, tc := range []struct {
		users int
		k     float64
		want  int
	}{{100, 1.5, 150}, {10, 0.25, 3}, {3, 0.1, 1}, {7, 2, 14}} {
		spec := &lang.Spec{Loads: map[string]*lang.Load{
			"c": {Name: "c", Users: tc.users},
			"o": {Name: "o", Profile: lang.RateProfile{Kind: lang.ProfileConstant, Rate: 100}},
		}}
		scaleLoads(spec, tc.k)
		if got := spec.Loads["c"].Users; got != tc.want {
			t.Errorf("%d users × %g: %d, want %d", tc.users, tc.k, got, tc.want)
		}
		if r := spec.Loads["o"].Profile.Rate; r != 100*tc.k {
			t.Errorf("rate 100 × %g: %g", tc.k, r)
		}
	}
}
