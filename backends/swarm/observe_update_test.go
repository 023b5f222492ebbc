package swarm

import (
	"strings"
	"testing"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/planner"
)

// An update that swarm paused (failure_action = pause, the default) left
// the service's spec at what the plan asked, with its tasks not running
// it. The plan must not call that converged: it updates the service again
// (which resumes the rollout, and apply fails again while the image
// fails), saying why. A rollback paused likewise; a completed update or
// rollback, or one in progress, is no change.
func TestPlanResumesAPausedUpdate(t *testing.T) {
	d := &serviceDef{Image: "shop/api:2", Replicas: 2, EndpointMode: "vip",
		Restart: restartDef{Condition: "any"}, Update: updateDef{Order: "stop-first", FailureAction: "pause"}}
	desired := &planner.Resource{Address: planner.Address{Type: TypeService, Name: "api"}, Group: "api", Attrs: d.attrs()}
	hash := planner.ConfigHash(desired, serviceSchema)
	spec, err := d.swarmSpec(specEnv{Project: "p", Name: "api", Address: "service.api", ConfigHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		state  swarm.UpdateState
		change bool
	}{
		{swarm.UpdateStatePaused, true},
		{swarm.UpdateStateRollbackPaused, true},
		{swarm.UpdateStateCompleted, false},
		{swarm.UpdateStateRollbackCompleted, false},
		{swarm.UpdateStateUpdating, false},
		{"", false},
	} {
		svc := swarm.Service{ID: "x", Spec: spec}
		if tt.state != "" {
			svc.UpdateStatus = &swarm.UpdateStatus{State: tt.state, Message: "update paused due to failure or early termination of task abc"}
		}
		r, _ := observeService(svc, observeEnv{Project: "p"})
		p, err := planner.Reconcile("swarm", (&Target{}).Schema, []*planner.Resource{desired},
			&planner.Observed{Project: "p", Resources: []*planner.ObservedResource{r}})
		if err != nil {
			t.Fatal(err)
		}
		text := p.String()
		if tt.change != !p.Empty() {
			t.Errorf("update %q: plan empty %v, want a change %v:\n%s", tt.state, p.Empty(), tt.change, text)
			continue
		}
		if tt.change && (!strings.Contains(text, "service.api: update") || !strings.Contains(text, string(tt.state))) {
			t.Errorf("update %q: the plan does not update the service saying why:\n%s", tt.state, text)
		}
		if tt.change && strings.Contains(text, "replace") {
			t.Errorf("update %q: a paused update must not replace the service:\n%s", tt.state, text)
		}
	}
}
