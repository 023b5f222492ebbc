package review

import (
	"encoding/json"
	"strings"
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
	}{{1, nil}, {0.5, 0.5}, {0, 0.0}} {
		out := planner.Attrs{}
		flattenFlow("ep", &lang.Step{Kind: lang.StepCall, Call: &lang.Call{Service: "db", Probability: tc.p}}, out)
		if got, ok := out["ep.call.db.probability"]; tc.want == nil && ok || tc.want != nil && got != tc.want {
			t.Errorf("probability %g: recorded %v (%v), want %v", tc.p, got, ok, tc.want)
		}
	}
}

// A decimal reads as a number in a review, as a whole number does: the
// text is `probability: 0.4 → 1`, not `"0.4" → 1`, and JSON has numbers.
func TestDecimalsUnquoted(t *testing.T) {
	step := func(p float64) planner.Attrs {
		out := planner.Attrs{}
		flattenFlow("ep", &lang.Step{Kind: lang.StepCall, Call: &lang.Call{Service: "db", Probability: p}}, out)
		return out
	}
	old, new := step(0.4), step(0.25)
	var ac *AttrChange
	for _, r := range diffAttrs(old, new) {
		if r.Attribute == "ep.call.db.probability" {
			ac = &AttrChange{Reason: r}
		}
	}
	if ac == nil {
		t.Fatalf("no change of the probability: %v", diffAttrs(old, new))
	}
	if got, want := ac.text(nil), "ep.call.db.probability: 0.4 → 0.25"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	js, err := json.Marshal(ac)
	if err != nil || !strings.Contains(string(js), `"before":0.4`) || !strings.Contains(string(js), `"after":0.25`) {
		t.Errorf("JSON %s (%v): want numbers", js, err)
	}
}
