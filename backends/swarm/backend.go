package swarm

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// EnvNodes names the engines of the swarm's nodes (DOCKER_HOST values,
// comma-separated). With no registry, berth copies the images services
// need to each of them, and destroy removes the volumes tasks made there.
// The manager berth talks to is DOCKER_HOST.
const EnvNodes = "BERTH_SWARM_NODES"

// ImageFunc returns the emulator image reference, building the image
// through the engine when it is missing (emulator.EnsureImage).
type ImageFunc func(ctx context.Context, cli *client.Client) (string, error)

// Backend drives a swarm through one of its managers.
type Backend struct {
	cli   *client.Client
	nodes []*client.Client
	// nodesErr is why BERTH_SWARM_NODES could not be used; reported by
	// the first call that needs the engine.
	nodesErr error
	// EnsureEmulatorImage builds or finds the emulator image on the
	// manager; nil makes emulated services an error.
	EnsureEmulatorImage ImageFunc
	// Poll is how often convergence is checked; 0 means 200ms.
	Poll time.Duration
}

var _ backends.Backend = (*Backend)(nil)

// New returns a backend on the manager cli; nodes are the engines of the
// swarm's nodes (the manager's own may be among them) for images and
// volumes, and may be empty.
func New(cli *client.Client, nodes []*client.Client) *Backend {
	return &Backend{cli: cli, nodes: nodes}
}

// FromEnv returns a backend on the manager cli with the node engines of
// BERTH_SWARM_NODES; a malformed list is reported by Target and Apply.
func FromEnv(cli *client.Client) *Backend {
	nodes, err := NodesFromEnv()
	b := New(cli, nodes)
	b.nodesErr = err
	return b
}

// NodesFromEnv connects to the engines listed in BERTH_SWARM_NODES, with
// DOCKER_CERT_PATH's TLS settings when it is set.
func NodesFromEnv() ([]*client.Client, error) {
	var out []*client.Client
	for _, h := range strings.Split(os.Getenv(EnvNodes), ",") {
		if h = strings.TrimSpace(h); h == "" {
			continue
		}
		opts := []client.Opt{client.WithHost(h), client.WithAPIVersionNegotiation()}
		if os.Getenv("DOCKER_CERT_PATH") != "" {
			opts = append(opts, client.WithTLSClientConfigFromEnv()) // the manager's TLS settings
		}
		c, err := client.NewClientWithOpts(opts...)
		if err != nil {
			for _, o := range out {
				o.Close()
			}
			return nil, fmt.Errorf("%s: %s: %w", EnvNodes, h, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// Client returns the manager's client.
func (b *Backend) Client() *client.Client { return b.cli }

// Name implements backends.Backend.
func (b *Backend) Name() string { return "swarm" }

// Close implements backends.Backend.
func (b *Backend) Close() error {
	for _, n := range b.nodes {
		n.Close()
	}
	return b.cli.Close()
}

// Target implements backends.Backend. It checks that the engine is a
// swarm manager, and makes sure the emulator image exists on it when a
// service is emulated; the two questions go to the engine together.
func (b *Backend) Target(ctx context.Context, opts backends.TargetOptions) (planner.Target, error) {
	t := &Target{Emulate: opts.Emulate}
	if !opts.NeedEmulator {
		return t, b.checkManager(ctx)
	}
	if b.EnsureEmulatorImage == nil {
		return nil, fmt.Errorf("this berth has no emulator: give every service an image")
	}
	managerErr := make(chan error, 1)
	go func() { managerErr <- b.checkManager(ctx) }()
	ref, err := b.EnsureEmulatorImage(ctx, b.cli)
	if merr := <-managerErr; merr != nil {
		return nil, merr // the more useful message: not a manager, or no engine
	}
	if err != nil {
		return nil, err
	}
	t.EmulatorImage = ref
	if opts.Registry != "" {
		t.EmulatorImage = opts.Registry + "/" + ref // Apply pushes it there
	}
	return t, nil
}

func (b *Backend) checkManager(ctx context.Context) error {
	if b.nodesErr != nil {
		return b.nodesErr
	}
	// SwarmInspect answers on managers only, and costs the engine far less
	// than Info.
	if _, err := b.cli.SwarmInspect(ctx); err == nil {
		return nil
	}
	info, err := b.cli.Info(ctx)
	if err != nil {
		return fmt.Errorf("swarm: %w", err)
	}
	return notManager(b.cli.DaemonHost(), info.Swarm)
}

// notManager says why an engine that is no swarm manager cannot be used,
// and what to do: a worker's manager is elsewhere; an engine in no swarm
// needs `docker swarm init` (or joining one).
func notManager(host string, s swarm.Info) error {
	switch {
	case s.ControlAvailable:
		return nil
	case s.LocalNodeState == swarm.LocalNodeStateActive:
		return fmt.Errorf("the engine at %s is a worker of a swarm, not a manager: point DOCKER_HOST at a manager (`docker node ls` there lists the nodes; a manager's address is one of %v)",
			host, managerAddrs(s))
	case s.LocalNodeState == swarm.LocalNodeStateInactive:
		return fmt.Errorf("the engine at %s is in no swarm: run `docker swarm init` there, or point DOCKER_HOST at a swarm manager", host)
	}
	return fmt.Errorf("the engine at %s is not a swarm manager (swarm state %q): point DOCKER_HOST at a manager, or run `docker swarm init`",
		host, s.LocalNodeState)
}

func managerAddrs(s swarm.Info) []string {
	var out []string
	for _, m := range s.RemoteManagers {
		out = append(out, m.Addr)
	}
	return out
}

// Observe implements backends.Backend. With the node engines known
// (BERTH_SWARM_NODES), a service's last failure says what the failed
// task's health check said, read from the node that ran it, as apply's
// errors do.
func (b *Backend) Observe(ctx context.Context, project string) (*planner.Observed, error) {
	var said func(*swarm.Task) string
	if len(b.nodes) > 0 {
		said = func(t *swarm.Task) string { return b.healthSaid(ctx, t) }
	}
	return observe(ctx, b.cli, project, said)
}
