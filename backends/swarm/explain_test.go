package swarm

import (
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/planner"
)

// An emulated service whose link policy changes is updated because its
// config changed; the plan says what changed inside it, as compose's does,
// where it would otherwise show two sizes and hashes.
func TestPlanExplainsEmulatorConfig(t *testing.T) {
	tgt := &Target{Emulate: true, EmulatorImage: "berth-emulator:test"}
	make := func(obs *planner.Observed) (*planner.Plan, *planner.Observed) {
		spec := loadShop(t)
		if obs != nil {
			l := spec.Link("gateway", "orders")
			if l == nil {
				t.Fatal("examples/shop has no gateway → orders link")
			}
			l.Timeout = 777 * time.Millisecond
		}
		if obs == nil {
			obs = &planner.Observed{Project: spec.Project}
		}
		p, _, diags := planner.Make(tgt, spec, obs)
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		return p, planner.ApplyInMemory(obs, p, tgt.Schema)
	}
	_, after := make(nil)
	p, _ := make(after)
	var why []string
	for _, c := range p.Changes {
		for _, r := range c.Reasons {
			if r.Attribute == attrEnv+"."+emulator.EnvConfig {
				why = append(why, c.Address.String()+": "+r.Message)
			}
		}
	}
	if len(why) != 1 || !strings.Contains(why[0], "service.gateway") || !strings.Contains(why[0], "links[orders].timeout") || !strings.Contains(why[0], "777ms") {
		t.Errorf("config changes explained: %q; want service.gateway's links[orders].timeout → 777ms", why)
	}
}
