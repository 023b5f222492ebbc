package compose

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/volume"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestApplyRefusesTakenNames: a volume and a network of the project's
// names that berth did not make (left by docker-compose, say) are refused
// before any step, naming each. The engine used to hand the volume back
// as if created, so the container mounted a volume berth does not own and
// every plan after wanted to create it again ("removed outside berth").
// Once they are gone, apply converges.
func TestApplyRefusesTakenNames(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	ctx := context.Background()
	vol, net := VolumeName(project, "data"), NetworkName(project, DefaultNetwork)
	if _, err := cli.VolumeCreate(ctx, volume.CreateOptions{Name: vol}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.VolumeRemove(context.Background(), vol, true) })
	if _, err := cli.NetworkCreate(ctx, net, network.CreateOptions{Driver: "bridge"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.NetworkRemove(context.Background(), net) })
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose",
		Volumes: map[string]*lang.Volume{"data": {Name: "data"}},
		Services: map[string]*lang.Service{
			"web": {Name: "web", Image: v1, Replicas: 1, Mounts: []lang.Mount{{Volume: "data", Target: "/data"}}},
		},
	}
	b, tg := New(cli), &Target{}
	p, d := plan(t, b, tg, spec)
	_, err := b.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute, Progress: testProgress()})
	if err == nil {
		t.Fatal("apply with the names taken: no error")
	}
	for _, want := range []string{"volume.data: the volume " + vol + " exists", "network.default: the network " + net + " exists", "Nothing was done"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("apply says %q; want %q in it", err, want)
		}
	}
	if ids := containerIDs(t, cli, project); len(ids) != 0 {
		t.Errorf("the refused apply made containers: %v", ids)
	}

	if err := cli.VolumeRemove(ctx, vol, true); err != nil {
		t.Fatal(err)
	}
	if err := cli.NetworkRemove(ctx, net); err != nil {
		t.Fatal(err)
	}
	apply(t, b, tg, spec)
	if p, _ := plan(t, b, tg, spec); !p.Empty() {
		t.Fatalf("plan after apply is not empty:\n%s", p)
	}
}
