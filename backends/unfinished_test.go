package backends

import (
	"os"
	"slices"
	"testing"

	"github.com/berth-dev/berth/planner"
)

// An apply stopped between a replacement's delete and its create records
// the address; a later apply that creates it forgets it, and the file goes
// when nothing is pending.
func TestRecordUnfinished(t *testing.T) {
	t.Setenv(EnvStateDir, t.TempDir())
	step := func(op planner.Op, name string) *planner.Step {
		return &planner.Step{Op: op, Change: &planner.Change{Address: planner.Address{Type: "container", Name: name}}}
	}
	del1, cre1 := step(planner.OpDelete, "web[1]"), step(planner.OpCreate, "web[1]")
	del2, cre2 := step(planner.OpDelete, "web[2]"), step(planner.OpCreate, "web[2]")
	del3 := step(planner.OpDelete, "web[3]") // a scale down: not created again
	p := &planner.Plan{Steps: []*planner.Step{del1, cre1, del2, cre2, del3}}

	// interrupted: both deletes done, one create
	if err := RecordUnfinished("p", p, &Result{Done: []*planner.Step{del1, del2, cre2, del3}, NotStarted: []*planner.Step{cre1}, Interrupted: true}); err != nil {
		t.Fatal(err)
	}
	if got := ReadUnfinished("p"); !slices.Equal(got, []planner.Address{{Type: "container", Name: "web[1]"}}) {
		t.Fatalf("pending after the interrupt: %v", got)
	}
	// the next apply creates it
	p2 := &planner.Plan{Steps: []*planner.Step{cre1}}
	if err := RecordUnfinished("p", p2, &Result{Done: []*planner.Step{cre1}}); err != nil {
		t.Fatal(err)
	}
	if got := ReadUnfinished("p"); len(got) != 0 {
		t.Fatalf("pending after the create: %v", got)
	}
	if _, err := os.Stat(unfinishedPath("p")); !os.IsNotExist(err) {
		t.Errorf("the record is left: %v", err)
	}
}
