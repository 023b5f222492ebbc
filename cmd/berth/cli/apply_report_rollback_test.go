package cli

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/swarm"
	"github.com/berth-dev/berth/planner"
)

// After an update that swarm rolled back, apply's last line does not tell
// the user to run the same apply again to converge (that repeats the
// rollback): it names what was rolled back and says to fix it first. Other
// failures keep the usual advice.
func TestApplyReportAfterARollback(t *testing.T) {
	web := &planner.Step{ID: 1, Op: planner.OpUpdate, Change: &planner.Change{Address: planner.Address{Type: "service", Name: "web"}}}
	report := func(err error) string {
		var b strings.Builder
		cmd := &cobra.Command{}
		cmd.SetErr(&b)
		cmd.SetOut(&b)
		reportResult(cmd, &backends.Result{Failed: []*backends.StepError{{Step: web, Err: err}}}, "apply")
		return b.String()
	}
	out := report(fmt.Errorf("update %w: rollback completed; task p_web.1 (failed): unhealthy container", swarm.ErrRolledBack))
	if strings.Contains(out, "converge from what exists now") || !strings.Contains(out, "Swarm rolled back service.web, and the same spec rolls back again: fix what failed, then run berth apply again.") {
		t.Errorf("after a rollback:\n%s", out)
	}
	if out := report(errors.New("rpc error: update out of sequence")); !strings.Contains(out, "Run berth apply again to converge from what exists now.") {
		t.Errorf("after another failure:\n%s", out)
	}
}
