package compose

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestApplyNotReadySaysTheHealthCheck: a container apply gives up on as
// unhealthy says what its health check answered (here a CMD-SHELL probe
// in a FROM scratch image, which has no shell), as the plan's "Not ready"
// line does; it used to say only "Up 5 seconds (unhealthy)".
func TestApplyNotReadySaysTheHealthCheck(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {Name: "web", Image: v1, Replicas: 1, Health: &lang.Health{
			Cmd: []string{"CMD-SHELL", "true"}, Interval: 200 * time.Millisecond, Timeout: 2 * time.Second, Retries: 1}},
	}}
	b, tg := New(cli), &Target{}
	p, d := plan(t, b, tg, spec)
	var out strings.Builder
	res, err := b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: 10 * time.Second, Progress: backends.NewProgress(&out, false)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unready) != 1 {
		t.Fatalf("unready %v; want container.web[1]\n%s", res.Unready, out.String())
	}
	if msg := res.Unready[0].Error(); !strings.Contains(msg, "; health check: ") || !strings.Contains(msg, "/bin/sh") {
		t.Errorf("unready says %q; want the health check's output (no /bin/sh)", msg)
	}
}
