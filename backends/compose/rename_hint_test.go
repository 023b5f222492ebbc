package compose

import (
	"strings"
	"testing"

	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestRenameHintOnTheEngine: services renamed in the spec (one with an
// image, one emulated, whose config carries its name) plan as delete and
// create; the plan says of each that the other has the same
// configuration, a rename berth cannot move, where it said only "not in
// the spec" and "not found". Renamed with another env value, no hint.
func TestRenameHintOnTheEngine(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	// The emulated service runs the test app with its compiled config
	// in the env (the app ignores it): what matters is what observe reads.
	tg := &Target{EmulatorImage: v1, Emulator: func(spec *lang.Spec, svc string) (EmulatorContainer, error) {
		_, env, port, err := emulator.ContainerSpec(spec, svc)
		return EmulatorContainer{Env: env, Port: port}, err
	}}
	svcs := func(web, emu string, env map[string]string) *lang.Spec {
		return &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
			web: {Name: web, Image: v1, Replicas: 2, Env: env},
			emu: {Name: emu, Replicas: 1, Capacity: lang.Capacity{Workers: 2, Queue: 8}},
		}}
	}
	b := New(cli)
	apply(t, b, tg, svcs("web", "emu", map[string]string{"X": "1"}))

	p, _ := plan(t, b, tg, svcs("www", "emu2", map[string]string{"X": "1"}))
	hint := map[string]string{
		"container.web[1]": `same configuration as "www", which is created`, "container.web[2]": `same configuration as "www", which is created`,
		"container.www[1]": `same configuration as "web", which is deleted`, "container.www[2]": `same configuration as "web", which is deleted`,
		"container.emu[1]": `same configuration as "emu2", which is created`, "container.emu2[1]": `same configuration as "emu", which is deleted`,
	}
	for _, c := range p.Changes {
		want, ok := hint[c.Address.String()]
		if !ok {
			continue
		}
		delete(hint, c.Address.String())
		if r := reasonsOf(c); !strings.Contains(r, want) {
			t.Errorf("%s: %s; want %q", c.Address, r, want)
		}
	}
	for addr := range hint {
		t.Errorf("the plan has no change for %s:\n%s", addr, p)
	}

	p, _ = plan(t, b, tg, svcs("www", "emu", map[string]string{"X": "2"}))
	for _, c := range p.Changes {
		if r := reasonsOf(c); strings.Contains(r, "same configuration") {
			t.Errorf("renamed with another env: %s: %s; want no rename hint", c.Address, r)
		}
	}
}

func reasonsOf(c *planner.Change) string {
	var rs []string
	for _, r := range c.Reasons {
		rs = append(rs, r.String())
	}
	return strings.Join(rs, "; ")
}
