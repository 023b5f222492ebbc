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

// TestApplyReturnsOnceHealthy: apply returns only when every container
// with a health check is healthy (the engine's own verdict, read after
// apply returned), and each one is reported ready as healthy.
func TestApplyReturnsOnceHealthy(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {
			Name: "web", Image: v1, Replicas: 3,
			Health: &lang.Health{Cmd: []string{"/app", "--probe", "http://127.0.0.1:8080/healthz"}, Interval: 500 * time.Millisecond, Timeout: 10 * time.Second, Retries: 3},
		},
	}}
	b, tg := New(cli), &Target{}
	p, d := plan(t, b, tg, spec)
	var out strings.Builder
	res, err := b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: 3 * time.Minute, Progress: backends.NewProgress(&out, false)})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatalf("apply: failed %v, unready %v\n%s", res.Failed, res.Unready, out.String())
	}
	for name, id := range containerIDs(t, cli, project) {
		ins, err := cli.ContainerInspect(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if ins.State.Health == nil || ins.State.Health.Status != "healthy" {
			t.Errorf("%s is %+v once apply returned, not healthy", name, ins.State.Health)
		}
	}
	for i := 1; i <= 3; i++ {
		line := "container.web[" + string(rune('0'+i)) + "]: healthy ("
		if !strings.Contains(out.String(), line) {
			t.Errorf("progress does not say %q:\n%s", line, out.String())
		}
	}
}

// TestApplyReportsAnExitedContainer: a container whose program exits (and
// is not restarted) before its health check passes is reported unready,
// with its exit, as soon as the engine says so rather than at the end of
// the wait.
func TestApplyReportsAnExitedContainer(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"once": {
			Name: "once", Image: v1, Replicas: 1, Restart: lang.Restart{Condition: "none"},
			Command: []string{"--probe", "http://127.0.0.1:1/"}, // fails and exits 1
			Health:  &lang.Health{Cmd: []string{"/app", "--probe", "http://127.0.0.1:8080/healthz"}, Interval: time.Second, Retries: 3},
		},
	}}
	b, tg := New(cli), &Target{}
	p, d := plan(t, b, tg, spec)
	const wait = 5 * time.Minute
	start := time.Now()
	res, err := b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: wait})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 0 || len(res.Unready) != 1 {
		t.Fatalf("failed %v, unready %v; want one unready container", res.Failed, res.Unready)
	}
	if msg := res.Unready[0].Error(); !strings.Contains(msg, "container.once[1]") || !strings.Contains(msg, "exited") {
		t.Errorf("unready says %q", msg)
	}
	if took := time.Since(start); took > wait/2 {
		t.Errorf("apply took %s to see the exit", took)
	}
}

// TestApplyReportsTheWholeWait: a container that never becomes healthy is
// reported at the end of the wait with the engine's last word on it, and
// the time apply reports covers the wait, not only the steps.
func TestApplyReportsTheWholeWait(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"web": {
			Name: "web", Image: v1, Replicas: 1,
			// probes a port nothing listens on; a long interval keeps it "starting"
			Health: &lang.Health{Cmd: []string{"/app", "--probe", "http://127.0.0.1:1/"}, Interval: time.Minute, Retries: 3},
		},
	}}
	b, tg := New(cli), &Target{}
	p, d := plan(t, b, tg, spec)
	const wait = 3 * time.Second
	start := time.Now()
	res, err := b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: wait})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 0 || len(res.Unready) != 1 {
		t.Fatalf("failed %v, unready %v; want one unready container", res.Failed, res.Unready)
	}
	if msg := res.Unready[0].Error(); !strings.Contains(msg, "not ready after 3s: Up ") || !strings.Contains(msg, "health: starting") {
		t.Errorf("unready says %q; want the wait and the container's last status", msg)
	}
	if res.Elapsed < wait || res.Elapsed < took-took/10 {
		t.Errorf("apply reports %s; it took %s, %s of it waiting", res.Elapsed, took, wait)
	}
}

// TestApplyReportsAContainerThatExitsAtOnce: a container without a health
// check whose program exits at once is not reported running, whether the
// engine restarts it (the default policy) or not: apply counts a
// container ready only once it has run MinRunning since its last start.
func TestApplyReportsAContainerThatExitsAtOnce(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	exits := []string{"--probe", "http://127.0.0.1:1/"} // fails and exits 1
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"loop": {Name: "loop", Image: v1, Replicas: 1, Command: exits},
		"once": {Name: "once", Image: v1, Replicas: 1, Command: exits, Restart: lang.Restart{Condition: "none"}},
		"web":  {Name: "web", Image: v1, Replicas: 1},
	}}
	b, tg := New(cli), &Target{}
	p, d := plan(t, b, tg, spec)
	var out strings.Builder
	res, err := b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: 8 * time.Second, Progress: backends.NewProgress(&out, false)})
	if err != nil {
		t.Fatal(err)
	}
	unready := map[string]string{}
	for _, e := range res.Unready {
		unready[e.Step.Address().String()] = e.Error()
	}
	if len(res.Failed) != 0 || len(unready) != 2 {
		t.Fatalf("failed %v, unready %v; want loop and once unready\n%s", res.Failed, res.Unready, out.String())
	}
	if msg := unready["container.once[1]"]; !strings.Contains(msg, "exited") {
		t.Errorf("once: unready says %q; want its exit", msg)
	}
	if msg := unready["container.loop[1]"]; !strings.Contains(msg, "Restarting") && !strings.Contains(msg, "restart") {
		t.Errorf("loop: unready says %q; want its restarts", msg)
	}
	for _, line := range []string{"container.loop[1]: running", "container.once[1]: running"} {
		if strings.Contains(out.String(), line) {
			t.Errorf("progress says %q of a container that exits at once:\n%s", line, out.String())
		}
	}
	if !strings.Contains(out.String(), "container.web[1]: running (") {
		t.Errorf("progress does not say web runs:\n%s", out.String())
	}
}
