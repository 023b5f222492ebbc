package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/planner"
)

func newPlanCmd() *cobra.Command {
	var df deployFlags
	var out string
	var detailed, asJSON bool
	cmd := &cobra.Command{
		Use:   "plan [DIR]",
		Short: "Show what apply would change, down to the attribute, and why",
		Long: `Compares the spec in DIR (the working directory by default) with what the
engine runs for the project, found by the io.berth.project label, and
prints the plan: each resource to create (+), update in place (~),
replace (-/+, +/- new one first) or destroy (-), with the attribute that
forces it, for example
  -/+ container.orders[1]   must be replaced
        image: "shop/orders:1.3" → "shop/orders:1.4"   # forces replacement
and first, anything changed outside berth (drift). Secret values never
appear: a secret shows as (sensitive) and a hash that changes when its
value does.

The backend is the spec's berth.backend, or --backend. On compose each
replica is a container (container.orders[1]); scaling creates or deletes
the extra ones. On swarm a service is one swarm service (service.orders)
updated in place, replicas included, and swarm rolls its tasks.

-out FILE saves the plan as JSON for 'berth apply FILE', which refuses it
once the engine has changed since, and applies it with the variable
values it was made with (the file records them; sensitive ones by name
only). --json prints the same JSON:
  {"format_version", "project", "backend", "variables", "observed_fingerprint",
   "resource_changes": [{"address", "type", "name", "actions", "before",
     "after", "before_sensitive", "after_sensitive", "reasons"}],
   "drift": [...], "steps": [{"id", "address", "op", "after"}],
   "summary": {"add", "change", "destroy"}}

Exit status: 0 when the plan is empty or (without -detailed-exitcode)
always on success, 1 on error, 2 when there are changes and
-detailed-exitcode is given.`,
		Example: `  berth plan examples/shop
  berth plan -detailed-exitcode -out plan.json examples/shop   # in CI: 2 means changes
  berth plan --json examples/shop | jq '.resource_changes[] | select(.actions != ["no-op"])'
  berth plan --emulate examples/shop
  berth plan --backend swarm examples/shop   # DOCKER_HOST names a swarm manager`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkOutputFile("-out", out); err != nil {
				return err // before any work against the engine
			}
			dir := specDir(args)
			spec, err := loadSpec(cmd, dir, &df.specFlags)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			be, err := openBackend(ctx, df.backendName(spec))
			if err != nil {
				return err
			}
			defer be.Close()
			pl, err := makePlan(ctx, cmd, be, spec, dir, df.emulate)
			if err != nil {
				return err
			}
			if err := warnPreflight(ctx, cmd, be, spec, pl.plan); err != nil {
				return err
			}
			if out != "" {
				if err := writePlanFile(out, pl.json); err != nil {
					return err
				}
			}
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), pl.json); err != nil {
					return err
				}
			} else {
				planner.Render(cmd.OutOrStdout(), pl.json, renderOptions(cmd))
				if out != "" && !pl.plan.Empty() {
					fmt.Fprintf(cmd.OutOrStdout(), "\nSaved the plan to %s. To perform exactly these actions, run:\n  berth apply %s\n", out, out)
				}
			}
			if detailed && !pl.plan.Empty() {
				return exitCode(ExitChanges)
			}
			return nil
		},
	}
	df.register(cmd.Flags(), true)
	f := cmd.Flags()
	outputVar(f, &out, "write the plan as JSON to FILE, for berth apply FILE (terraform's -out FILE is the same)")
	f.BoolVar(&detailed, "detailed-exitcode", false, "exit 2 when the plan has changes (0: none, 1: error)")
	f.BoolVar(&asJSON, "json", false, "print the plan as JSON")
	return singleDashFlags(cmd)
}

// writePlanFile writes the JSON plan to path (0600: it names the project's
// objects, though never a secret).
func writePlanFile(path string, jp *planner.JSONPlan) error {
	var buf bytes.Buffer
	if err := writeJSON(&buf, jp); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o600)
}
