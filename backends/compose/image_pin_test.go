package compose

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/image"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestApplyRefusesAPlanWhoseImageTagMoved: a plan file made while
// app:tag named one image, applied after `docker tag` gave the name to
// another, is refused as stale before any step. It was applied: the
// observed fingerprint covers only what the project holds, so a
// container the plan creates ran an image nobody saw in the plan. With
// the tag back where it was, the same plan file applies.
func TestApplyRefusesAPlanWhoseImageTagMoved(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	ctx := context.Background()
	tag := "berth-test-app:pin-" + project
	must(t, cli.ImageTag(ctx, v1, tag))
	t.Cleanup(func() { cli.ImageRemove(ctx, tag, image.RemoveOptions{Force: true, PruneChildren: true}) })
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {Name: "web", Image: tag, Replicas: 1},
	}}
	b, tg := New(cli), &Target{}
	p, _ := plan(t, b, tg, spec)
	must(t, b.PinImages(ctx, p))
	var file bytes.Buffer // the plan file, as berth plan -out writes it
	must(t, json.NewEncoder(&file).Encode(p.JSON()))
	saved := file.Bytes()
	fromFile := func() *planner.Plan {
		jp, err := planner.ReadJSON(bytes.NewReader(saved))
		must(t, err)
		p, _, err := jp.PlanWith(nil)
		must(t, err)
		return p
	}

	rebuild(t, cli, v1, tag) // the name now names another image
	rebuilt, err := cli.ImageInspect(ctx, tag)
	must(t, err)
	t.Cleanup(func() { cli.ImageRemove(ctx, rebuilt.ID, image.RemoveOptions{Force: true, PruneChildren: true}) })
	_, err = b.Apply(ctx, fromFile(), backends.ApplyOptions{Wait: time.Minute})
	if err == nil || !strings.Contains(err.Error(), "stale") || !strings.Contains(err.Error(), tag) {
		t.Fatalf("apply after %s moved: %v; want it refused as stale, naming the image", tag, err)
	}
	if ids := containerIDs(t, cli, project); len(ids) != 0 {
		t.Fatalf("the refused apply made containers: %v", ids)
	}

	must(t, cli.ImageTag(ctx, v1, tag)) // back to the planned image
	res, err := b.Apply(ctx, fromFile(), backends.ApplyOptions{Wait: time.Minute})
	must(t, err)
	if !res.OK() {
		t.Fatalf("apply of the plan with its image back failed: %v %v", res.Failed, res.Unready)
	}
	ins, err := cli.ContainerInspect(ctx, ContainerName(project, "web", 1))
	must(t, err)
	want, err := cli.ImageInspect(ctx, v1)
	must(t, err)
	if ins.Image != want.ID {
		t.Errorf("the container runs %s, the plan's image is %s", ins.Image, want.ID)
	}
	if p, _ := plan(t, b, tg, spec); !p.Empty() {
		t.Errorf("plan after applying the pinned plan is not empty:\n%s", p)
	}
}
