package swarm

import (
	"slices"
	"testing"

	"github.com/berth-dev/berth/backends/emulator"
)

// An emulated service's health check is the emulator's probe, given at
// least emulator.MinProbeTimeout (the shop asks for 1 s, which the probe,
// starting the berth binary, overran on a busy machine).
func TestEmulatedHealthTimeout(t *testing.T) {
	spec := loadShop(t)
	svc := spec.Services["gateway"]
	if svc.Health == nil || svc.Health.Timeout >= emulator.MinProbeTimeout {
		t.Fatalf("the shop's gateway health %+v no longer tests a short timeout", svc.Health)
	}
	d, err := serviceFromModel(spec, svc, &Target{Emulate: true, EmulatorImage: "berth-emulator:test"}, func(string, string) string { return "h" })
	if err != nil {
		t.Fatal(err)
	}
	if d.Health == nil || d.Health.Timeout != emulator.MinProbeTimeout || !slices.Equal(d.Health.Test, emulator.HealthcheckTest(emulator.ServicePort(svc))) {
		t.Errorf("health %+v, want the emulator's probe with timeout %v", d.Health, emulator.MinProbeTimeout)
	}
}
