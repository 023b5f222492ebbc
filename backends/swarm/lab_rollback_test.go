package swarm

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestLabRollbackSaysWhy: an update that swarm rolls back fails apply with
// what the failing task's health check said (read from the node that ran
// it), not swarm's bare "dockerexec: unhealthy container", and with what
// to do: the service runs as before, and the same spec would roll back
// again. The progress says the failure once (it said it twice, first as
// "NOT READY").
func TestLabRollbackSaysWhy(t *testing.T) {
	e := newLabEnv(t)
	const project = "swrollwhy"
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	spec := e.fresh(project, "testdata/lab-basic")
	next := e.breakAPI(ctx, project, spec, "rollback")
	p, d := e.plan(ctx, project, next, false)
	res := e.apply(ctx, p, d)
	if res.OK() || len(res.Failed) != 1 {
		t.Fatalf("apply of a failing image: OK %v, failed %v\n%s", res.OK(), res.Failed, e.out.String())
	}
	msg := res.Failed[0].Err.Error()
	t.Logf("apply failed:\n%s\n%s", msg, e.out.String())
	// The image has no shell, so the spec's http check (wget, in a shell)
	// cannot even start: the node's health log says so.
	if !strings.Contains(msg, "unhealthy container; health check: ") || !strings.Contains(msg, "/bin/sh") {
		t.Errorf("the error does not say what the health check said: %s", msg)
	}
	if !strings.Contains(msg, "as it was before this apply") || !strings.Contains(msg, "rolls back again") {
		t.Errorf("the error does not say what a rollback leaves and what to do: %s", msg)
	}
	if n := strings.Count(e.out.String(), "rollback completed"); n != 1 {
		t.Errorf("the progress says the rollback %d times, want once:\n%s", n, e.out.String())
	}
}
