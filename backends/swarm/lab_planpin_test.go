package swarm

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestLabApplyRefusesAPlanWhoseImageTagMoved: a plan file made while the
// manager's app:cur named one image, applied after `docker tag` gave the
// name to another, is refused as stale before any step. Apply ran the
// service from the manager's id of the name at apply time, an image the
// plan never showed (the observed fingerprint covers only the project's
// objects).
func TestLabApplyRefusesAPlanWhoseImageTagMoved(t *testing.T) {
	e := newLabEnv(t)
	const project = "swplanpin"
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	mgr := e.lab.Manager
	repo := "berth-" + project
	for _, v := range []string{"one", "two"} {
		program := strings.Replace(swarmtest.UnhealthyProgram, "package main", "package main // "+v, 1)
		if err := swarmtest.BuildImage(ctx, mgr, repo+":"+v, program); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { // a failed run may have copied them to the nodes
		for _, n := range e.lab.Nodes {
			for _, v := range []string{"cur", "one", "two"} {
				n.Client.ImageRemove(context.Background(), repo+":"+v, image.RemoveOptions{Force: true, PruneChildren: true})
			}
		}
	})
	if err := mgr.ImageTag(ctx, repo+":one", repo+":cur"); err != nil {
		t.Fatal(err)
	}
	spec := &lang.Spec{Project: project, Backend: "swarm", Dir: t.TempDir(), Services: map[string]*lang.Service{
		"web": {Name: "web", Image: repo + ":cur", Replicas: 1},
	}}
	e.destroy(project)
	t.Cleanup(func() { e.destroy(project) })
	p, d := e.plan(ctx, project, spec, false)
	if err := e.b.PinImages(ctx, p); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer // the plan file, as berth plan -out writes it
	if err := json.NewEncoder(&file).Encode(p.JSON()); err != nil {
		t.Fatal(err)
	}
	jp, err := planner.ReadJSON(&file)
	if err != nil {
		t.Fatal(err)
	}
	saved, _, err := jp.PlanWith(nil)
	if err != nil {
		t.Fatal(err)
	}

	if err := mgr.ImageTag(ctx, repo+":two", repo+":cur"); err != nil {
		t.Fatal(err)
	}
	// berth apply plan.json asks this before it shows the plan.
	if err := e.b.CheckPinnedImages(ctx, saved); err == nil || !strings.Contains(err.Error(), "stale") {
		t.Fatalf("CheckPinnedImages after %s:cur moved: %v; want it refused as stale", repo, err)
	}
	_, err = e.b.Apply(ctx, saved, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute})
	if err == nil || !strings.Contains(err.Error(), "stale") || !strings.Contains(err.Error(), repo+":cur") {
		t.Fatalf("apply after %s:cur moved: %v; want it refused as stale, naming the image", repo, err)
	}
	svcs, err := mgr.ServiceList(ctx, swarm.ServiceListOptions{Filters: filters.NewArgs(filters.Arg("label", LabelProject+"="+project))})
	if err != nil {
		t.Fatal(err)
	}
	if len(svcs) != 0 {
		t.Errorf("the refused apply made %d services", len(svcs))
	}
}
