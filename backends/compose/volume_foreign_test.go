package compose

import (
	"context"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// A container that is not the project's, mounting one of its volumes by
// hand, keeps the volume in use: destroy names it, as it does for a
// network, instead of only the engine's "volume is in use - [<id>]".
func TestDestroyNamesForeignVolumeUsers(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose",
		Volumes: map[string]*lang.Volume{"data": {Name: "data"}},
		Services: map[string]*lang.Service{
			"web": {Name: "web", Image: v1, Replicas: 1, Mounts: []lang.Mount{{Volume: "data", Target: "/data"}}},
		},
	}
	b, tg, ctx := New(cli), &Target{}, context.Background()
	apply(t, b, tg, spec)

	intruder := project + "-intruder"
	c, err := cli.ContainerCreate(ctx, &container.Config{Image: v1},
		&container.HostConfig{Mounts: []mount.Mount{{Type: mount.TypeVolume, Source: VolumeName(project, "data"), Target: "/x"}}}, nil, nil, intruder)
	must(t, err)
	t.Cleanup(func() { cli.ContainerRemove(context.Background(), c.ID, container.RemoveOptions{Force: true}) })

	obs, err := b.Observe(ctx, project)
	must(t, err)
	p, err := planner.Reconcile("compose", Schema, nil, obs)
	must(t, err)
	p.Project = project
	res, err := b.Apply(ctx, p, backends.ApplyOptions{})
	must(t, err)
	if len(res.Failed) != 1 || res.Failed[0].Step.Address().String() != "volume.data" {
		t.Fatalf("failed = %v", res.Failed)
	}
	if msg := res.Failed[0].Error(); !strings.Contains(msg, "not the project's use it: "+intruder) {
		t.Errorf("the failure does not name the container: %s", msg)
	}
}
