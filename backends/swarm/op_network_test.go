package swarm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/planner"
)

// A network that a service outside the project uses is not retried for
// 60 s and then reported by the engine's "in use by service <id>": the
// delete fails at once naming that service and what to do. The project's
// own services (being removed) are waited for as before.
func TestNetworkDeleteNamesForeignUsers(t *testing.T) {
	attached := func(id, name string, labels map[string]string) swarm.Service {
		return swarm.Service{ID: id, Spec: swarm.ServiceSpec{Annotations: swarm.Annotations{Name: name, Labels: labels},
			TaskTemplate: swarm.TaskSpec{Networks: []swarm.NetworkAttachmentConfig{{Target: "net1"}}}}}
	}
	own := map[string]string{LabelProject: "p", LabelBackend: "swarm"}
	tests := []struct {
		name     string
		services []swarm.Service
		want     string // "" = still retried after 1 s
	}{
		{name: "a foreign service", services: []swarm.Service{attached("s9", "foreign", nil), attached("s1", "p_api", own)},
			want: `network p_front cannot be removed: service foreign outside the project "p" is attached to it; detach it (docker service update --network-rm p_front SERVICE)`},
		{name: "the same project on compose", services: []swarm.Service{attached("s9", "p_web", map[string]string{LabelProject: "p", LabelBackend: "compose"})},
			want: `service p_web outside the project "p" is attached`},
		{name: "the project's own, being removed", services: []swarm.Service{attached("s1", "p_api", own)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeEngine{services: tt.services, networkRemoveErr: "rpc error: code = FailedPrecondition desc = network net1 is in use by service s9"}
			x := &executor{cli: f.client(t), project: "p"}
			s := &planner.Step{Op: planner.OpDelete, Change: &planner.Change{Address: planner.Address{Type: TypeNetwork, Name: "front"},
				Before: &planner.ObservedResource{ID: "net1"}}}
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			t0 := time.Now()
			err := x.network(ctx, s)
			if tt.want == "" {
				if f.networkRemoves < 2 {
					t.Errorf("the removal was tried %d times, want retries while the project's service goes", f.networkRemoves)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if d := time.Since(t0); d > 500*time.Millisecond {
				t.Errorf("failed after %s, want at once", d)
			}
		})
	}
}
