package swarm

import (
	"slices"
	"testing"

	"github.com/berth-dev/berth/planner"
)

// A network that the spec drops, together with the service that used it,
// is deleted after the service's update detaches it: the delete ran
// beside the update and only the engine's "in use" retries (60 s) hid
// the order, so a slow rolling update failed the delete.
func TestNetworkDeleteWaitsForTheUpdateThatLeavesIt(t *testing.T) {
	spec := loadShop(t)
	obs := applied(t, spec)
	next := spec.Clone()
	delete(next.Networks, "edge")
	gw := next.Services["gateway"]
	gw.Networks = slices.DeleteFunc(slices.Clone(gw.Networks), func(n string) bool { return n == "edge" })
	p := plan(t, next, obs)
	ids := map[string]*planner.Step{}
	for _, s := range p.Steps {
		ids[string(s.Op)+" "+s.Address().String()] = s
	}
	del, upd := ids["delete network.edge"], ids["update service.gateway"]
	if del == nil || upd == nil {
		t.Fatalf("steps %v: want a delete of network.edge and an update of service.gateway", p.Steps)
	}
	if !slices.Contains(del.After, upd.ID) {
		t.Errorf("delete network.edge (#%d) waits for %v, not for update service.gateway (#%d)", del.ID, del.After, upd.ID)
	}
}
