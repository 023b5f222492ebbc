package compose

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"

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
	if !strings.Contains(strings.Join(ops, ","), "container.web") || !strings.Contains(text, "an older build of "+tag) {
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
