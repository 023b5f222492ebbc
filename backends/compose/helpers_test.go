package compose

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/volume"
	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// testProject returns a project name no other test uses, sets a private
// state directory, and removes everything with the project's label at
// the end.
func testProject(t *testing.T, cli *client.Client) string {
	t.Helper()
	b := make([]byte, 4)
	rand.Read(b)
	p := "bt" + hex.EncodeToString(b)
	t.Setenv(backends.EnvStateDir, t.TempDir())
	t.Cleanup(func() { removeProject(t, cli, p) })
	return p
}

func removeProject(t testing.TB, cli *client.Client, project string) {
	ctx := context.Background()
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)))
	cs, _ := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f})
	for _, c := range cs {
		if err := cli.ContainerRemove(ctx, c.ID, container.RemoveOptions{Force: true}); err != nil {
			t.Logf("cleanup: %v", err)
		}
	}
	ns, _ := cli.NetworkList(ctx, network.ListOptions{Filters: f})
	for _, n := range ns {
		cli.NetworkRemove(ctx, n.ID)
	}
	vs, _ := cli.VolumeList(ctx, volume.ListOptions{Filters: f})
	for _, v := range vs.Volumes {
		cli.VolumeRemove(ctx, v.Name, true)
	}
}

// freePort returns a TCP port free on 127.0.0.1, below the kernel's
// ephemeral range: a port the kernel chose for a listener on port 0 is
// one it may hand to another test's connection before the engine binds it.
func freePort(t *testing.T) int {
	t.Helper()
	return dockertest.FreePort(t)
}

// plan observes the engine and plans spec.
func plan(t *testing.T, b *Backend, tg planner.Target, spec *lang.Spec) (*planner.Plan, *planner.Desired) {
	t.Helper()
	obs, err := b.Observe(context.Background(), spec.Project)
	if err != nil {
		t.Fatal(err)
	}
	p, d, diags := planner.Make(tg, spec, obs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return p, d
}

// apply plans spec and applies the plan, failing the test unless every
// step is done and everything is ready.
func apply(t *testing.T, b *Backend, tg planner.Target, spec *lang.Spec) *planner.Plan {
	t.Helper()
	p, d := plan(t, b, tg, spec)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := b.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute, Progress: testProgress()})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		var msgs []string
		for _, e := range append(res.Failed, res.Unready...) {
			msgs = append(msgs, e.Error())
		}
		t.Fatalf("apply failed: %s\nplan:\n%s", strings.Join(msgs, "\n"), p)
	}
	return p
}

// containerIDs returns the project's containers by name.
func containerIDs(t *testing.T, cli *client.Client, project string) map[string]string {
	t.Helper()
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)))
	cs, err := cli.ContainerList(context.Background(), container.ListOptions{All: true, Filters: f})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range cs {
		out[strings.TrimPrefix(c.Names[0], "/")] = c.ID
	}
	return out
}

// testProgress prints apply's progress when BERTH_TEST_PROGRESS is set.
func testProgress() *backends.Progress {
	if os.Getenv("BERTH_TEST_PROGRESS") == "" {
		return nil
	}
	return backends.NewProgress(os.Stderr, false)
}
