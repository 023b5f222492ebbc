package swarm

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/planner"
)

// A destroy that cannot reach a node's engine says that node's volumes
// are left and what to do, instead of a bare connection error.
func TestRemoveVolumesUnreachable(t *testing.T) {
	dead, err := swarmtest.NewClient("unix://" + t.TempDir() + "/gone.sock")
	if err != nil {
		t.Fatal(err)
	}
	b := New(dead, nil)
	defer b.Close()
	var out bytes.Buffer
	down, err := b.removeVolumes(context.Background(), "p", backends.NewProgress(&out, false))
	if err != nil || len(down) != 1 {
		t.Fatalf("down %v, error %v; want the one engine down and no error", down, err)
	}
	if err := leftOn("p", down); !strings.Contains(err.Error(), "the volumes of p on unix://") ||
		!strings.Contains(err.Error(), "does not answer (is its node down?); run berth destroy again once it is back") {
		t.Errorf("error %v", err)
	}
}

// A node that is down keeps its volumes, and the nodes after it in
// BERTH_SWARM_NODES are cleaned all the same: removal stopped at the
// first engine that did not answer, leaving the volumes of every node
// listed after it.
func TestRemoveVolumesGoesOnPastADownNode(t *testing.T) {
	dead, err := swarmtest.NewClient("unix://" + t.TempDir() + "/gone.sock")
	if err != nil {
		t.Fatal(err)
	}
	live := dockertest.Client(t)
	project := fmt.Sprintf("swdown%d", time.Now().UnixNano()%1e6)
	vol := testVolume(t, live, project)
	b := &Backend{cli: live, nodes: []*client.Client{dead, live}}
	var out bytes.Buffer
	down, err := b.removeVolumes(context.Background(), project, backends.NewProgress(&out, false))
	if err != nil || len(down) != 1 || !strings.HasSuffix(down[0], "gone.sock") {
		t.Errorf("down %v, error %v; want the dead engine down and no error", down, err)
	}
	if _, err := live.VolumeInspect(context.Background(), vol); err == nil {
		t.Errorf("volume %s is still on the engine that answers", vol)
	}
}

// A volume left on a node that is down is reported at the service that
// mounted it, and only when a destroyed service mounted one: destroy of
// a project without volumes failed saying "the volumes of p ... are
// left" at its last step (a network) when a node was down.
func TestVolumeStep(t *testing.T) {
	step := func(id int, typ, name string, mounts ...string) *planner.Step {
		a := planner.Attrs{}
		if mounts != nil {
			a.Set(attrMounts, mounts)
		}
		return &planner.Step{ID: id, Op: planner.OpDelete, Change: &planner.Change{Address: planner.Address{Type: typ, Name: name},
			Before: &planner.ObservedResource{Resource: planner.Resource{Attrs: a}}}}
	}
	none := &planner.Plan{Steps: []*planner.Step{step(1, TypeService, "api", "bind:/etc:/etc"), step(2, TypeNetwork, "default")}}
	if s := volumeStep(none); s != nil {
		t.Errorf("a project without volume mounts: step %v", s.Address())
	}
	with := &planner.Plan{Steps: []*planner.Step{step(1, TypeService, "db", "volume:p_data:/data"), step(2, TypeService, "api"), step(3, TypeNetwork, "default")}}
	if s := volumeStep(with); s == nil || s.Address().String() != "service.db" {
		t.Errorf("step %v, want service.db", s)
	}
}
