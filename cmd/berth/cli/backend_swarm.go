package cli

import (
	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/swarm"
	"github.com/berth-dev/berth/lang"
)

// The swarm backend: DOCKER_HOST names a manager, BERTH_SWARM_NODES the
// engines of the nodes (for images without a registry, and the volumes
// destroy removes).
func init() {
	backendFactories[lang.BackendSwarm] = func(cli *client.Client) backends.Backend {
		b := swarm.FromEnv(cli)
		b.EnsureEmulatorImage = cachedEmulatorImage
		return b
	}
}
