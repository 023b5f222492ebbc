package compose

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestApplyRefusesAMissingBindSource: a change whose new container binds
// a host path that does not exist is refused before any step, so the
// container it would replace keeps running; once the path exists, apply
// converges. (Apply used to delete the old container, then fail to create
// the new one: "bind source path does not exist".)
func TestApplyRefusesAMissingBindSource(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	dir := t.TempDir()
	spec := func(source string) *lang.Spec {
		return &lang.Spec{Project: project, Dir: dir, Backend: "compose", Services: map[string]*lang.Service{
			"web": {Name: "web", Image: v1, Replicas: 1, Mounts: []lang.Mount{{Source: source, Target: "/data", ReadOnly: true}}},
		}}
	}
	b, tg := New(cli), &Target{}
	apply := func(s *lang.Spec) (*backends.Result, error) {
		t.Helper()
		p, d := plan(t, b, tg, s)
		return b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: time.Minute, Progress: testProgress()})
	}
	if res, err := apply(spec(".")); err != nil || !res.OK() {
		t.Fatalf("first apply: %v %v", res, err)
	}
	before := containerIDs(t, cli, project)

	missing := filepath.Join(dir, "data")
	_, err := apply(spec("./data"))
	if err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "container.web[1]") || !strings.Contains(err.Error(), "Nothing was done") {
		t.Fatalf("apply with a missing bind source: %v; want it refused, naming %s and container.web[1]", err, missing)
	}
	if after := containerIDs(t, cli, project); len(after) != 1 || after[ContainerName(project, "web", 1)] != before[ContainerName(project, "web", 1)] {
		t.Fatalf("the refused apply changed the containers: %v → %v", before, after)
	}

	if err := os.Mkdir(missing, 0o755); err != nil {
		t.Fatal(err)
	}
	if res, err := apply(spec("./data")); err != nil || !res.OK() {
		t.Fatalf("apply once the source exists: %v %v", res, err)
	}
}
