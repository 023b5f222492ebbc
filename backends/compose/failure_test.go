package compose

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"

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
	// starts it (its state) rather than starting over, and says why it is
	// not running (the engine's start error); it is berth's unfinished
	// work, not drift. status shows it as never started.
	p2, _ := plan(t, b, tg, spec)
	got := changesOnly(p2.String())
	if !strings.HasPrefix(got, "container.gateway[1]: update\n  state: \"created\" → \"running\" (created, never started: ") ||
		strings.Count(got, "\n") != 2 || strings.Contains(got, "changed outside berth") || len(p2.Drift) != 0 {
		t.Errorf("plan after the failure:\n%s\ndrift: %v", p2, p2.Drift)
	}
	if !strings.Contains(got, "address already in use") && !strings.Contains(got, "port is already allocated") {
		t.Errorf("the plan does not say why the start failed:\n%s", got)
	}
	if st := observedStatus(t, b, project, "container.gateway[1]"); st != "created, never started" {
		t.Errorf("status %q, want created, never started", st)
	}
	apply(t, b, tg, spec)
	if p3, _ := plan(t, b, tg, spec); !p3.Empty() {
		t.Errorf("not converged:\n%s", p3)
	}
	httpGet(t, fmt.Sprintf("http://127.0.0.1:%d/healthz", port))

	// Stopped by hand: drift, with its exit code, and started again.
	id := containerIDs(t, cli, project)[ContainerName(project, "gateway", 1)]
	timeout := 1
	if err := cli.ContainerStop(ctx, id, container.StopOptions{Timeout: &timeout}); err != nil {
		t.Fatal(err)
	}
	p4, _ := plan(t, b, tg, spec)
	if got := changesOnly(p4.String()); !regexp.MustCompile(`^container.gateway\[1\]: update\n  state: "exited" → "running" \(exited with code \d+\) \[changed outside berth\]\n$`).MatchString(got) || len(p4.Drift) != 1 {
		t.Errorf("plan after a stop by hand:\n%s\ndrift: %v", p4, p4.Drift)
	}
	apply(t, b, tg, spec)
	if p5, _ := plan(t, b, tg, spec); !p5.Empty() {
		t.Errorf("not converged after the stop:\n%s", p5)
	}
}

// observedStatus is the status berth observes of the resource at addr.
func observedStatus(t *testing.T, b *Backend, project, addr string) string {
	t.Helper()
	obs, err := b.Observe(context.Background(), project)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range obs.Resources {
		if r.Address.String() == addr {
			return r.Status
		}
	}
	t.Fatalf("%s not observed", addr)
	return ""
}
