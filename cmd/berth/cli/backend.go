package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/docker/docker/client"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// backendFactories open each backend on an engine client. A backend adds
// itself here.
var backendFactories = map[string]func(cli *client.Client) backends.Backend{
	lang.BackendCompose: func(cli *client.Client) backends.Backend {
		b := compose.New(cli)
		b.Emulator = composeEmulator
		b.EnsureEmulatorImage = cachedEmulatorImage
		return b
	},
}

// composeEmulator adapts the emulator's container spec to the compose target.
var composeEmulator = composeEmulatorWith(emulator.ContainerSpec)

// composeEmulatorWith adapts a container spec of the emulator package
// (ContainerSpec, or CheckContainerSpec for validate) to the compose target.
func composeEmulatorWith(containerSpec func(*lang.Spec, string) ([]string, []string, int, error)) compose.EmulatorFunc {
	return func(spec *lang.Spec, service string) (compose.EmulatorContainer, error) {
		cmd, env, port, err := containerSpec(spec, service)
		if err != nil {
			return compose.EmulatorContainer{}, err
		}
		return compose.EmulatorContainer{Cmd: cmd, Env: env, Port: port, HealthCheck: emulator.HealthcheckTest(port)}, nil
	}
}

// deployFlags are the flags of the commands that plan against a backend.
type deployFlags struct {
	specFlags
	backend string
	emulate bool
}

func (f *deployFlags) register(fs *pflag.FlagSet, emulate bool) {
	f.specFlags.register(fs)
	fs.StringVar(&f.backend, "backend", "", backendUsage)
	if emulate {
		fs.BoolVar(&f.emulate, "emulate", false, "run every service under berth's emulator, whatever its image (staging, load tests)")
	}
}

const backendUsage = "compose or swarm (default: the spec's berth.backend, else compose)"

// backendFlag is --backend of the commands that read a spec without an
// engine (validate, simulate, diff, export): it overrides berth.backend as
// it does for plan and apply.
type backendFlag string

func (b *backendFlag) register(fs *pflag.FlagSet) {
	fs.StringVar((*string)(b), "backend", "", backendUsage)
}

// check refuses a backend berth does not know.
func (b backendFlag) check() error {
	if b != "" && b != lang.BackendCompose && b != lang.BackendSwarm {
		return fmt.Errorf("unknown --backend %q: use compose or swarm", string(b))
	}
	return nil
}

// override sets spec's backend to the flag's, when it is given. The spec
// is the command's own, just loaded: nothing has read it yet.
func (b backendFlag) override(spec *lang.Spec) error {
	if err := b.check(); err != nil {
		return err
	}
	if b != "" && spec != nil {
		spec.Backend = string(b)
	}
	return nil
}

// backendName picks the backend: the flag, else the spec's, else compose.
func (f *deployFlags) backendName(spec *lang.Spec) string {
	switch {
	case f.backend != "":
		return f.backend
	case spec != nil && spec.Backend != "":
		return spec.Backend
	}
	return lang.BackendCompose
}

// openBackend connects to the engine and opens the named backend.
func openBackend(ctx context.Context, name string) (backends.Backend, error) {
	factory := backendFactories[name]
	if err := (backendFlag(name)).check(); err != nil {
		return nil, err // the message of validate, simulate and export
	}
	if factory == nil {
		return nil, fmt.Errorf("backend %q is not available in this berth (it has: %s)", name, backendNames())
	}
	cli, err := backends.NewClient(ctx)
	if err != nil {
		return nil, err
	}
	return factory(cli), nil
}

func backendNames() string {
	s := ""
	for _, n := range []string{lang.BackendCompose, lang.BackendSwarm} {
		if backendFactories[n] != nil {
			if s != "" {
				s += ", "
			}
			s += n
		}
	}
	return s
}

// planned is a plan with what made it.
type planned struct {
	spec    *lang.Spec
	plan    *planner.Plan
	desired *planner.Desired
	json    *planner.JSONPlan
}

// makePlan observes the project and plans spec with be.
func makePlan(ctx context.Context, cmd *cobra.Command, be backends.Backend, spec *lang.Spec, dir string, emulate bool) (*planned, error) {
	need := backends.NeedsEmulator(spec, emulate)
	if err := compileFirst(cmd, be.Name(), spec, emulate, need); err != nil {
		return nil, err
	}
	tg, err := be.Target(ctx, backends.TargetOptions{Emulate: emulate, NeedEmulator: need, Registry: spec.Registry})
	if err != nil {
		return nil, err
	}
	obs, err := be.Observe(ctx, spec.Project)
	if err != nil {
		return nil, err
	}
	p, desired, diags := planner.Make(tg, spec, obs)
	if err := reportDiags(cmd, diags); err != nil {
		return nil, err
	}
	// The ids of the images the plan's new containers or services run,
	// so apply of the plan file refuses it when a tag moved since
	// (backends.PinImages).
	if pin, ok := be.(interface {
		PinImages(context.Context, *planner.Plan) error
	}); ok {
		if err := pin.PinImages(ctx, p); err != nil {
			return nil, err
		}
	}
	jp := p.JSON()
	if jp.Variables, err = planner.Variables(spec); err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(dir); err == nil {
		jp.SpecDir = abs
	}
	if emulate {
		jp.Options = map[string]string{"emulate": "true"}
	}
	return &planned{spec: spec, plan: p, desired: desired, json: jp}, nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// useColor reports whether text written to w may carry ANSI colors: w is
// a terminal and NO_COLOR (https://no-color.org) is unset or empty.
func useColor(w any) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == ""
}

// renderOptions chooses colors once, from the output stream.
func renderOptions(cmd *cobra.Command) planner.RenderOptions {
	return planner.RenderOptions{Color: useColor(cmd.OutOrStdout())}
}
