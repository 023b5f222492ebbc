package swarm

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/lang"
)

// TestLabRollback: an image that fails its health check, on a service with
// failure_action = rollback. Swarm rolls back; apply fails that service's
// step with the rollback and the task error; the service runs the old
// image again, and the next plan proposes the change again.
func TestLabRollback(t *testing.T) {
	e := newLabEnv(t)
	const project = "swrollback"
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	spec := e.fresh(project, "testdata/lab-basic")
	next := e.breakAPI(ctx, project, spec, "rollback")
	p, d := e.plan(ctx, project, next, false)
	if !strings.Contains(p.String(), `image: "berth-emulator:`) || !strings.Contains(p.String(), `→ "berth-unhealthy:1"`) {
		t.Fatalf("plan does not change the image:\n%s", p)
	}
	res := e.apply(ctx, p, d)
	if res.OK() || len(res.Failed) != 1 {
		t.Fatalf("apply of a failing image: OK %v, failed %v\n%s", res.OK(), res.Failed, e.out.String())
	}
	f := res.Failed[0]
	msg := f.Error()
	t.Logf("apply failed as it should:\n%s\n%s", msg, e.out.String())
	if f.Step.Address().String() != "service.api" || !errors.Is(f.Err, ErrRolledBack) {
		t.Errorf("failed step %s: %v; want service.api rolled back", f.Step.Address(), f.Err)
	}
	if !strings.Contains(msg, "task swrollback_api.") {
		t.Errorf("the error does not name the failing task: %s", msg)
	}

	svc, _, err := e.lab.Manager.ServiceInspectWithRaw(ctx, objectName(project, "api"), swarm.ServiceInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if img := svc.Spec.Labels[LabelStackImage]; !strings.HasPrefix(img, "berth-emulator:") {
		t.Errorf("after the rollback the service runs %s (%s)", img, svc.Spec.TaskTemplate.ContainerSpec.Image)
	}
	if again, _ := e.plan(ctx, project, next, false); !strings.Contains(again.String(), "service.api: update") {
		t.Errorf("after the rollback the plan does not propose the change again:\n%s", again)
	}
}

// TestLabSecretRotation: a new secret value makes a new version, the
// services that mount it move to it, the old version goes; no error, and
// no moment during the apply when no api replica answers.
func TestLabSecretRotation(t *testing.T) {
	e := newLabEnv(t)
	const project = "swrotate"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	spec := e.fresh(project, "testdata/lab-basic")
	p, d := e.plan(ctx, project, spec, false)
	if res := e.apply(ctx, p, d); !res.OK() {
		t.Fatalf("apply: %v\n%s", res.Failed, e.out.String())
	}
	oldVersion := secretVersions(t, e, project)

	path := filepath.Join(t.TempDir(), "token.txt")
	if err := os.WriteFile(path, []byte("s3cr3t-second\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	next := spec.Clone()
	next.Secrets["token"].Path = path
	p, d = e.plan(ctx, project, next, false)
	if !strings.Contains(p.String(), "secret.token: replace") || !strings.Contains(p.String(), "service.api: update") {
		t.Fatalf("plan:\n%s", p)
	}
	probe := watchAvailability(ctx, e, 18081) // api's host-mode port
	res := e.apply(ctx, p, d)
	rounds, down := probe()
	if !res.OK() {
		t.Fatalf("rotation: %v\n%s", res.Failed, e.out.String())
	}
	t.Logf("during the rotation: %d probe rounds, %d with no api replica answering", rounds, down)
	if rounds < 3 || down > 0 {
		t.Errorf("downtime during the rotation: %d of %d probe rounds found no api replica answering /healthz", down, rounds)
	}
	newVersion := secretVersions(t, e, project)
	if len(newVersion) != 1 || len(oldVersion) != 1 || newVersion[0] == oldVersion[0] {
		t.Fatalf("secret versions: before %v, after %v", oldVersion, newVersion)
	}
	svc, _, err := e.lab.Manager.ServiceInspectWithRaw(ctx, objectName(project, "api"), swarm.ServiceInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	refs := svc.Spec.TaskTemplate.ContainerSpec.Secrets
	if len(refs) != 1 || refs[0].SecretName != newVersion[0] || refs[0].File.Name != "token" {
		t.Errorf("api mounts %+v, want %s as token", refs, newVersion[0])
	}
	if again, _ := e.plan(ctx, project, next, false); !again.Empty() {
		t.Errorf("plan after the rotation is not empty:\n%s", again)
	}
}

func secretVersions(t *testing.T, e *labEnv, project string) []string {
	t.Helper()
	ss, err := e.lab.Manager.SecretList(context.Background(), swarm.SecretListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range ss {
		if s.Spec.Labels[LabelProject] == project {
			out = append(out, s.Spec.Name)
		}
	}
	return out
}

// watchAvailability probes every node's 127.0.0.1:port/healthz (the
// host-mode published port, inside the node's namespace) in rounds, every
// 200 ms, until the returned stop is called (at most 1,500 rounds). A round
// is down when no node answers 200. stop returns the rounds and the down
// ones.
func watchAvailability(ctx context.Context, e *labEnv, port int) (stop func() (rounds, down int)) {
	done := make(chan struct{})
	result := make(chan [2]int, 1)
	go func() {
		var n, down int
		defer func() { result <- [2]int{n, down} }()
		for ; n < 1500; n++ {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
			up := false
			for _, node := range e.lab.Nodes {
				if code, _, err := get(ctx, node, port, "/healthz"); err == nil && code == http.StatusOK {
					up = true
					break
				}
			}
			if !up {
				down++
			}
		}
	}()
	return func() (int, int) {
		close(done)
		r := <-result
		return r[0], r[1]
	}
}

// TestLabPausedUpdate: with failure_action = "pause" (swarm's default) a
// failing image pauses the update and apply fails saying so; the service's
// spec is then the one the plan asked, yet the next plan is not empty (it
// resumes the update), and applying it again fails again: a re-run never
// exits 0 on a service whose tasks do not run its spec.
func TestLabPausedUpdate(t *testing.T) {
	e := newLabEnv(t)
	const project = "swpaused"
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	spec := e.fresh(project, "testdata/lab-basic")
	next := e.breakAPI(ctx, project, spec, "pause")
	p, d := e.plan(ctx, project, next, false)
	res := e.apply(ctx, p, d)
	if res.OK() || len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Error(), "update paused") {
		t.Fatalf("apply of a failing image: OK %v, failed %v\n%s", res.OK(), res.Failed, e.out.String())
	}

	again, d := e.plan(ctx, project, next, false)
	if !strings.Contains(again.String(), "service.api: update") || !strings.Contains(again.String(), "update_status") {
		t.Fatalf("after the paused update the plan does not resume it:\n%s", again)
	}
	e.out.Reset()
	res, err := e.b.Apply(ctx, again, backends.ApplyOptions{
		Contents: d.Contents, Progress: backends.NewProgress(&e.out, false), Wait: 45 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() {
		t.Fatalf("the re-run of the paused update succeeded:\n%s", e.out.String())
	}
	t.Logf("the re-run failed as it should: %v", res.Failed[0])
}

// breakAPI applies spec, then returns a copy whose api service runs an
// image that never turns healthy, with the update's failure action, for a
// test of a failed update.
func (e *labEnv) breakAPI(ctx context.Context, project string, spec *lang.Spec, failureAction string) *lang.Spec {
	e.t.Helper()
	if err := swarmtest.BuildImage(ctx, e.lab.Manager, "berth-unhealthy:1", swarmtest.UnhealthyProgram); err != nil {
		e.t.Fatal(err)
	}
	p, d := e.plan(ctx, project, spec, false)
	if res := e.apply(ctx, p, d); !res.OK() {
		e.t.Fatalf("apply: %v\n%s", res.Failed, e.out.String())
	}
	next := spec.Clone()
	api := next.Services["api"]
	api.Image = "berth-unhealthy:1"
	api.Update.FailureAction = failureAction
	api.Update.Monitor = 3 * time.Second
	return next
}
