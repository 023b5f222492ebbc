package swarm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/image"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/planner"
)

// A node whose tag names another build of an image (an older app:1) gets
// the manager's build copied before the services are made: apply asked
// the node for the image by its name, found the old build and copied
// nothing, while the service runs the manager's id, which the node then
// did not have ("No such image: sha256:…" at every task placed there).
func TestLabCopiesARebuiltImage(t *testing.T) {
	e := newLabEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	const ref = "berth-swrebuilt:1"
	node := e.lab.Nodes[len(e.lab.Nodes)-1]
	t.Cleanup(func() {
		for _, n := range e.lab.Nodes {
			n.Client.ImageRemove(context.Background(), ref, image.RemoveOptions{Force: true, PruneChildren: true})
		}
	})
	build := func(on *swarmtest.Node, which string) string {
		program := strings.Replace(swarmtest.UnhealthyProgram, "package main", "package main // "+which, 1)
		if err := swarmtest.BuildImage(ctx, on.Client, ref, program); err != nil {
			t.Fatal(err)
		}
		img, err := on.Client.ImageInspect(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		return img.ID
	}
	old := build(node, "the node's older build")
	id := build(e.lab.Nodes[0], "the manager's build")
	if old == id {
		t.Fatalf("the two builds have one id %s", id)
	}

	attrs := planner.Attrs{}
	attrs.Set(attrImage, ref)
	addr := planner.Address{Type: TypeService, Name: "app"}
	p := &planner.Plan{Changes: []*planner.Change{{Address: addr, Action: planner.Create, After: &planner.Resource{Address: addr, Attrs: attrs}}}}
	e.out.Reset()
	if err := e.b.distributeImages(ctx, p, backends.NewProgress(&e.out, false)); err != nil {
		t.Fatal(err)
	}
	got, err := node.Client.ImageInspect(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != id {
		t.Errorf("node %d has %s as %s after the copy, want the manager's %s\n%s", node.Index, ref, got.ID, id, e.out.String())
	}
	if !strings.Contains(e.out.String(), "image "+ref+": copied to "+node.Host) {
		t.Errorf("the progress does not say the image was copied to node %d:\n%s", node.Index, e.out.String())
	}
}
