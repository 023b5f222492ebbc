package compose

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
)

// TestFailedApplyReportsAndConverges: a step that fails (the gateway's
// host port is taken) stops the apply, which reports exactly what was done
// and what not; once the cause is gone, applying again converges.
func TestFailedApplyReportsAndConverges(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "jwt.pem"), "x")
	port := freePort(t)
	spec := testSpec(project, dir, v1, port)
	b, tg, ctx := New(cli), &Target{}, context.Background()

	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	p, d := plan(t, b, tg, spec)
	res, err := b.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || res.Failed[0].Step.Address().String() != "container.gateway[1]" {
		t.Fatalf("failed = %v", res.Failed)
	}
	if !strings.Contains(res.Failed[0].Error(), "address already in use") && !strings.Contains(res.Failed[0].Error(), "port is already allocated") {
		t.Errorf("failure says %v", res.Failed[0])
	}
	// The report says the container exists, though its step failed.
	if want := "created " + ContainerName(project, "gateway", 1) + ", but could not start it"; !strings.Contains(res.Failed[0].Error(), want) {
		t.Errorf("failure %q does not say %q", res.Failed[0], want)
	}
	if len(res.Done) != len(p.Steps)-1 || len(res.NotStarted) != 0 {
		t.Errorf("done %d of %d steps, not started %d", len(res.Done), len(p.Steps), len(res.NotStarted))
	}
	l.Close()

	// The failed container was created but not started: the next plan
	// starts it (its state) rather than starting over.
	p2, _ := plan(t, b, tg, spec)
	if got := changesOnly(p2.String()); got != "container.gateway[1]: update\n  state: \"created\" → \"running\" [changed outside berth]\n" {
		t.Errorf("plan after the failure:\n%s", p2)
	}
	apply(t, b, tg, spec)
	if p3, _ := plan(t, b, tg, spec); !p3.Empty() {
		t.Errorf("not converged:\n%s", p3)
	}
	httpGet(t, fmt.Sprintf("http://127.0.0.1:%d/healthz", port))
}
