package compose

import (
	"context"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestApplyUnpausesAPausedContainer: a container paused by hand (docker
// pause) is drift that apply heals in place by unpausing it; it used to
// start it, which the engine refuses ("cannot start a paused container"),
// so every apply failed and the drift stayed.
func TestApplyUnpausesAPausedContainer(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {Name: "web", Image: v1, Replicas: 1},
	}}
	b, tg := New(cli), &Target{}
	apply := func() *backends.Result {
		t.Helper()
		p, d := plan(t, b, tg, spec)
		res, err := b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute, Progress: testProgress()})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := apply(); !res.OK() {
		t.Fatalf("first apply: failed %v, unready %v", res.Failed, res.Unready)
	}
	name := ContainerName(project, "web", 1)
	if err := cli.ContainerPause(context.Background(), name); err != nil {
		t.Fatal(err)
	}

	p, _ := plan(t, b, tg, spec)
	var c *planner.Change
	for _, ch := range p.Changes {
		if ch.Address.String() == "container.web[1]" {
			c = ch
		}
	}
	if c == nil || c.Action != planner.Update || len(c.Reasons) != 1 || c.Reasons[0].Attribute != "state" || c.Reasons[0].Before != "paused" || !c.Reasons[0].Drift {
		t.Fatalf("plan of a paused container: %+v; want an update of its state from paused, as drift", c)
	}
	if res := apply(); !res.OK() {
		t.Fatalf("apply of the paused container: failed %v, unready %v", res.Failed, res.Unready)
	}
	ins, err := cli.ContainerInspect(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	if !ins.State.Running || ins.State.Paused {
		t.Fatalf("after apply the container is %+v; want it running, not paused", ins.State)
	}
	if p, _ := plan(t, b, tg, spec); !p.Empty() {
		t.Fatalf("the plan after apply is not empty: %+v", p.Changes)
	}
}
