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

// A one-shot job (restart "none" or "on-failure") that exits 0 has done
// what was asked: apply counts it completed, not failed, and the next plan
// is empty, not a start of the job again. One that exits 1 is a failure
// (TestApplyReportsAnExitedContainer), and so is one that exits 0 under
// "always", which Docker starts again.
func TestOneShotJobCompletes(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	for _, tt := range []struct {
		restart string
		ok      bool
	}{{"none", true}, {"on-failure", true}, {"any", false}} {
		t.Run(tt.restart, func(t *testing.T) {
			project := testProject(t, cli)
			spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
				"migrate": {
					Name: "migrate", Image: v1, Replicas: 1, Restart: lang.Restart{Condition: tt.restart},
					Command: []string{"--cat", "/etc/hostname"}, // prints it and exits 0
				},
			}}
			b, tg := New(cli), &Target{}
			p, d := plan(t, b, tg, spec)
			var out strings.Builder
			wait := time.Minute
			if !tt.ok {
				wait = 5 * time.Second // restarted for ever: it never settles
			}
			res, err := b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: wait, Progress: backends.NewProgress(&out, false)})
			if err != nil {
				t.Fatal(err)
			}
			if res.OK() != tt.ok {
				t.Fatalf("apply OK %v, want %v: failed %v, unready %v\n%s", res.OK(), tt.ok, res.Failed, res.Unready, out.String())
			}
			if !tt.ok {
				return
			}
			if !strings.Contains(out.String(), "completed (exited 0)") {
				t.Errorf("progress does not say the job completed:\n%s", out.String())
			}
			if again, _ := plan(t, b, tg, spec); !again.Empty() {
				t.Errorf("the plan after the job completed is not empty:\n%s", again)
			}
		})
	}
}
