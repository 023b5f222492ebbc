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

// TestApplyRefusesNamesTakenByLabelledObjects: a network and a volume of
// the project's names that carry io.berth.project=P but not
// io.berth.backend=compose (made by hand, by an older berth, or by the
// swarm backend's tasks) are not the compose backend's: it does not
// observe them, and destroy does not remove them. TakenNames took the
// project label for ownership, so plan had no warning, and apply failed
// at its first step on "network with name ... already exists" (or was
// handed the volume back, to plan it again for ever), advising to run
// apply again. Now they are refused before any step, naming each and
// how to remove it.
func TestApplyRefusesNamesTakenByLabelledObjects(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	ctx := context.Background()
	vol, net := VolumeName(project, "data"), NetworkName(project, DefaultNetwork)
	labels := map[string]string{backends.LabelProject: project}
	_, err := cli.VolumeCreate(ctx, volume.CreateOptions{Name: vol, Labels: labels})
	must(t, err)
	_, err = cli.NetworkCreate(ctx, net, network.CreateOptions{Driver: "bridge", Labels: labels})
	must(t, err)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose",
		Volumes: map[string]*lang.Volume{"data": {Name: "data"}},
		Services: map[string]*lang.Service{
			"web": {Name: "web", Image: v1, Replicas: 1, Mounts: []lang.Mount{{Volume: "data", Target: "/data"}}},
		},
	}
	b, tg := New(cli), &Target{}
	p, d := plan(t, b, tg, spec)
	taken, err := b.TakenNames(ctx, p)
	must(t, err)
	if len(taken) != 2 || !taken[0].Labelled || !taken[1].Labelled {
		t.Errorf("TakenNames = %+v; want the network and the volume, labelled", taken)
	}
	_, err = b.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute, Progress: testProgress()})
	if err == nil {
		t.Fatal("apply with the names taken by labelled objects: no error")
	}
	for _, want := range []string{
		"network.default: the network " + net + " exists, with the label io.berth.project=" + project + " but not io.berth.backend=compose",
		"volume.data: the volume " + vol + " exists, with the label",
		"docker network rm " + net, "Nothing was done",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("apply says %q; want %q in it", err, want)
		}
	}
	if ids := containerIDs(t, cli, project); len(ids) != 0 {
		t.Errorf("the refused apply made containers: %v", ids)
	}
}
