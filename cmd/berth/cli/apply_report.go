package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/swarm"
	"github.com/berth-dev/berth/planner"
)

// reportResult prints the summary, or exactly what was done and what not.
func reportResult(cmd *cobra.Command, res *backends.Result, verb string) error {
	title := strings.ToUpper(verb[:1]) + verb[1:]
	out := cmd.OutOrStdout()
	add, change, destroy := doneCounts(res)
	if res.OK() {
		fmt.Fprintf(out, "\n%s complete! Resources: %d added, %d changed, %d destroyed. (%s)\n", title, add, change, destroy, res.Elapsed.Round(10*time.Millisecond))
		return nil
	}
	w := cmd.ErrOrStderr()
	switch {
	case res.Interrupted:
		fmt.Fprintf(w, "\n%s interrupted after %s.\n", title, res.Elapsed.Round(10*time.Millisecond))
	case len(res.Failed) > 0:
		fmt.Fprintf(w, "\n%s failed after %s.\n", title, res.Elapsed.Round(10*time.Millisecond))
	default:
		fmt.Fprintf(w, "\n%s done, but not everything became ready (%s).\n", title, res.Elapsed.Round(10*time.Millisecond))
	}
	listSteps(w, "Done", res.Done, nil)
	for _, e := range res.Failed {
		fmt.Fprintf(w, "Failed: %s\n", e)
	}
	listSteps(w, "Not started", res.NotStarted, res.WhyNotStarted)
	for _, e := range res.Unready {
		fmt.Fprintf(w, "Not ready: %s: %v\n", e.Step.Address(), e.Err)
	}
	next := fmt.Sprintf("Run berth %s again to converge from what exists now.", verb)
	if rb := rolledBack(res); len(rb) > 0 {
		next = fmt.Sprintf("Swarm rolled back %s, and the same spec rolls back again: fix what failed, then run berth %s again.", strings.Join(rb, ", "), verb)
	}
	fmt.Fprintf(w, "Resources so far: %d added, %d changed, %d destroyed. %s\n", add, change, destroy, next)
	return exitCode(ExitError)
}

// rolledBack names the failed steps' resources whose update swarm rolled
// back: they run as before the apply, so a re-run of the same spec only
// repeats the rollback.
func rolledBack(res *backends.Result) []string {
	var out []string
	for _, e := range res.Failed {
		if errors.Is(e.Err, swarm.ErrRolledBack) {
			out = append(out, e.Step.Address().String())
		}
	}
	return out
}

// listSteps lists steps by id, each with why (when given) says of it.
func listSteps(w io.Writer, title string, steps []*planner.Step, why func(id int) string) {
	if len(steps) == 0 {
		return
	}
	sorted := append([]*planner.Step(nil), steps...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	fmt.Fprintf(w, "%s (%d):\n", title, len(sorted))
	for _, s := range sorted {
		line := fmt.Sprintf("  #%d %s %s", s.ID, s.Op, s.Address())
		if why != nil {
			if because := why(s.ID); because != "" {
				line += ": " + because
			}
		}
		fmt.Fprintln(w, line)
	}
}

// doneCounts counts finished changes terraform's way: a replacement counts
// once both of its steps are done. A step that failed after its change was
// made (backends.MadeError: a service updated that did not converge)
// counts too: the engine holds the change.
func doneCounts(res *backends.Result) (add, change, destroy int) {
	ops := map[planner.Address]map[planner.Op]bool{}
	steps := slices.Clone(res.Done)
	for _, e := range res.Failed {
		var made *backends.MadeError
		if errors.As(e.Err, &made) {
			steps = append(steps, e.Step)
		}
	}
	for _, s := range steps {
		if ops[s.Address()] == nil {
			ops[s.Address()] = map[planner.Op]bool{}
		}
		ops[s.Address()][s.Op] = true
	}
	for _, m := range ops {
		if m[planner.OpCreate] {
			add++
		}
		if m[planner.OpUpdate] {
			change++
		}
		if m[planner.OpDelete] {
			destroy++
		}
	}
	return
}
