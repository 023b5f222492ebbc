package compose

import (
	"context"
	"testing"

	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestApplyLeavesANetworkJoinedByHand: a container connected by hand to a
// network that is not the project's (docker network connect bridge ...)
// is drift that apply heals by disconnecting it. It failed: the engine
// answers "is not connected to the network P_bridge" for the project's
// name, not "not found", so the engine's own name was never tried.
func TestApplyLeavesANetworkJoinedByHand(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {Name: "web", Image: v1, Replicas: 1},
	}}
	b, tg := New(cli), &Target{}
	apply(t, b, tg, spec)
	name := ContainerName(project, "web", 1)
	must(t, cli.NetworkConnect(context.Background(), "bridge", name, nil))

	p, _ := plan(t, b, tg, spec)
	if p.Empty() || len(p.Drift) != 1 {
		t.Fatalf("plan of a container joined to bridge by hand: %s; want it as drift", p)
	}
	apply(t, b, tg, spec)
	ins, err := cli.ContainerInspect(context.Background(), name)
	must(t, err)
	if _, on := ins.NetworkSettings.Networks["bridge"]; on {
		t.Errorf("after apply %s is still on bridge: %v", name, ins.NetworkSettings.Networks)
	}
	if p, _ := plan(t, b, tg, spec); !p.Empty() {
		t.Fatalf("plan after apply is not empty:\n%s", p)
	}
}
