package swarm

import (
	"context"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/swarm"
)

// TestLabRegistry: with berth.registry and no node engines to copy to,
// apply pushes the emulator image to the lab's registry; the manager pins
// it by digest and every node pulls it by that digest. The next plan is
// empty: the pinned image reads back as the spec asked for it.
func TestLabRegistry(t *testing.T) {
	e := newLabEnv(t)
	if e.lab.Registry == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("the swarm lab has no registry (scripts/swarm-lab.sh starts Debian's docker-registry)")
		}
		t.Skip("the swarm lab has no registry")
	}
	const project = "swregistry"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	spec := e.load("testdata/lab-basic")
	spec.Project = project
	spec.Registry = e.lab.Registry
	spec.Services["api"].Replicas = len(e.lab.Nodes) // one per node (max_replicas_per_node = 1)
	e.destroy(project)
	engines := e.b.nodes
	t.Cleanup(func() {
		e.b.nodes = engines // destroy waits for the tasks' containers on each node
		e.destroy(project)
	})
	e.b.nodes = nil // nothing can be copied: the nodes must pull

	p, d := e.plan(ctx, project, spec, false)
	want := e.lab.Registry + "/berth-emulator:"
	if imgs := registryEmulatorImages(p); len(imgs) != 1 || !strings.HasPrefix(imgs[0], want) {
		t.Fatalf("the plan runs the emulator from %v, want %s…", imgs, want)
	}
	res := e.apply(ctx, p, d)
	out := e.out.String()
	if !res.OK() {
		t.Fatalf("apply: %v\n%s", res.Failed, out)
	}
	t.Logf("apply:\n%s", out)
	if !strings.Contains(out, "pushed sha256:") || strings.Contains(out, "copying") {
		t.Errorf("apply did not push (or copied instead):\n%s", out)
	}

	svc, _, err := e.lab.Manager.ServiceInspectWithRaw(ctx, objectName(project, "api"), swarm.ServiceInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	img := svc.Spec.TaskTemplate.ContainerSpec.Image
	ref, digest, pinned := strings.Cut(img, "@")
	if !pinned || !strings.HasPrefix(ref, want) || !strings.HasPrefix(digest, "sha256:") {
		t.Fatalf("the service runs %q, want %s…@sha256:…", img, want)
	}
	// Every node that runs a task has the image under the registry's
	// name at that digest: it pulled it.
	tasks, err := e.lab.Manager.TaskList(ctx, swarm.TaskListOptions{Filters: filters.NewArgs(
		filters.Arg("service", svc.ID), filters.Arg("desired-state", "running"))})
	if err != nil {
		t.Fatal(err)
	}
	nodes := map[string]bool{}
	for _, tk := range tasks {
		nodes[tk.NodeID] = true
	}
	if len(nodes) != len(e.lab.Nodes) {
		t.Fatalf("tasks on %d nodes, want %d", len(nodes), len(e.lab.Nodes))
	}
	repoDigest := path.Dir(ref) + "/" + strings.Split(path.Base(ref), ":")[0] + "@" + digest
	for _, n := range e.lab.Nodes {
		if !nodes[n.ID] {
			continue
		}
		ii, err := n.Client.ImageInspect(ctx, img)
		if err != nil {
			t.Errorf("node %d: %v", n.Index, err)
			continue
		}
		if !slices.Contains(ii.RepoDigests, repoDigest) {
			t.Errorf("node %d: image %s has repo digests %v, want %s", n.Index, ii.ID, ii.RepoDigests, repoDigest)
		}
	}

	if again, _ := e.plan(ctx, project, spec, false); !again.Empty() {
		t.Errorf("the plan after apply is not empty (the pinned image must read back as asked):\n%s", again)
	}
}
