package compose

import (
	"context"
	"testing"

	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/volume"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestObserveOnlyComposeObjects: objects of the same project made by the
// swarm backend on this engine (io.berth.backend=swarm) are not the
// compose backend's: its snapshot leaves them out, so a compose plan
// neither replaces nor destroys them.
func TestObserveOnlyComposeObjects(t *testing.T) {
	cli := dockertest.Client(t)
	project := testProject(t, cli)
	ctx := context.Background()
	swarmLabels := func(addr string) map[string]string {
		return map[string]string{backends.LabelProject: project, backends.LabelBackend: "swarm",
			backends.LabelResource: addr, backends.LabelConfigHash: "x"}
	}
	if _, err := cli.NetworkCreate(ctx, NetworkName(project, "backend"), network.CreateOptions{Driver: "bridge", Labels: swarmLabels("network.backend")}); err != nil {
		t.Fatal(err)
	}
	if _, err := cli.VolumeCreate(ctx, volume.CreateOptions{Name: VolumeName(project, "data"), Labels: swarmLabels("volume.data")}); err != nil {
		t.Fatal(err)
	}
	obs, err := New(cli).Observe(ctx, project)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range obs.Resources {
		t.Errorf("the compose snapshot holds the swarm backend's %s", r.Address)
	}

	// The destroy plan (nothing desired) has nothing to remove.
	spec := &lang.Spec{Project: project, Backend: "compose"}
	if p, _ := plan(t, New(cli), &Target{}, spec); !p.Empty() {
		t.Errorf("a compose plan of an empty spec touches the swarm backend's objects:\n%s", p)
	}
}
