package compose

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// A container that matches the spec but turned unhealthy after the apply
// is a no-op in the next plan (nothing in the spec would fix it), and the
// plan says so beside "No changes", in text and JSON, with the health
// check's last output: "No changes" alone read as all is well.
func TestPlanShowsUnhealthyNoOp(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	port := freePort(t)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {
			Name: "web", Image: v1, Replicas: 1,
			Ports:  []lang.Port{{Published: port, Target: 8080, HostIP: "127.0.0.1"}},
			Health: &lang.Health{Cmd: []string{"/app", "--probe", "http://127.0.0.1:8080/healthz"}, Interval: 300 * time.Millisecond, Timeout: 10 * time.Second, Retries: 1},
		},
	}}
	b, tg := New(cli), &Target{}
	apply(t, b, tg, spec)
	if out := render(t, b, tg, spec); strings.Contains(out, "Not ready") {
		t.Fatalf("a healthy project is called not ready:\n%s", out)
	}

	resp, err := http.Post(fmt.Sprintf("http://127.0.0.1:%d/sick", port), "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	id := containerIDs(t, cli, project)[project+"-web-1"]
	deadline := time.Now().Add(time.Minute)
	for {
		ins, err := cli.ContainerInspect(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if ins.State.Health != nil && ins.State.Health.Status == "unhealthy" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the container is still %+v a minute after /sick", ins.State.Health)
		}
		time.Sleep(200 * time.Millisecond)
	}

	p, _ := plan(t, b, tg, spec)
	if !p.Empty() {
		t.Fatalf("an unhealthy container that matches the spec is a change:\n%s", p)
	}
	var unready string
	for _, c := range p.JSON().ResourceChanges {
		if c.Address == "container.web[1]" {
			unready = c.Unready
		}
	}
	if unready != "running (unhealthy): sick on request" {
		t.Errorf("the JSON plan's unready for container.web[1] is %q", unready)
	}
	out := render(t, b, tg, spec)
	if !strings.HasPrefix(out, "No changes.") || !strings.Contains(out, "Not ready, though they match the spec") ||
		!strings.Contains(out, "container.web[1]") || !strings.Contains(out, "running (unhealthy): sick on request") {
		t.Errorf("the plan does not say the container is unhealthy:\n%s", out)
	}
}

// render is the human plan of spec against the engine now.
func render(t *testing.T, b *Backend, tg planner.Target, spec *lang.Spec) string {
	t.Helper()
	p, _ := plan(t, b, tg, spec)
	var out strings.Builder
	planner.Render(&out, p.JSON(), planner.RenderOptions{})
	return out.String()
}
