package compose

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/api/types/image"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestApplyWaitsForTheImageHealthCheck: a service without a health block
// whose image has a HEALTHCHECK has a health check all the same, so apply
// waits until it is healthy (as docker compose up --wait does); it used to
// report it ready as soon as it ran, health check starting or failing.
func TestApplyWaitsForTheImageHealthCheck(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	repo := "berth-test-hc-" + randHex(4) // built before the project, removed after it
	ok, never := repo+":ok", repo+":never"
	buildFrom(t, cli, ok, "FROM "+v1+"\nHEALTHCHECK --interval=500ms CMD [\"/app\", \"--probe\", \"http://127.0.0.1:8080/healthz\"]\n")
	// probes a port nothing listens on; a long interval keeps it "starting"
	buildFrom(t, cli, never, "FROM "+v1+"\nHEALTHCHECK --interval=1m CMD [\"/app\", \"--probe\", \"http://127.0.0.1:1/\"]\n")
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"ok":    {Name: "ok", Image: ok, Replicas: 1},
		"never": {Name: "never", Image: never, Replicas: 1},
	}}
	b, tg := New(cli), &Target{}
	p, d := plan(t, b, tg, spec)
	var out strings.Builder
	res, err := b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: 5 * time.Second, Progress: backends.NewProgress(&out, false)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 0 || len(res.Unready) != 1 || res.Unready[0].Step.Address().String() != "container.never[1]" {
		t.Fatalf("failed %v, unready %v; want container.never[1] unready\n%s", res.Failed, res.Unready, out.String())
	}
	if msg := res.Unready[0].Error(); !strings.Contains(msg, "health: starting") {
		t.Errorf("unready says %q; want its health check starting", msg)
	}
	if !strings.Contains(out.String(), "container.ok[1]: healthy (") {
		t.Errorf("progress does not say ok is healthy:\n%s", out.String())
	}
}

// buildFrom builds the Dockerfile df as tag, removed when the test ends.
func buildFrom(t *testing.T, cli interface {
	ImageBuild(context.Context, io.Reader, build.ImageBuildOptions) (build.ImageBuildResponse, error)
	ImageRemove(context.Context, string, image.RemoveOptions) ([]image.DeleteResponse, error)
}, tag, df string) {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "Dockerfile", Mode: 0o644, Size: int64(len(df))})
	io.WriteString(tw, df)
	tw.Close()
	resp, err := cli.ImageBuild(context.Background(), &buf, build.ImageBuildOptions{Tags: []string{tag}, Remove: true, ForceRemove: true, Version: build.BuilderV1})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := drainBuild(resp.Body); err != nil {
		t.Fatalf("build %s: %v", tag, err)
	}
	t.Cleanup(func() { cli.ImageRemove(context.Background(), tag, image.RemoveOptions{Force: true}) })
}
