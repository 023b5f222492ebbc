package cli

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/simulate/loadgen"
)

func newCalibrateCmd() *cobra.Command {
	var f calibrateFlags
	cmd := &cobra.Command{
		Use:   "calibrate [DIR]",
		Short: "Measure the cost of one network hop on the real engine, for the simulator's hop_latency",
		Long: `The simulator adds no hidden delays: a call between services costs
nothing unless the spec says so. calibrate measures what a call costs on
the engine, so that the simulation can say it.

It deploys a small probe project of its own, "<project>-calibrate", on the
spec's backend (compose unless the spec or --backend says swarm): two
emulated services, the first published on a free port of 127.0.0.1. It
times, one request at a time and in turn, a request the probe answers at
once, and one for which it first calls the second service 8 times in a
row, with no work anywhere. The difference is 16 hops (8 round trips) of
network and HTTP; a sixteenth of it is the hop latency, each way, that
berth.defaults.hop_latency holds. It also reports the client → entry
round trip (which compare adds for the entry) and how much longer than
asked 5 ms of emulated work takes on this machine (timer granularity and
CPU contention; the simulator does not model it). Then it removes the
probe project.

It prints the line to add to the spec; --write sets it in the spec's
berth block (made if there is none), changing nothing else in the file.`,
		Example: `  berth calibrate examples/shop
  berth calibrate examples/shop --write
  berth calibrate examples/minimal --samples 500 --json`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCalibrate(cmd, specDir(args), &f)
		},
	}
	f.register(cmd.Flags(), false)
	fl := cmd.Flags()
	fl.IntVar(&f.samples, "samples", 200, "requests of each kind timed")
	fl.BoolVar(&f.write, "write", false, "set berth.defaults.hop_latency in the spec")
	fl.BoolVar(&f.keep, "keep", false, "leave the probe project running")
	fl.DurationVar(&f.wait, "wait", time.Minute, "how long to wait for the probe to be ready")
	fl.BoolVar(&f.json, "json", false, "print the measurement as JSON")
	return cmd
}

type calibrateFlags struct {
	deployFlags
	samples int
	write   bool
	keep    bool
	wait    time.Duration
	json    bool
}

// calibration is calibrate's JSON.
type calibration struct {
	Backend string `json:"backend"`
	Project string `json:"project"`
	// Target is the probe's URL (still up with --keep).
	Target     string `json:"target"`
	HopLatency string `json:"hop_latency"`
	// Calibration is the measurement; its JSON is calibrationSeconds.
	*loadgen.Calibration `json:"-"`
	calibrationSeconds
	Written string `json:"written,omitempty"`
	Kept    bool   `json:"kept,omitempty"`
}

// calibrationSeconds is a Calibration in JSON: durations in seconds, like
// every other command's JSON.
type calibrationSeconds struct {
	Hop           float64 `json:"hop"`
	HopMedian     float64 `json:"hop_median"`
	RoundTrip     float64 `json:"round_trip"`
	WorkOvershoot float64 `json:"work_overshoot"`
	Direct        float64 `json:"direct"`
	Chain         float64 `json:"chain"`
	Work          float64 `json:"work"`
	Samples       int     `json:"samples"`
	Hops          int     `json:"hops"`
}

func newCalibration(c *loadgen.Calibration) *calibration {
	return &calibration{HopLatency: c.HopLatency(), Calibration: c, calibrationSeconds: calibrationSeconds{
		Hop: c.Hop.Seconds(), HopMedian: c.HopMedian.Seconds(), RoundTrip: c.RoundTrip.Seconds(),
		WorkOvershoot: c.WorkOvershoot.Seconds(), Direct: c.Direct.Seconds(), Chain: c.Chain.Seconds(),
		Work: c.Work.Seconds(), Samples: c.Samples, Hops: c.Hops,
	}}
}

func runCalibrate(cmd *cobra.Command, dir string, f *calibrateFlags) error {
	spec, err := loadSpec(cmd, dir, &f.specFlags)
	if err != nil {
		return err
	}
	if f.samples < 10 {
		return fmt.Errorf("--samples %d: must be at least 10", f.samples)
	}
	if f.wait <= 0 {
		return fmt.Errorf("--wait %s: must be more than 0 (the probe needs time to start)", f.wait)
	}
	ctx, stop := calibrateInterruptible(cmd, loadgen.ProbeProject(spec.Project), f.keep)
	defer stop()
	name := f.backendName(spec)
	be, err := openBackend(ctx, name)
	if err != nil {
		return err
	}
	defer be.Close()
	port, err := freeLoopbackPort()
	if err != nil {
		return err
	}
	probe := loadgen.ProbeSpecOn(spec.Project, name, port)
	release, err := lockProject(cmd, probe.Project, false)
	if err != nil {
		return err
	}
	defer release()
	errOut := cmd.ErrOrStderr()
	fmt.Fprintf(errOut, "Deploying the calibration probe %q on %s...\n", probe.Project, name)
	applied := false // the probe may exist from here on
	if !f.keep {
		defer func() {
			if applied {
				removeProbe(cmd, be, probe.Project)
			}
		}()
	}
	if err := deployProbe(ctx, cmd, be, probe, f.wait, &applied); err != nil {
		return err
	}
	target, _ := loadgen.CheckTarget("127.0.0.1:" + strconv.Itoa(port))
	if err := loadgen.WaitProbe(ctx, target, f.wait); err != nil {
		return err
	}
	fmt.Fprintf(errOut, "Timing %d requests of each kind at %s...\n", f.samples, target)
	cal, err := loadgen.Calibrate(ctx, target, f.samples)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted while timing the calibration probe: nothing was measured")
		}
		return err
	}
	out := newCalibration(cal)
	out.Backend, out.Project, out.Target, out.Kept = name, probe.Project, target.String(), f.keep
	if f.write {
		if out.Written, err = writeHopLatency(spec.Dir, out.HopLatency); err != nil {
			return err
		}
		if _, err := loadSpec(cmd, dir, &f.specFlags); err != nil {
			return fmt.Errorf("the spec does not load after writing hop_latency to %s", out.Written)
		}
	}
	if f.json {
		return writeJSON(cmd.OutOrStdout(), out)
	}
	writeCalibration(cmd, out)
	return nil
}

func writeCalibration(cmd *cobra.Command, c *calibration) {
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "Measured on the %s engine, %d requests of each kind, one at a time:\n", c.Backend, c.Calibration.Samples)
	fmt.Fprintf(w, "  one hop, each way (network and HTTP):  %s  (from medians: %s)\n", loadgen.FormatHop(c.Calibration.Hop), loadgen.FormatHop(c.Calibration.HopMedian))
	fmt.Fprintf(w, "  client → entry round trip:            %s  (compare adds it to the simulated entry latency)\n", loadgen.FormatHop(c.Calibration.RoundTrip))
	fmt.Fprintf(w, "  5ms of emulated work took:            %s more  (not modelled: the emulator's timers and this machine's load)\n", loadgen.FormatHop(c.Calibration.WorkOvershoot))
	if c.Kept {
		fmt.Fprintf(w, "  the probe stays up at %s; berth destroy --project %s removes it\n", c.Target, c.Project)
	}
	if c.Written != "" {
		fmt.Fprintf(w, "\nWrote hop_latency = %q into the berth block of %s.\n", c.HopLatency, c.Written)
		return
	}
	fmt.Fprintf(w, "\nAdd to the spec (or run with --write):\n\n  berth {\n    defaults {\n      hop_latency = %q\n    }\n  }\n", c.HopLatency)
}
