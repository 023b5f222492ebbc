package backends

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/docker/docker/client"
)

// NewClient returns a client of the engine named by DOCKER_HOST (or the
// default socket), negotiating the API version (Debian's dockerd 20.10
// speaks 1.41), after checking that the engine answers.
func NewClient(ctx context.Context) (*client.Client, error) {
	host := os.Getenv("DOCKER_HOST")
	if strings.HasPrefix(host, "ssh://") {
		// The Docker client library dials ssh:// as if it were tcp://
		// ("lookup deploy@host: no such host"); the docker CLI's
		// connection helper is not part of it.
		return nil, fmt.Errorf("DOCKER_HOST=%s: berth reaches the engine over unix:// or tcp:// only, not ssh://; forward the engine's socket over ssh and point DOCKER_HOST at it: ssh -fNL /tmp/docker.sock:/var/run/docker.sock %s, then DOCKER_HOST=unix:///tmp/docker.sock", host, strings.TrimPrefix(host, "ssh://"))
	}
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		if host != "" {
			return nil, fmt.Errorf("docker client: DOCKER_HOST=%s: %w (write it as unix:///var/run/docker.sock or tcp://host:2376)", host, err)
		}
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
