package compose

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestNotStartedSaysWhichFailedStepItWaitedFor: web depends on db, whose
// container cannot start (its host port is taken): web is not started,
// and the result says it waited for db, which failed.
func TestNotStartedSaysWhichFailedStepItWaitedFor(t *testing.T) {
	cli := dockertest.Client(t)
	image, _ := testImage(t, cli)
	b := make([]byte, 4)
	rand.Read(b)
	project := "h59" + hex.EncodeToString(b)
	t.Setenv(backends.EnvStateDir, t.TempDir())
	t.Cleanup(func() { removeProject(t, cli, project) })
	port := freePort(t)
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"db":  {Name: "db", Image: image, Replicas: 1, Ports: []lang.Port{{Published: port, Target: 8080, HostIP: "127.0.0.1"}}},
		"web": {Name: "web", Image: image, Replicas: 1, DependsOn: []string{"db"}},
	}}
	be := New(cli)
	p, d := plan(t, be, &Target{}, spec)
	res, err := be.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || res.Failed[0].Step.Address().String() != "container.db[1]" {
		t.Fatalf("failed = %v", res.Failed)
	}
	if len(res.NotStarted) != 1 || res.NotStarted[0].Address().String() != "container.web[1]" {
		t.Fatalf("not started = %v", res.NotStarted)
	}
	if got, want := res.WhyNotStarted(res.NotStarted[0].ID), "waited for container.db[1], which failed"; got != want {
		t.Errorf("why web did not start: %q, want %q", got, want)
	}
}
