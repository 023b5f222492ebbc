package compose_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
)

// TestDesiredEmulated compiles a spec whose services berth's emulator runs
// (on every core at once): the emulator image, its command and compiled
// config in the env, and the same result every time.
func TestDesiredEmulated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bemu")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(spec20("bemu")), 0o644)
	spec, diags := lang.NewLoader().Load(dir, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	tg := &compose.Target{EmulatorImage: "berth-emulator:test", Emulator: func(spec *lang.Spec, svc string) (compose.EmulatorContainer, error) {
		cmd, env, port, err := emulator.ContainerSpec(spec, svc)
		return compose.EmulatorContainer{Cmd: cmd, Env: env, Port: port, HealthCheck: emulator.HealthcheckTest(port)}, err
	}}
	first := ""
	for i := 0; i < 3; i++ {
		d, diags := tg.Desired(spec)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		var b strings.Builder
		containers := 0
		for _, r := range d.Resources {
			b.WriteString(r.Address.String() + " " + r.Attrs.String("image") + " " + strings.Join(r.Attrs.List("command"), " ") + " " + r.Attrs.Map("env")[emulator.EnvConfig] + "\n")
			if r.Type == compose.TypeContainer {
				containers++
				if r.Attrs.String("image") != "berth-emulator:test" || r.Attrs.Map("env")[emulator.EnvConfig] == "" {
					t.Fatalf("%s: %v", r.Address, r.Attrs)
				}
			}
		}
		if containers != 40 {
			t.Fatalf("%d containers, want 40", containers)
		}
		if i == 0 {
			first = b.String()
		} else if b.String() != first {
			t.Fatal("Desired differs between runs")
		}
	}
}

// An emulated service's health check is the emulator's own probe, whatever
// the real image's check (pg_isready is not in the emulator's FROM scratch
// image), with at least emulator.MinProbeTimeout for it; a service that
// runs its own image keeps its check and timeout.
func TestDesiredEmulatedHealth(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bhealth")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(`
service "db" {
  image = "postgres:16"
  health {
    cmd     = ["CMD-SHELL", "pg_isready"]
    timeout = "1s"
  }
}
service "api" {
  health {
    http    = "/healthz"
    timeout = "10s"
  }
}
`), 0o644)
	spec, diags := lang.NewLoader().Load(dir, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	emu := func(spec *lang.Spec, svc string) (compose.EmulatorContainer, error) {
		cmd, env, port, err := emulator.ContainerSpec(spec, svc)
		return compose.EmulatorContainer{Cmd: cmd, Env: env, Port: port, HealthCheck: emulator.HealthcheckTest(port)}, err
	}
	probe := `["CMD","/berth","emulate","--probe","http://127.0.0.1:8080/healthz"]`
	for _, tc := range []struct {
		emulate       bool
		service       string
		test, timeout string
	}{
		{true, "db", probe, emulator.MinProbeTimeout.String()},
		{true, "api", probe, "10s"},
		{false, "db", `["CMD-SHELL","pg_isready"]`, "1s"},
	} {
		tg := &compose.Target{EmulatorImage: "berth-emulator:test", Emulator: emu, Emulate: tc.emulate}
		d, diags := tg.Desired(spec)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		found := 0
		for _, r := range d.Resources {
			if r.Type != compose.TypeContainer || !strings.Contains(r.Address.Name, tc.service) {
				continue
			}
			found++
			h := r.Attrs.Map("health")
			if h["test"] != tc.test || h["timeout"] != tc.timeout {
				t.Errorf("emulate=%v %s: health test %s timeout %s, want %s timeout %s", tc.emulate, r.Address, h["test"], h["timeout"], tc.test, tc.timeout)
			}
		}
		if found != 1 {
			t.Errorf("emulate=%v: %d containers of %s, want 1", tc.emulate, found, tc.service)
		}
	}
}
