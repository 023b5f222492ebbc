package cli

import (
	"testing"

	"github.com/berth-dev/berth/planner"
)

// A destroy's changes say "destroy", not the planner's "not in the
// spec" (the spec is there and declares them).
func TestMarkDestroy(t *testing.T) {
	p := &planner.Plan{Changes: []*planner.Change{
		{Action: planner.Delete, Reasons: []planner.Reason{{Action: planner.Delete, Message: "not in the spec"}}},
		{Action: planner.Delete},
	}}
	markDestroy(p)
	for i, c := range p.Changes {
		if len(c.Reasons) != 1 || c.Reasons[0].Message != "destroy" || c.Reasons[0].Action != planner.Delete {
			t.Errorf("change %d: reasons %+v, want one: destroy", i, c.Reasons)
		}
	}
}
