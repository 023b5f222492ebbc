package swarm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestLabStatusSaysTheHealthCheck: the status of a service whose tasks
// fail their health check says what the check said, read from the node
// that ran the failed task (its image has no shell, so the http check
// cannot start: "/bin/sh"), not only swarm's "unhealthy container".
func TestLabStatusSaysTheHealthCheck(t *testing.T) {
	e := newLabEnv(t)
	const project = "h59swstatus"
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	if err := swarmtest.BuildImage(ctx, e.lab.Manager, "berth-unhealthy:1", swarmtest.UnhealthyProgram); err != nil {
		t.Fatal(err)
	}
	spec := &lang.Spec{Project: project, Backend: "swarm", Dir: t.TempDir(), Services: map[string]*lang.Service{
		"web": {Name: "web", Image: "berth-unhealthy:1", Replicas: 1,
			Health: &lang.Health{HTTP: "/healthz", Interval: time.Second, Timeout: 5 * time.Second, Retries: 1}},
	}}
	e.destroy(project)
	t.Cleanup(func() { e.destroy(project) })
	p, d := e.plan(ctx, project, spec, false)
	// It never converges: apply fails after its wait.
	if _, err := e.b.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents, Wait: 15 * time.Second}); err != nil {
		t.Fatal(err)
	}
	var status string
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Second) {
		obs, err := e.b.Observe(ctx, project)
		if err != nil {
			t.Fatal(err)
		}
		if r := obs.Get(planner.Address{Type: TypeService, Name: "web"}); r != nil {
			status = r.Status
		}
		if strings.Contains(status, "last failure:") && strings.Contains(status, "health check: ") {
			break
		}
	}
	t.Logf("status: %s", status)
	if !strings.Contains(status, "last failure:") || !strings.Contains(status, "unhealthy container; health check: ") || !strings.Contains(status, "/bin/sh") {
		t.Errorf("the status does not say what the health check said: %s", status)
	}
}
