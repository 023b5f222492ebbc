package cli

import (
	"errors"
	"fmt"
	"testing"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// TestDoneCountsMadeChanges: a step that failed after its change was made
// (a swarm service updated that did not converge) counts as changed in
// apply's 'Resources so far'; one that failed before counts nothing. The
// summary said '0 changed' under 'update service.web: updated, but not
// converged'.
func TestDoneCountsMadeChanges(t *testing.T) {
	step := func(id int, op planner.Op, typ, name string) *planner.Step {
		return &planner.Step{ID: id, Op: op, Change: &planner.Change{Address: planner.Address{Type: typ, Name: name}}}
	}
	res := &backends.Result{
		Done: []*planner.Step{step(1, planner.OpCreate, "secret", "s")},
		Failed: []*backends.StepError{
			{Step: step(2, planner.OpUpdate, "service", "web"), Err: &backends.MadeError{Err: fmt.Errorf("updated, but %w", errors.New("not converged"))}},
			{Step: step(3, planner.OpCreate, "service", "db"), Err: &backends.MadeError{Err: errors.New("created, but not converged")}},
			{Step: step(4, planner.OpUpdate, "service", "api"), Err: errors.New("rpc error: update out of sequence")},
		},
	}
	if add, change, destroy := doneCounts(res); add != 2 || change != 1 || destroy != 0 {
		t.Errorf("doneCounts = %d added, %d changed, %d destroyed; want 2, 1, 0", add, change, destroy)
	}
}
