package compose

import (
	"archive/tar"
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"io"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// A container whose image name now names another image (myapp:latest
// rebuilt) is replaced, as docker-compose up recreates it, and the plan
// says why; once replaced, the next plan is empty.
func TestRebuiltTagReplaces(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	ctx := context.Background()
	tag := "berth-test-app:moved-" + project
	if err := cli.ImageTag(ctx, v1, tag); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.ImageRemove(ctx, tag, image.RemoveOptions{Force: true, PruneChildren: true}) })
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {Name: "web", Image: tag, Replicas: 1},
	}}
	b, tg := New(cli), &Target{}
	apply(t, b, tg, spec)
	if p, _ := plan(t, b, tg, spec); !p.Empty() {
		t.Fatalf("plan after apply is not empty:\n%s", p)
	}

	rebuild(t, cli, v1, tag)
	p, _ := plan(t, b, tg, spec)
	var ops []string
	for _, s := range p.Steps {
		ops = append(ops, string(s.Op)+" "+s.Change.Address.String())
	}
	text := p.String()
	if !strings.Contains(strings.Join(ops, ","), "container.web") || !strings.Contains(text, "another build (") {
		t.Fatalf("after rebuilding %s, the plan (steps %v) does not replace web saying why:\n%s", tag, ops, text)
	}
	for _, c := range p.Changes {
		if c.Address.Type == TypeContainer && c.Action != planner.Replace {
			t.Errorf("%s: %s, want replace", c.Address, c.Action)
		}
	}
	apply(t, b, tg, spec)
	if p, _ := plan(t, b, tg, spec); !p.Empty() {
		t.Fatalf("plan after replacing is not empty:\n%s", p)
	}
}

// A tag moved back to an OLDER image (a rollback of myapp:latest): the
// container runs the newer build, and the drift says so as it is, another
// build than the tag names with both ids and creation times, not "an
// older build", which it said whichever was older.
func TestTagMovedToOlderImage(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	ctx := context.Background()
	rand := make([]byte, 4)
	crand.Read(rand)
	project := "h69" + hex.EncodeToString(rand)
	tag := "berth-test-app:rolledback-" + project
	var newer string
	t.Cleanup(func() {
		cli.ImageRemove(ctx, tag, image.RemoveOptions{Force: true})
		if newer != "" {
			cli.ImageRemove(ctx, newer, image.RemoveOptions{Force: true})
		}
	})
	t.Setenv(backends.EnvStateDir, t.TempDir())
	t.Cleanup(func() { removeProject(t, cli, project) })
	rebuild(t, cli, v1, tag) // the tag names a build newer than v1
	img, err := cli.ImageInspect(ctx, tag)
	if err != nil {
		t.Fatal(err)
	}
	newer = img.ID
	old, err := cli.ImageInspect(ctx, v1)
	if err != nil {
		t.Fatal(err)
	}
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {Name: "web", Image: tag, Replicas: 1},
	}}
	b, tg := New(cli), &Target{}
	apply(t, b, tg, spec)
	if err := cli.ImageTag(ctx, v1, tag); err != nil { // rolled back
		t.Fatal(err)
	}
	text := mustPlan(t, b, tg, spec).String()
	if strings.Contains(text, "older build") {
		t.Errorf("the container runs the newer build, but the plan calls it older:\n%s", text)
	}
	want := []string{"another build", shortImageID(newer), shortImageID(old.ID)}
	if r, n := createdTimes(img.Created, old.Created); r != "" {
		want = append(want, "made "+r, "made "+n)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the plan lacks %q:\n%s", w, text)
		}
	}
}

func mustPlan(t *testing.T, b *Backend, tg planner.Target, spec *lang.Spec) *planner.Plan {
	t.Helper()
	p, _ := plan(t, b, tg, spec)
	return p
}

// rebuild builds FROM base a new image (one ENV more) and tags it tag.
func rebuild(t *testing.T, cli *client.Client, base, tag string) {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	df := "FROM " + base + "\nENV REBUILT=1\n"
	tw.WriteHeader(&tar.Header{Name: "Dockerfile", Mode: 0o644, Size: int64(len(df))})
	io.WriteString(tw, df)
	tw.Close()
	resp, err := cli.ImageBuild(context.Background(), &buf, build.ImageBuildOptions{Tags: []string{tag}, Remove: true, ForceRemove: true, Version: build.BuilderV1})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := drainBuild(resp.Body); err != nil {
		t.Fatalf("rebuild: %v", err)
	}
}
