package review

import (
	"testing"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestFlattenNeverCalled: a call with probability 0 is recorded, so a
// review shows a change from 1 to 0 (it used to read as unset).
func TestFlattenNeverCalled(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want any // nil: not recorded
	}{{1, nil}, {0.5, "0.5"}, {0, "0"}} {
		out := planner.Attrs{}
		flattenFlow("ep", &lang.Step{Kind: lang.StepCall, Call: &lang.Call{Service: "db", Probability: tc.p}}, out)
		if got, ok := out["ep.call.db.probability"]; tc.want == nil && ok || tc.want != nil && got != tc.want {
			t.Errorf("probability %g: recorded %v (%v), want %v", tc.p, got, ok, tc.want)
		}
	}
}
