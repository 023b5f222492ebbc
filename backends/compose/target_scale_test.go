package compose_test

import (
	"testing"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestScaleToZeroIsAScaleDown: the replicas of a service scaled to zero
// are deleted with the reason "replicas: 2 → 0 (scale down)", as any
// scale-down is, not as "not in the spec" (the service still is); those
// of a service removed from the spec are.
func TestScaleToZeroIsAScaleDown(t *testing.T) {
	spec := func(web int, withDB bool) *lang.Spec {
		s := &lang.Spec{Project: "bscale", Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
			"web": {Name: "web", Image: "shop/web:1", Replicas: web},
		}}
		if withDB {
			s.Services["db"] = &lang.Service{Name: "db", Image: "shop/db:1", Replicas: 1}
		}
		return s
	}
	tg := &compose.Target{}
	empty := &planner.Observed{Project: "bscale"}
	p, _, diags := planner.Make(tg, spec(2, true), empty)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	obs := planner.ApplyInMemory(empty, p, tg.Schema)

	p, _, diags = planner.Make(tg, spec(0, false), obs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	reasons := map[string]planner.Reason{}
	for _, c := range p.Changes {
		if c.Type != compose.TypeContainer {
			continue
		}
		if c.Action != planner.Delete || len(c.Reasons) != 1 {
			t.Fatalf("%s: %s %+v; want one delete reason", c.Address, c.Action, c.Reasons)
		}
		reasons[c.Address.String()] = c.Reasons[0]
	}
	for _, addr := range []string{"container.web[1]", "container.web[2]"} {
		r := reasons[addr]
		if r.Attribute != "replicas" || r.Before != int64(2) || r.After != int64(0) || r.Message != "scale down" {
			t.Errorf("%s: %+v; want replicas: 2 → 0 (scale down)", addr, r)
		}
	}
	if r := reasons["container.db[1]"]; r.Attribute != "" || r.Message != "not in the spec" {
		t.Errorf("container.db[1] (its service removed): %+v; want not in the spec", r)
	}
}
