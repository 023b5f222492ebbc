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

// TestAContainerWithOnlyTheProjectLabelNamedAsAReplicaIsThatReplica: such
// a container named as berth names a replica (P-web-1, an older berth's)
// is that replica: the plan replaces it, delete then create, where
// observing it at container.P-web-1 beside a new container.web[1] of the
// same name would race the create against the delete for the name.
func TestAContainerWithOnlyTheProjectLabelNamedAsAReplicaIsThatReplica(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	ctx := context.Background()
	name := ContainerName(project, "web", 1)
	old, err := cli.ContainerCreate(ctx, &container.Config{Image: v1, Labels: map[string]string{backends.LabelProject: project}}, nil, nil, nil, name)
	must(t, err)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {Name: "web", Image: v1, Replicas: 1},
	}}
	b, tg := New(cli), &Target{}
	p, _ := plan(t, b, tg, spec)
	for _, c := range p.Changes {
		if c.Type == TypeContainer && (c.Address != containerAddr("web", 1) || c.Action != planner.Replace) {
			t.Errorf("%s: %s; want only container.web[1], replaced:\n%s", c.Address, c.Action, p)
		}
	}
	apply(t, b, tg, spec)
	ids := containerIDs(t, cli, project)
	if len(ids) != 1 || ids[name] == "" || ids[name] == old.ID {
		t.Errorf("after apply the project's containers are %v; want one new %s", ids, name)
	}
	if p, _ := plan(t, b, tg, spec); !p.Empty() {
		t.Errorf("plan after apply is not empty:\n%s", p)
	}
}
