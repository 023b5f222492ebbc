package compose

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestApplyRefusesATakenHostPort: a host port the spec publishes that a
// running container of another project holds is refused before any step,
// naming the holder; the engine used to refuse it at the container's
// start ("port is already allocated"), after the network was made.
// Once the holder is gone, apply converges.
func TestApplyRefusesATakenHostPort(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	ctx := context.Background()
	port := freePort(t)
	holder := project + "-holder"
	p := nat.Port(fmt.Sprintf("%d/tcp", 8080))
	created, err := cli.ContainerCreate(ctx,
		&container.Config{Image: v1, ExposedPorts: nat.PortSet{p: {}}, Labels: map[string]string{"com.docker.compose.project": "other"}},
		&container.HostConfig{PortBindings: nat.PortMap{p: {{HostIP: "127.0.0.1", HostPort: fmt.Sprint(port)}}}},
		nil, nil, holder)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.ContainerRemove(context.Background(), created.ID, container.RemoveOptions{Force: true}) })
	if err := cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose",
		Services: map[string]*lang.Service{
			"web": {Name: "web", Image: v1, Replicas: 1, Ports: []lang.Port{{Published: port, Target: 8080}}},
		},
	}
	b, tg := New(cli), &Target{}
	pl, d := plan(t, b, tg, spec)
	taken, err := b.TakenHostPorts(ctx, pl)
	if err != nil || len(taken) != 1 || taken[0].Holder != holder || taken[0].HolderProject != "other" {
		t.Fatalf("TakenHostPorts = %+v, %v; want the port held by %s of the project other", taken, err, holder)
	}
	_, err = b.Apply(ctx, pl, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute, Progress: testProgress()})
	if err == nil {
		t.Fatal("apply with the host port taken: no error")
	}
	for _, want := range []string{fmt.Sprintf("container.web[1] publishes host port %d/tcp, held by the container %s (project other)", port, holder), "Nothing was done"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("apply says %q; want %q in it", err, want)
		}
	}
	if ids := containerIDs(t, cli, project); len(ids) != 0 {
		t.Errorf("the refused apply made containers: %v", ids)
	}

	if err := cli.ContainerRemove(ctx, created.ID, container.RemoveOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	apply(t, b, tg, spec)
	if pl, _ := plan(t, b, tg, spec); !pl.Empty() {
		t.Fatalf("plan after apply is not empty:\n%s", pl)
	}
	// The project's own container holds the port now: a replacement of
	// it is no conflict.
	spec.Services["web"].Env = map[string]string{"V": "2"}
	pl, _ = plan(t, b, tg, spec)
	if taken, err := b.TakenHostPorts(ctx, pl); err != nil || len(taken) != 0 {
		t.Errorf("the project's own container counted as a holder: %+v, %v", taken, err)
	}
}

func TestParseHostPort(t *testing.T) {
	for _, tc := range []struct {
		in    string
		ip    string
		port  uint16
		proto string
		ok    bool
	}{
		{"127.0.0.1:8080:80/tcp", "127.0.0.1", 8080, "tcp", true},
		{":53:53/udp", "", 53, "udp", true},
		{"::1:8080:80/tcp", "::1", 8080, "tcp", true},
		{":0:80/tcp", "", 0, "", false},
		{"80", "", 0, "", false},
	} {
		ip, port, proto, ok := parseHostPort(tc.in)
		if ip != tc.ip || port != tc.port || proto != tc.proto || ok != tc.ok {
			t.Errorf("parseHostPort(%q) = %q %d %q %v", tc.in, ip, port, proto, ok)
		}
	}
}
