package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/backends/emulator"
)

func newExportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the project in another tool's format",
		Example: `  berth export compose examples/shop -o compose.yaml
  docker-compose -p shop -f compose.yaml config`,
	}
	cmd.AddCommand(newExportComposeCmd())
	return cmd
}

func newExportComposeCmd() *cobra.Command {
	var sf specFlags
	var out string
	var emulate bool
	var target string
	cmd := &cobra.Command{
		Use:   "compose [DIR]",
		Short: "Write a Compose-specification file of the project",
		Long: `Writes a Compose file of the spec in DIR with the services, networks,
volumes, secrets, configs, health checks, ports, labels and
deploy.replicas/deploy.resources that 'berth apply' would run, compiled by
the same code, so 'docker-compose -p PROJECT -f FILE up -d' starts the
same project. Emulated services (no image, or all with --emulate) run
berth's emulator image, which is built through the engine when one answers.

Replicas of a service with a published port share a host port range
(published to published+replicas-1), as berth's compose backend does.
Secret values never appear: secrets are files.`,
		Example: `  berth export compose examples/shop -o compose.yaml
  berth export compose --emulate examples/shop > compose.yaml
  berth export compose --for swarm examples/shop -o stack.yaml && docker stack deploy --resolve-image never -c stack.yaml shop`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			spec, err := loadSpec(cmd, specDir(args), &sf)
			if err != nil {
				return err
			}
			if target == "swarm" {
				return exportSwarm(cmd, spec, emulate, out) // export_swarm.go
			}
			tg := &compose.Target{Emulate: emulate, Emulator: composeEmulator}
			if backends.NeedsEmulator(spec, emulate) {
				tg.EmulatorImage = exportEmulatorImage(cmd)
			}
			d, diags := tg.Desired(spec)
			if err := reportDiags(cmd, diags); err != nil {
				return err
			}
			data, warnings, err := compose.Export(spec, d)
			if err != nil {
				return err
			}
			for _, w := range warnings {
				fmt.Fprintf(cmd.ErrOrStderr(), "Warning: %s\n", w)
			}
			if out == "" || out == "-" {
				_, err = cmd.OutOrStdout().Write(data)
				return err
			}
			return os.WriteFile(out, data, 0o644)
		},
	}
	sf.register(cmd.Flags())
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	cmd.Flags().BoolVar(&emulate, "emulate", false, "run every service under berth's emulator, whatever its image")
	cmd.Flags().StringVar(&target, "for", "compose", "compose, or swarm: a file for docker stack deploy --resolve-image never")
	return singleDashFlags(cmd)
}

// exportEmulatorImage returns the emulator image, built through the engine
// when one answers, else its repository with a warning.
func exportEmulatorImage(cmd *cobra.Command) string {
	ctx := context.Background()
	cli, err := backends.NewClient(ctx)
	if err == nil {
		defer cli.Close()
		var ref string
		if ref, err = cachedEmulatorImage(ctx, cli); err == nil {
			return ref
		}
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Warning: the emulator image could not be built (%v); the file names %s:latest\n", err, emulator.ImageRepo)
	return emulator.ImageRepo + ":latest"
}
