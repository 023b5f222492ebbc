package cli

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/backends/swarm"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// compileFirst reports the errors of spec's compilation by the backend
// before the backend's Target makes sure of the emulator image: a spec
// that does not compile gets its diagnostics at once, and no image is
// built for it (a build takes up to a minute on a cold cache). Only when
// the spec needs the emulator: otherwise Target builds nothing and
// planner.Make reports the same diagnostics.
func compileFirst(cmd *cobra.Command, backend string, spec *lang.Spec, emulate, needEmulator bool) error {
	if diags := compileFirstDiags(spec, backend, emulate, needEmulator); diags.HasErrors() {
		return reportDiags(cmd, diags)
	}
	return nil
}

// compileFirstDiags is checkDiags when the spec needs the emulator
// (compileFirst), nothing otherwise.
func compileFirstDiags(spec *lang.Spec, backend string, emulate, needEmulator bool) hcl.Diagnostics {
	if !needEmulator {
		return nil
	}
	return checkDiags(spec, backend, emulate)
}

// checkDiags compiles spec with the named backend's target, which calls
// no engine, and returns its diagnostics. The emulator image is only
// named: nothing runs it.
func checkDiags(spec *lang.Spec, backend string, emulate bool) hcl.Diagnostics {
	image := emulator.ImageRepo + ":validate"
	var tg planner.Target = &compose.Target{Emulate: emulate, Emulator: checkEmulator, EmulatorImage: image}
	if backend == lang.BackendSwarm {
		tg = &swarm.Target{Emulate: emulate, EmulatorImage: image, CheckOnly: true}
	}
	_, diags := tg.Desired(spec)
	return diags
}
