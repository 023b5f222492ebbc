package cli

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/swarm"
	"github.com/berth-dev/berth/lang"
)

// exportSwarm is `berth export compose --for swarm`: a Compose file for
// `docker stack deploy --resolve-image never`, compiled by the swarm
// backend's own target (versioned secrets, deploy settings, endpoint and
// publish modes). What the stack drops (depends_on, host_ip, the
// emulator image on the nodes) is printed as warnings. names are the
// ${NAME} interpolations of withoutSensitive.
func exportSwarm(cmd *cobra.Command, spec *lang.Spec, emulate bool, out string, names []string) error {
	tg := &swarm.Target{Emulate: emulate}
	if backends.NeedsEmulator(spec, emulate) {
		tg.EmulatorImage = exportEmulatorImage(cmd)
		if spec.Registry != "" {
			tg.EmulatorImage = spec.Registry + "/" + tg.EmulatorImage // as apply runs it
		}
	}
	data, diags := swarm.ExportCompose(spec, tg)
	if err := reportDiags(cmd, diags); err != nil {
		return err
	}
	data = interpolate(data, names)
	if out == "" || out == "-" {
		_, err := cmd.OutOrStdout().Write(data)
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
