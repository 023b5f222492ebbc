package swarm

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestLabRotationAfterALeftVersion: a rotation that did not finish (the
// service's update rolled back) left the new version of a secret beside
// the one the service mounts. The next apply of the same content deletes
// that left version ("secret.token@hash8") and makes the version again;
// its create waits for the delete. The create ran beside the delete,
// found the version there and kept it, and the service was moved to a
// version the delete was removing. Here a service outside the project
// holds the left version for 3 s, so the delete takes that long: without
// the wait the service mounted it, the delete found it in use until its
// 30 s ran out, and apply failed.
func TestLabRotationAfterALeftVersion(t *testing.T) {
	e := newLabEnv(t)
	const project = "swrotleft"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	spec := e.up(ctx, project, "testdata/lab-basic")

	content := []byte("s3cr3t-left\n")
	hash := planner.ContentHash(project, content)
	name := versionedName(project, "token", hash)
	m := e.lab.Manager
	left, err := m.SecretCreate(ctx, swarm.SecretSpec{Annotations: swarm.Annotations{Name: name, Labels: map[string]string{
		LabelProject: project, LabelResource: "secret.token", LabelContentHash: hash, LabelBackend: "swarm", LabelStack: project,
	}}, Data: content})
	if err != nil {
		t.Fatal(err)
	}
	var zero uint64
	holder, err := m.ServiceCreate(ctx, swarm.ServiceSpec{
		Annotations: swarm.Annotations{Name: project + "-holder"},
		Mode:        swarm.ServiceMode{Replicated: &swarm.ReplicatedService{Replicas: &zero}},
		TaskTemplate: swarm.TaskSpec{ContainerSpec: &swarm.ContainerSpec{Image: "berth-unhealthy:1", Secrets: []*swarm.SecretReference{{
			SecretID: left.ID, SecretName: name, File: &swarm.SecretReferenceFileTarget{Name: "token", UID: "0", GID: "0", Mode: 0o444},
		}}}},
	}, swarm.ServiceCreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.ServiceRemove(context.Background(), holder.ID) })

	path := filepath.Join(t.TempDir(), "token.txt")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	next := spec.Clone()
	next.Secrets["token"].Path = path
	p, d := e.plan(ctx, project, next, false)
	if !strings.Contains(p.String(), "secret.token@"+hash8(hash)+": delete") || !strings.Contains(p.String(), "secret.token: replace") {
		t.Fatalf("plan after a left version:\n%s", p)
	}
	go func() {
		time.Sleep(3 * time.Second)
		m.ServiceRemove(context.Background(), holder.ID)
	}()
	if res := e.apply(ctx, p, d); !res.OK() {
		t.Fatalf("apply after a left version: %v\n%s", res.Failed, e.out.String())
	}
	svc, _, err := m.ServiceInspectWithRaw(ctx, objectName(project, "api"), swarm.ServiceInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	refs := svc.Spec.TaskTemplate.ContainerSpec.Secrets
	if len(refs) != 1 || refs[0].SecretName != name {
		t.Fatalf("api mounts %+v, want %s", refs, name)
	}
	if _, _, err := m.SecretInspectWithRaw(ctx, refs[0].SecretID); err != nil {
		t.Errorf("the version api mounts: %v", err)
	}
	if again, _ := e.plan(ctx, project, next, false); !again.Empty() {
		t.Errorf("plan after the apply is not empty:\n%s", again)
	}
}

// up loads the spec in dir as project (fresh) and applies it.
func (e *labEnv) up(ctx context.Context, project, dir string) *lang.Spec {
	e.t.Helper()
	spec := e.fresh(project, dir)
	p, d := e.plan(ctx, project, spec, false)
	if res := e.apply(ctx, p, d); !res.OK() {
		e.t.Fatalf("apply: %v\n%s", res.Failed, e.out.String())
	}
	return spec
}
