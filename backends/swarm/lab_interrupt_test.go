package swarm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/internal/syncbuf"
	"github.com/berth-dev/berth/planner"
)

// An interrupt ends apply's wait for convergence at once: the service is
// made (the call in flight finishes), its wait says it was interrupted, and
// apply returns long before the stuck-task grace or --wait would end it.
// On the real lab, with a task that no node can run.
func TestLabInterruptEndsTheWait(t *testing.T) {
	e := newLabEnv(t)
	const project = "swunplaced"
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	spec := e.fresh(project, "testdata/lab-unplaceable")
	p, d := e.plan(ctx, project, spec, true)

	var out syncbuf.Buffer
	actx, interrupt := context.WithCancel(ctx)
	defer interrupt()
	done := make(chan struct{})
	var (
		res      *backends.Result
		err      error
		returned time.Time
	)
	go func() {
		defer close(done)
		res, err = e.b.Apply(actx, p, backends.ApplyOptions{
			Contents: d.Contents, Progress: backends.NewProgress(&out, false), Wait: 2 * time.Minute,
		})
		returned = time.Now()
	}()
	// Interrupt once the service exists and apply waits on its pending task.
	for !strings.Contains(out.String(), "0/1 running") {
		select {
		case <-done:
			t.Fatalf("apply ended before waiting on the pending task: %v\n%s", err, out.String())
		case <-ctx.Done():
			t.Fatalf("apply never waited on the pending task:\n%s", out.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
	at := time.Now()
	interrupt()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("apply still waiting 20 s after the interrupt:\n%s", out.String())
	}
	if err != nil {
		t.Fatal(err)
	}
	took := returned.Sub(at)
	t.Logf("apply returned %s after the interrupt\n%s", took.Round(time.Millisecond), out.String())
	if took > 5*time.Second {
		t.Errorf("apply returned %s after the interrupt, want at once (the wait ends with it; the stuck grace is %s)", took, stuckGrace)
	}
	if res.OK() || len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Err.Error(), "interrupted while waiting") {
		t.Errorf("result: failed %v, want the service's wait reported as interrupted", res.Failed)
	}
	if _, _, err := e.lab.Manager.ServiceInspectWithRaw(ctx, objectName(project, "api"), swarm.ServiceInspectOptions{}); err != nil {
		t.Errorf("the service the interrupted apply made is not there: %v", err)
	}
	// The next plan has nothing to change, and says the service does not
	// run ("No changes" alone read as converged).
	again, _ := e.plan(ctx, project, spec, true)
	var text strings.Builder
	planner.Render(&text, again.JSON(), planner.RenderOptions{})
	if !again.Empty() || !strings.Contains(text.String(), "Not ready, though they match the spec") ||
		!strings.Contains(text.String(), "service.api") || !strings.Contains(text.String(), "0/1 running") {
		t.Errorf("the plan after the interrupted apply:\n%s", text.String())
	}
}
