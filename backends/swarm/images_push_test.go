package swarm

import (
	"slices"
	"testing"

	"github.com/berth-dev/berth/planner"
)

// With a registry, the emulator image is pushed (once, when services start
// to run it) and never copied node to node; images the spec names are
// neither.
func TestRegistryEmulatorImages(t *testing.T) {
	spec := loadShop(t)
	spec.Services["cache"].Image = "redis:7"
	spec.Services["users-db"].Image = "registry.example.com/mysql:8"
	const remote = "10.0.0.5:5000/team/berth-emulator:abc"
	tg := &Target{EmulatorImage: remote}
	obs := &planner.Observed{Project: spec.Project}
	p, _, diags := planner.Make(tg, spec, obs)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if got := registryEmulatorImages(p); !slices.Equal(got, []string{remote}) {
		t.Errorf("pushed %v, want [%s]", got, remote)
	}
	if got := localImages(p); !slices.Equal(got, []string{"redis:7"}) {
		t.Errorf("copied %v, want [redis:7] (the emulator comes from the registry)", got)
	}

	// Applied: a change of replicas pushes nothing; a new emulator build does.
	after := planner.ApplyInMemory(obs, p, tg.Schema)
	spec.Services["orders"].Replicas++
	p, _, _ = planner.Make(tg, spec, after)
	if p.Empty() {
		t.Fatal("scaling planned nothing")
	}
	if got := registryEmulatorImages(p); len(got) != 0 {
		t.Errorf("scaling pushes %v", got)
	}
	tg2 := &Target{EmulatorImage: "10.0.0.5:5000/team/berth-emulator:def"}
	p, _, _ = planner.Make(tg2, spec, after)
	if got := registryEmulatorImages(p); !slices.Equal(got, []string{tg2.EmulatorImage}) {
		t.Errorf("a new emulator image pushes %v", got)
	}
}
