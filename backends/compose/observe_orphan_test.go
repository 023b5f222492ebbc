package compose

import (
	"context"
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestDestroyRemovesAContainerWithOnlyTheProjectLabel: a container that
// carries io.berth.project but none of berth's other labels (made by
// hand, or by an older berth) is the project's: the destroy plan (nothing
// desired) deletes it, where the snapshot used to leave it out (it has
// no io.berth.backend=compose) and destroy said "Nothing to destroy"
// with the container still there. One the swarm backend labelled is
// still left alone.
func TestDestroyRemovesAContainerWithOnlyTheProjectLabel(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	ctx := context.Background()
	mk := func(name string, labels map[string]string) string {
		c, err := cli.ContainerCreate(ctx, &container.Config{Image: v1, Labels: labels}, nil, nil, nil, name)
		must(t, err)
		return c.ID
	}
	orphan := mk(project+"-byhand", map[string]string{backends.LabelProject: project})
	swarmOwn := mk(project+"-swarm", map[string]string{backends.LabelProject: project, backends.LabelBackend: "swarm"})

	b, tg := New(cli), &Target{}
	p, _ := plan(t, b, tg, &lang.Spec{Project: project, Backend: "compose"})
	var deletes []planner.Address
	for _, c := range p.Changes {
		if c.Action == planner.Delete {
			deletes = append(deletes, c.Address)
		}
	}
	want := planner.Address{Type: TypeContainer, Name: project + "-byhand"}
	if len(deletes) != 1 || deletes[0] != want {
		t.Fatalf("the destroy plan deletes %v, want only %s:\n%s", deletes, want, p)
	}
	res, err := b.Apply(ctx, p, backends.ApplyOptions{})
	must(t, err)
	if !res.OK() {
		t.Fatalf("apply of the destroy plan failed: %v", res.Failed)
	}
	if _, err := cli.ContainerInspect(ctx, orphan); !isNotFound(err) {
		t.Errorf("the container with only the project label is still there after destroy (inspect: %v)", err)
	}
	if _, err := cli.ContainerInspect(ctx, swarmOwn); err != nil {
		t.Errorf("destroy removed the swarm backend's container: %v", err)
	}
}
