package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/internal/freeport"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// freeLoopbackPort returns a TCP port of 127.0.0.1 that nothing listens on
// now, for the probe to publish: below the kernel's ephemeral range, where
// no connection of this machine takes it before the engine binds it (the
// kernel's choice for port 0 was one such connections get).
func freeLoopbackPort() (int, error) { return freeport.Range(1) }

// deployProbe plans the probe project against the engine and applies it,
// setting *applied before it starts to change anything (so that nothing
// is removed, or said to be left, when it failed before).
func deployProbe(ctx context.Context, cmd *cobra.Command, be backends.Backend, probe *lang.Spec, wait time.Duration, applied *bool) error {
	tg, err := be.Target(ctx, backends.TargetOptions{Emulate: true, NeedEmulator: true})
	if err != nil {
		return err
	}
	obs, err := be.Observe(ctx, probe.Project)
	if err != nil {
		return err
	}
	p, desired, diags := planner.Make(tg, probe, obs)
	if diags.HasErrors() {
		return fmt.Errorf("calibration probe: %s", diags.Error())
	}
	errOut := cmd.ErrOrStderr()
	prog := backends.NewProgress(errOut, isTerminal(errOut))
	*applied = true
	res, err := be.Apply(ctx, p, backends.ApplyOptions{Contents: desired.Contents, Progress: prog, Wait: wait})
	prog.Close()
	switch {
	case ctx.Err() != nil || (res != nil && res.Interrupted):
		return fmt.Errorf("interrupted while deploying the calibration probe: nothing was measured")
	case err != nil:
		return err
	}
	if !res.OK() {
		for _, e := range append(res.Failed, res.Unready...) {
			fmt.Fprintln(errOut, "  ", e)
		}
		return fmt.Errorf("the calibration probe did not start (see above)")
	}
	return nil
}

// calibrateInterruptible is calibrate's interrupt: the first one stops
// what runs and the probe project is removed (unless kept), a second one
// exits at once and leaves it.
func calibrateInterruptible(cmd *cobra.Command, project string, keep bool) (context.Context, func()) {
	next := fmt.Sprintf("stopping, then removing the calibration probe %q", project)
	if keep {
		next = fmt.Sprintf("stopping (--keep: the calibration probe %q stays)", project)
	}
	return announcedInterrupt(cmd, next, fmt.Sprintf("leaving the calibration probe %q (berth destroy --project %s removes it)", project, project))
}

// removeProbe destroys the probe project, even after an interrupt.
func removeProbe(cmd *cobra.Command, be backends.Backend, project string) {
	fmt.Fprintf(cmd.ErrOrStderr(), "Removing the calibration probe %q...\n", project)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	err := func() error {
		p, err := destroyPlan(ctx, be, project)
		if err != nil || p.Empty() {
			return err
		}
		res, err := be.Apply(ctx, p, backends.ApplyOptions{})
		if err == nil && !res.OK() {
			err = fmt.Errorf("%d steps failed", len(res.Failed))
		}
		return err
	}()
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "Warning: the calibration probe %q was not removed: %v (berth destroy --project %s removes it)\n", project, err, project)
	}
}
