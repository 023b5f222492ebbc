package backends

import (
	"context"
	"fmt"
	"time"

	"github.com/docker/docker/client"
)

// NewClient returns a client of the engine named by DOCKER_HOST (or the
// default socket), negotiating the API version (Debian's dockerd 20.10
// speaks 1.41), after checking that the engine answers.
func NewClient(ctx context.Context) (*client.Client, error) {
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return nil, fmt.Errorf("docker client: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ping, err := cli.Ping(pctx)
	if err != nil {
		cli.Close()
		return nil, fmt.Errorf("no Docker engine answers at %s: %w (start one, or set DOCKER_HOST)", cli.DaemonHost(), err)
	}
	// Negotiate with this answer, so the first request does not ping again.
	cli.NegotiateAPIVersionPing(ping)
	return cli, nil
}
