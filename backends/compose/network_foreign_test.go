package compose

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/planner"
)

// A container that is not the project's, attached by hand to one of its
// networks, keeps the network in use: destroy says which container at
// once, instead of waiting NetworkReleaseWait for endpoints that will
// never be released and then giving only the engine's "active endpoints".
func TestDestroyNamesForeignNetworkUsers(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "jwt.pem"), "x")
	spec := testSpec(project, dir, v1, freePort(t))
	b, tg, ctx := New(cli), &Target{}, context.Background()
	apply(t, b, tg, spec)

	intruder := project + "-intruder"
	c, err := cli.ContainerCreate(ctx, &container.Config{Image: v1}, nil,
		&network.NetworkingConfig{EndpointsConfig: map[string]*network.EndpointSettings{NetworkName(project, "backend"): {}}}, nil, intruder)
	must(t, err)
	t.Cleanup(func() { cli.ContainerRemove(context.Background(), c.ID, container.RemoveOptions{Force: true}) })
	must(t, cli.ContainerStart(ctx, c.ID, container.StartOptions{}))

	obs, err := b.Observe(ctx, project)
	must(t, err)
	p, err := planner.Reconcile("compose", Schema, nil, obs)
	must(t, err)
	p.Project = project
	start := time.Now()
	res, err := b.Apply(ctx, p, backends.ApplyOptions{})
	must(t, err)
	if len(res.Failed) != 1 || res.Failed[0].Step.Address().String() != "network.backend" {
		t.Fatalf("failed = %v", res.Failed)
	}
	if msg := res.Failed[0].Error(); !strings.Contains(msg, "not the project's use it: "+intruder) {
		t.Errorf("the failure does not name the container: %s", msg)
	}
	if took := time.Since(start); took > NetworkReleaseWait {
		t.Errorf("destroy took %s: it waited for a container that never leaves", took)
	}
}
