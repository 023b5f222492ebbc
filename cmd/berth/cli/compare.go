package cli

import (
	"context"
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/loadgen"
)

func newCompareCmd() *cobra.Command {
	var f compareFlags
	cmd := &cobra.Command{
		Use:   "compare [DIR]",
		Short: "Load the deployed stack and simulate the same load: measurement and prediction side by side",
		Long: `compare runs 'berth loadtest' against the deployed stack, then simulates
the same load (same rates, duration and warm-up) with the spec, and prints
the two side by side with the difference of each metric: relative for
throughput and latency, in percentage points for the error and degraded
rates.

The simulator starts a request's clock when it reaches the entry, while
the measurement starts it at the client. compare measures that client →
entry round trip first (the median of requests to /healthz) and adds it
to the simulated latencies, saying so. A hop between services costs what
the spec's berth.defaults.hop_latency (or a link's latency) says, which
'berth calibrate' measures; --hop-latency overrides it for the simulation.

Per service, the requests received and the error rate come from the call
trees in the emulators' answers, and the entry's own counters and its
links' (calls, retries, timeouts, failures) from its /_berth/stats, when
the stack runs berth's emulator.

--tolerance F makes compare exit 3 when the throughput, mean or p50 of
the entry differ by more than F (0.2 = 20 %). With --scenario, the
scenario's expect block and the slos on the entry are checked on the
measurement as loadtest checks them, and compare exits 3 when one fails.`,
		Example: `  # The shop's gateway publishes 127.0.0.1:8080; deploy it first:
  berth apply --auto-approve --emulate examples/shop
  berth compare examples/shop --load peak --duration 20s --rate-scale 0.25
  berth compare examples/shop --load peak --duration 30s --rate-scale 0.25 --hop-latency 0.2ms --json`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd, specDir(args), &f)
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().StringVar(&f.hopLatency, "hop-latency", "", "simulate with this hop latency (a distribution, \"0.2ms\") instead of the spec's")
	cmd.Flags().Float64Var(&f.tolerance, "tolerance", 0, "exit 3 when the entry's throughput, mean or p50 differ by more than this fraction")
	return cmd
}

type compareFlags struct {
	loadFlags
	hopLatency string
	tolerance  float64
}

func runCompare(cmd *cobra.Command, dir string, f *compareFlags) error {
	if !(f.tolerance >= 0) || math.IsInf(f.tolerance, 1) {
		return fmt.Errorf("--tolerance %v: must be 0 (no check) or more", f.tolerance)
	}
	lr, err := prepareLoad(cmd, dir, &f.loadFlags)
	if err != nil {
		return err
	}
	sim := lr.spec
	if f.hopLatency != "" {
		d, err := lang.ParseDist(f.hopLatency)
		if err != nil {
			return fmt.Errorf("--hop-latency: %w", err)
		}
		sim = sim.Clone()
		sim.Defaults.HopLatency = d
	}
	ctx, stop := loadInterruptible(cmd, lr.drainBound())
	defer stop()
	if err := loadgen.WaitReady(ctx, lr.opts.Target, f.wait); err != nil {
		return err
	}
	rtt, err := loadgen.RoundTrip(ctx, lr.opts.Target, 30)
	if err != nil {
		return err
	}
	before, statsErr := loadgen.EntryStats(context.WithoutCancel(ctx), lr.opts.Target)
	res, err := lr.measure(ctx, cmd, &f.loadFlags)
	if err != nil {
		return err
	}
	if err := res.CheckMeasured(); err != nil {
		return err
	}
	var stats *emulator.Stats
	if statsErr == nil {
		// Read after an interrupt too: the counters cover what was sent.
		if after, err := loadgen.EntryStats(context.WithoutCancel(ctx), lr.opts.Target); err == nil {
			stats = loadgen.StatsDelta(before, after)
		}
	}
	rp, err := loadgen.NewReplay(sim, f.scenario, res, f.seed)
	if err != nil {
		return err
	}
	rep, diags := rp.Run()
	if err := reportDiags(cmd, diags); err != nil {
		return err
	}
	c := rp.Compare(rep, rtt, f.tolerance)
	c.EntryStats = stats
	if f.scenario != "" {
		c.JudgeMeasured(lr.spec, lr.load, lr.cases)
	}
	if f.json {
		err = writeJSON(cmd.OutOrStdout(), c)
	} else {
		writeComparison(cmd.OutOrStdout(), c)
	}
	if err != nil {
		return err
	}
	if res.Interrupted {
		return interruptedResult(cmd, res)
	}
	if !c.Pass {
		return exitCode(ExitSLOFails)
	}
	return nil
}
