package compose

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestCreateSaysWhoseTheNameIs: a container holding a replica's name
// that carries the project's label from berth's swarm backend, or
// another project's label, is named as such when the create fails on
// the name; it was said to have no io.berth.project label at all.
func TestCreateSaysWhoseTheNameIs(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		labels func(project string) map[string]string
		want   string
	}{
		{"swarm's", func(p string) map[string]string {
			return map[string]string{backends.LabelProject: p, backends.LabelBackend: "swarm"}
		}, "is the project's but swarm's (io.berth.backend=swarm)"},
		{"another project's", func(string) map[string]string {
			return map[string]string{backends.LabelProject: "elsewhere", backends.LabelBackend: "compose"}
		}, "belongs to the berth project elsewhere"},
		{"nobody's", func(string) map[string]string { return nil }, "it has no io.berth.project="},
	} {
		t.Run(tc.name, func(t *testing.T) {
			project := testProject(t, cli)
			name := ContainerName(project, "web", 1)
			c, err := cli.ContainerCreate(ctx, &container.Config{Image: v1, Labels: tc.labels(project)}, nil, nil, nil, name)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { cli.ContainerRemove(context.Background(), c.ID, container.RemoveOptions{Force: true}) })
			spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose",
				Services: map[string]*lang.Service{"web": {Name: "web", Image: v1, Replicas: 1}}}
			b, tg := New(cli), &Target{}
			p, d := plan(t, b, tg, spec)
			res, err := b.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute, Progress: testProgress()})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Failed) != 1 {
				t.Fatalf("failed steps %v; want the create of container.web[1]", res.Failed)
			}
			if msg := res.Failed[0].Error(); !strings.Contains(msg, "a container named "+name+" exists that") || !strings.Contains(msg, tc.want) {
				t.Errorf("the create failed with %q; want %q in it", msg, tc.want)
			}
		})
	}
}
