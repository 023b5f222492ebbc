package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

func newDestroyCmd() *cobra.Command {
	var df deployFlags
	var af applyFlags
	var project string
	cmd := &cobra.Command{
		Use:   "destroy [DIR]",
		Short: "Remove everything the project owns from the engine",
		Long: `Removes every object that carries the project's io.berth.project label,
users first, then what they use: on compose its containers, networks,
volumes and the files berth mounted its secrets and configs from; on
swarm its services, overlay networks, secrets and configs, and the
volumes their tasks made on the engines of BERTH_SWARM_NODES. The project
is named by the spec in DIR, or by --project without a spec (with
--backend swarm for a swarm project: the default is compose).

It shows what it will remove and asks for 'yes' unless --auto-approve is
given. Like apply, it takes the project's lock.`,
		Example: `  berth destroy examples/shop
  berth destroy --auto-approve --project shop
  berth destroy --backend swarm examples/shop`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := af.check(cmd); err != nil {
				return err
			}
			if err := checkProjectFlag(cmd, project); err != nil {
				return err
			}
			if project != "" && len(args) > 0 {
				// Both name a project; taking --project and ignoring
				// DIR could destroy the other one.
				return fmt.Errorf("give a spec directory or --project, not both: --project %s names the project to destroy, and %s would name its own (berth destroy --project %s, or berth destroy %s)", project, args[0], project, args[0])
			}
			ctx, stop := interruptible(cmd)
			defer stop()
			var spec *lang.Spec
			if project == "" {
				var err error
				if spec, err = loadDestroySpec(cmd, specDir(args), &df.specFlags); err != nil {
					return err
				}
				project = spec.Project
			}
			be, err := openBackend(ctx, df.backendName(spec))
			if err != nil {
				return err
			}
			defer be.Close()
			release, err := lockProject(cmd, project, af.forceUnlock)
			if err != nil {
				return err
			}
			defer release()
			p, err := destroyPlan(ctx, be, project)
			if err != nil {
				return err
			}
			if p.Empty() {
				fmt.Fprintf(cmd.OutOrStdout(), "Nothing to destroy: the engine holds nothing of the %s project %q.\n", be.Name(), project)
				return nil
			}
			return confirmAndApply(ctx, cmd, be, p, p.JSON(), nil, &af, "destroy")
		},
	}
	// --emulate as apply and plan take it: a user who applied with it
	// types it here too. It changes nothing, since destroy removes every
	// object of the project, emulated or not (terraform destroy likewise
	// takes apply's flags).
	df.register(cmd.Flags(), true)
	cmd.Flags().Lookup("emulate").Usage = "accepted as apply takes it; changes nothing: destroy removes every object of the project, emulated or not"
	af.register(cmd.Flags())
	cmd.Flags().StringVar(&project, "project", "", "destroy this project without reading a spec")
	return singleDashFlags(cmd)
}

// destroyPlan is the plan that removes everything the engine holds of
// project: nothing desired, reconciled against what the engine runs. Each
// change's reason is "destroy" (the planner's "not in the spec" would
// read as if the spec lacked what it declares).
func destroyPlan(ctx context.Context, be backends.Backend, project string) (*planner.Plan, error) {
	tg, err := be.Target(ctx, backends.TargetOptions{})
	if err != nil {
		return nil, err
	}
	obs, err := be.Observe(ctx, project)
	if err != nil {
		return nil, err
	}
	p, err := planner.Reconcile(be.Name(), tg.Schema, nil, obs)
	if err != nil {
		return nil, err
	}
	p.Project = project
	markDestroy(p)
	return p, nil
}

// markDestroy gives every change of a destroy plan the one reason
// "destroy".
func markDestroy(p *planner.Plan) {
	for _, c := range p.Changes {
		if c.Action == planner.Delete {
			c.Reasons = []planner.Reason{{Action: planner.Delete, Message: "destroy"}}
		}
	}
}

// checkProjectFlag refuses a --project that no project can have: 'berth
// destroy --project Shop' said 'Nothing to destroy' and exited 0, and an
// empty --project read the spec of the working directory instead.
func checkProjectFlag(cmd *cobra.Command, project string) error {
	if !cmd.Flags().Changed("project") || lang.ValidProjectName(project) {
		return nil
	}
	if project == "" {
		return fmt.Errorf("--project is empty: give the name of the project to destroy (berth destroy --project shop), or leave it out to destroy the spec's")
	}
	return fmt.Errorf("--project %q is not a valid project name: berth's projects use lowercase letters, digits, dashes and underscores, starting with a letter or digit (berth status DIR names a spec's)", project)
}

// loadDestroySpec loads the spec that names the project to destroy. When
// it does not load (a required variable without a value, most often),
// the error says that destroy needs only the project's name, which
// --project gives without the spec: it said only what the spec lacked.
func loadDestroySpec(cmd *cobra.Command, dir string, f *specFlags) (*lang.Spec, error) {
	spec, _, diags, err := loadSpecDiags(dir, f)
	if err != nil {
		return nil, err
	}
	err = reportDiags(cmd, diags)
	if err != nil && spec != nil && lang.ValidProjectName(spec.Project) {
		fmt.Fprintf(cmd.ErrOrStderr(), "berth destroy reads the spec only for the project's name: berth destroy --project %s removes the project without reading it.\n", spec.Project)
	}
	return spec, err
}
