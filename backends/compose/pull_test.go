package compose

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/image"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// startRegistry runs Debian's docker-registry (a real distribution
// registry) on a free port of 127.0.0.1 for the test, and returns its
// host:port. The engine trusts plain HTTP on 127.0.0.0/8 by default.
func startRegistry(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("docker-registry")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("docker-registry is not installed (scripts/docker-up.sh installs Debian's): CI=true needs it")
		}
		t.Skip("docker-registry is not installed (apt-get install docker-registry)")
	}
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yml")
	writeFile(t, cfg, fmt.Sprintf("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n", filepath.Join(dir, "data"), addr))
	cmd := exec.Command(bin, "serve", cfg)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return addr
		}
	}
	t.Fatalf("the registry did not answer on %s:\n%s", addr, out.String())
	return ""
}

// TestPullMissing: an image the engine lacks is refused by default, with
// the way out in the message; with PullMissing it is pulled from its
// registry (a real one, on 127.0.0.1) and the container runs it.
func TestPullMissing(t *testing.T) {
	cli := dockertest.Client(t)
	reg := startRegistry(t)
	v1, _ := testImage(t, cli)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	remote := reg + "/berth-pull-test:" + randHex(6)
	if _, err := backends.PushImage(ctx, cli, v1, remote); err != nil {
		t.Fatal(err)
	}
	// Only the tag goes: the engine keeps the layers under v1, and must
	// still fetch the image from the registry to run it by this name.
	if _, err := cli.ImageRemove(ctx, remote, image.RemoveOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.ImageRemove(context.Background(), remote, image.RemoveOptions{}) })

	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Services: map[string]*lang.Service{
		"app": {Name: "app", Image: remote, Replicas: 1, Restart: lang.Restart{Condition: "any"}},
	}}
	b := New(cli)
	tg := &Target{}
	p, d := plan(t, b, tg, spec)
	_, err := b.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute})
	if err == nil || !strings.Contains(err.Error(), "--pull missing") || !strings.Contains(err.Error(), remote) {
		t.Fatalf("apply of a missing image without --pull: %v", err)
	}
	if ids := containerIDs(t, cli, project); len(ids) != 0 {
		t.Fatalf("a refused apply made containers: %v", ids)
	}

	var progress strings.Builder
	res, err := b.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute, Pull: backends.PullMissing,
		Progress: backends.NewProgress(&progress, false)})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatalf("apply with --pull missing: %v %v\n%s", res.Failed, res.Unready, progress.String())
	}
	if !strings.Contains(progress.String(), "image "+remote+": pulled") {
		t.Errorf("no pull line:\n%s", progress.String())
	}
	ins, err := cli.ContainerInspect(ctx, project+"-app-1")
	if err != nil {
		t.Fatal(err)
	}
	if ins.Config.Image != remote || !ins.State.Running {
		t.Errorf("container runs %s (running %v), want %s", ins.Config.Image, ins.State.Running, remote)
	}
	pulled, err := cli.ImageInspect(ctx, remote)
	if err != nil {
		t.Fatal(err)
	}
	if len(pulled.RepoDigests) == 0 || !strings.HasPrefix(pulled.RepoDigests[0], reg+"/berth-pull-test@sha256:") {
		t.Errorf("the image was not pulled from the registry: repo digests %v", pulled.RepoDigests)
	}
}

// TestMissingImages: plan's check lists the image the engine lacks, not
// the one it has, and builds nothing.
func TestMissingImages(t *testing.T) {
	cli := dockertest.Client(t)
	have, _ := testImage(t, cli)
	lacking := "berth-test/missing:" + randHex(6)
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Services: map[string]*lang.Service{
		"have":    {Name: "have", Image: have, Replicas: 1, Restart: lang.Restart{Condition: "any"}},
		"lacking": {Name: "lacking", Image: lacking, Replicas: 2, Restart: lang.Restart{Condition: "any"}},
	}}
	b := New(cli)
	p, _ := plan(t, b, &Target{}, spec)
	missing, err := b.MissingImages(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) != 1 || missing[0] != lacking {
		t.Errorf("MissingImages = %v, want [%s]", missing, lacking)
	}
}
