package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docker/docker/client"
	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends/compose"
)

// TestPlanCompilesBeforeEmulatorImage: a spec that needs the emulator and
// does not compile gets its diagnostics from plan without the emulator
// image being made sure of (built on a cold cache); one that compiles
// still has it made sure of. The engine is never reached: the image
// function only counts its calls.
func TestPlanCompilesBeforeEmulatorImage(t *testing.T) {
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	errBuilt := errors.New("the emulator image was asked for")
	for _, tt := range []struct {
		name, web string
		emulate   bool
		wantDiag  string
	}{
		{name: "emulated service", web: `image = "Shop/Web::1"`, wantDiag: "Invalid image reference"},
		{name: "--emulate", web: `env = { "A=B" = "x" }`, emulate: true, wantDiag: "Invalid environment variable name"},
		{name: "compiles", web: `image = "shop/web:1"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			api := "" // no image: the emulator runs it
			if tt.emulate {
				api = `image = "shop/api:1"`
			}
			src := "berth { project = \"h69first\" }\n\nservice \"api\" {\n  " + api + "\n}\n\nservice \"web\" {\n  " + tt.web + "\n}\n"
			if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			spec, _, diags, err := loadSpecDiags(dir, &specFlags{})
			if err != nil || diags.HasErrors() {
				t.Fatalf("load: %v %v", err, diags)
			}
			b := compose.New(cli)
			b.Emulator = composeEmulator
			asked := 0
			b.EnsureEmulatorImage = func(context.Context, *client.Client) (string, error) {
				asked++
				return "", errBuilt
			}
			var stderr bytes.Buffer
			cmd := &cobra.Command{}
			cmd.SetErr(&stderr)
			_, err = makePlan(context.Background(), cmd, b, spec, dir, tt.emulate)
			if tt.wantDiag == "" {
				if !errors.Is(err, errBuilt) || asked != 1 {
					t.Fatalf("a spec that compiles: err %v, image asked for %d times; want it asked for once", err, asked)
				}
				return
			}
			if asked != 0 {
				t.Errorf("the emulator image was asked for %d times before the spec's errors were reported", asked)
			}
			if err == nil || errors.Is(err, errBuilt) {
				t.Fatalf("err = %v, want the spec's diagnostics", err)
			}
			if !strings.Contains(stderr.String(), tt.wantDiag) || !strings.Contains(stderr.String(), "main.berth.hcl:") {
				t.Errorf("stderr lacks %q at file:line:col:\n%s", tt.wantDiag, stderr.String())
			}
		})
	}
}
