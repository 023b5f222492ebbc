package swarm

import (
	"strings"
	"testing"

	"github.com/berth-dev/berth/backends/emulator"
)

// A CheckOnly target (berth validate) compiles every emulated service as
// plan does, without encoding its config: the same services, args and
// health, and the config variable holding a placeholder.
func TestCheckOnlyDoesNotEncode(t *testing.T) {
	spec := loadShop(t)
	hash := func(string, string) string { return "h" }
	for _, name := range []string{"gateway", "orders"} {
		svc := spec.Services[name]
		full, err := serviceFromModel(spec, svc, &Target{Emulate: true, EmulatorImage: "berth-emulator:test"}, hash)
		if err != nil {
			t.Fatal(err)
		}
		check, err := serviceFromModel(spec, svc, &Target{Emulate: true, EmulatorImage: "berth-emulator:test", CheckOnly: true}, hash)
		if err != nil {
			t.Fatal(err)
		}
		if full.Image != check.Image || strings.Join(full.Args, " ") != strings.Join(check.Args, " ") {
			t.Errorf("%s: check runs %s %v, plan runs %s %v", name, check.Image, check.Args, full.Image, full.Args)
		}
		enc, placeholder := full.Env[emulator.EnvConfig], check.Env[emulator.EnvConfig]
		if _, err := emulator.Decode(enc); err != nil || placeholder == "" || placeholder == enc {
			t.Errorf("%s: plan's config %.20q… (decode: %v), check's %q", name, enc, err, placeholder)
		}
	}
}
