package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// TestReportSaysWhatANotStartedStepWaitedFor: a step not started because
// a step it waits for (itself or through other steps not started) failed
// says which; one not started only because apply stopped says nothing
// more. The report said "#2 create service.web" without why.
func TestReportSaysWhatANotStartedStepWaitedFor(t *testing.T) {
	step := func(id int, name string, after ...int) *planner.Step {
		return &planner.Step{ID: id, Op: planner.OpCreate, After: after, Change: &planner.Change{Address: planner.Address{Type: "service", Name: name}}}
	}
	fail := func(s *planner.Step) *backends.StepError {
		return &backends.StepError{Step: s, Err: errors.New("boom")}
	}
	db, a, b := step(1, "db"), step(1, "a"), step(2, "b")
	for _, tc := range []struct {
		name        string
		res         *backends.Result
		want, never []string
	}{
		{
			name: "waits for the failed step",
			res:  &backends.Result{Failed: []*backends.StepError{fail(db)}, NotStarted: []*planner.Step{step(2, "web", 1)}},
			want: []string{"  #2 create service.web: waited for service.db, which failed\n"},
		},
		{
			name: "waits through a step not started",
			res:  &backends.Result{Failed: []*backends.StepError{fail(db)}, NotStarted: []*planner.Step{step(2, "api", 1), step(3, "web", 2)}},
			want: []string{
				"  #2 create service.api: waited for service.db, which failed\n",
				"  #3 create service.web: waited for service.db, which failed\n",
			},
		},
		{
			name:  "stopped by an unrelated failure",
			res:   &backends.Result{Done: []*planner.Step{step(2, "x")}, Failed: []*backends.StepError{fail(db)}, NotStarted: []*planner.Step{step(3, "web", 2)}},
			want:  []string{"  #3 create service.web\n"},
			never: []string{"waited"},
		},
		{
			name: "waits for two failed steps",
			res:  &backends.Result{Failed: []*backends.StepError{fail(b), fail(a)}, NotStarted: []*planner.Step{step(3, "web", 2, 1)}},
			want: []string{"  #3 create service.web: waited for service.a and service.b, which failed\n"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			cmd := &cobra.Command{}
			cmd.SetOut(&out)
			cmd.SetErr(&out)
			if err := reportResult(cmd, tc.res, "apply"); err == nil {
				t.Fatal("a failed apply reported success")
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("the report lacks %q:\n%s", w, out.String())
				}
			}
			for _, n := range tc.never {
				if strings.Contains(out.String(), n) {
					t.Errorf("the report says %q:\n%s", n, out.String())
				}
			}
		})
	}
}
