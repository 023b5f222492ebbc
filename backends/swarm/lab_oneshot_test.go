package swarm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/planner"
)

// oneShotProgram does its work and exits 0.
const oneShotProgram = `package main

func main() {}
`

// A one-shot service (restart none) whose tasks run to completion has
// converged: apply returns OK at once, saying tasks completed, and the
// next plan is empty and lists nothing as not ready. apply waited the
// whole --wait for tasks swarm never starts again, then failed.
func TestLabOneShotCompletes(t *testing.T) {
	e := newLabEnv(t)
	const project = "swoneshot"
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := swarmtest.BuildImage(ctx, e.lab.Manager, "berth-oneshot:1", oneShotProgram); err != nil {
		t.Fatal(err)
	}
	spec := e.fresh(project, "testdata/lab-oneshot")
	p, d := e.plan(ctx, project, spec, false)
	start := time.Now()
	res := e.apply(ctx, p, d)
	if !res.OK() {
		t.Fatalf("apply: failed %v, unready %v\n%s", res.Failed, res.Unready, e.out.String())
	}
	// Converged once every slot's task runs or has completed: a task
	// still running then completes a moment later ("1/2 running, 1
	// completed (exit 0)").
	if took := time.Since(start); took > time.Minute || !strings.Contains(e.out.String(), "completed (exit 0)") {
		t.Errorf("apply took %s and said:\n%s", took, e.out.String())
	}
	again, _ := e.plan(ctx, project, spec, false)
	var text strings.Builder
	planner.Render(&text, again.JSON(), planner.RenderOptions{})
	if !again.Empty() || strings.Contains(text.String(), "Not ready") {
		t.Errorf("the plan after the job completed:\n%s", text.String())
	}
}
