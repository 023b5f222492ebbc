package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/simulate/loadgen"
)

func newLoadtestCmd() *cobra.Command {
	var f loadFlags
	cmd := &cobra.Command{
		Use:   "loadtest [DIR]",
		Short: "Send a load of the spec to the deployed stack on 127.0.0.1 and measure it",
		Long: `loadtest sends one load of the spec in DIR (--load, or the only one) to
the deployed stack for real: open-loop arrivals (poisson, constant or
bursty, following the load's rate profile) that never wait for answers,
spread over the entry's endpoints by weight, for the load's duration or
--duration, or until --max-requests. It then prints what a simulation
prints: throughput, error and degraded rates, and the latency mean and
percentiles, measured from the warm-up on.

The target is the entry service's published port on 127.0.0.1, or
--target. Load goes to 127.0.0.1 (or localhost) only: any other host is
refused. When the stack runs berth's emulator, the calls every service
received are counted from the call trees of its answers.

The expectations that apply are checked on the measurement: the slos on
the entry and the expect blocks of the scenarios without faults that use
the load (or --scenario's). Latency is measured at the entry only, so an
slo on another service is not checked (and said so).

Exit status: 0, 1 on error, 3 when an expectation fails.`,
		Example: `  # The shop's gateway publishes 127.0.0.1:8080; deploy it first:
  berth apply --auto-approve --emulate examples/shop
  berth loadtest examples/shop --load peak --duration 20s
  berth loadtest examples/shop --load ramp --target http://127.0.0.1:8080 --rate-scale 0.5 --json`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLoadtest(cmd, specDir(args), &f)
		},
	}
	f.register(cmd.Flags())
	return cmd
}

func runLoadtest(cmd *cobra.Command, dir string, f *loadFlags) error {
	lr, err := prepareLoad(cmd, dir, f)
	if err != nil {
		return err
	}
	ctx, stop := loadInterruptible(cmd, lr.drainBound())
	defer stop()
	if err := loadgen.WaitReady(ctx, lr.opts.Target, f.wait); err != nil {
		return err
	}
	res, err := lr.measure(ctx, cmd, f)
	if err != nil {
		return err
	}
	if err := res.CheckMeasured(); err != nil {
		return err
	}
	j := loadgen.Judge(lr.spec, lr.load, lr.cases, res)
	out := cmd.OutOrStdout()
	if f.json {
		err = writeJSON(out, j)
	} else {
		writeMeasured(out, res)
		writeJudgement(out, j)
	}
	if err != nil {
		return err
	}
	if res.Interrupted {
		return interruptedResult(cmd, res)
	}
	if !j.Pass {
		return exitCode(ExitSLOFails)
	}
	return nil
}

// measure sends the load, telling stderr what it does unless the output
// is JSON.
func (lr *loadRun) measure(ctx context.Context, cmd *cobra.Command, f *loadFlags) (*loadgen.Result, error) {
	opts := lr.opts
	if !f.json {
		d := lr.load.Duration
		if f.duration > 0 {
			d = f.duration
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "Sending load %q (%s, %s) to %s for %s...\n",
			lr.load.Name, arrivalName(lr.load), rateText(lr.load.Profile, f.rateScale), lr.opts.Target, d)
		opts.Progress, opts.ProgressEvery = progressLine(cmd.ErrOrStderr()), progressEvery
	}
	res, err := loadgen.Run(ctx, opts)
	if err != nil {
		return nil, err
	}
	if res.Dropped > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "Warning: %d arrivals were dropped at the cap of %d requests in flight: the stack saw less than the load (raise --max-in-flight).\n",
			res.Dropped, lr.opts.MaxInFlight)
	}
	if res.Unsent > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "Warning: the generator fell behind the schedule until the load's time ran out: about %d arrivals were never sent (%d were): the stack saw less than the load, and this machine was the bottleneck (lower --rate-scale).\n",
			res.Unsent, res.Sent)
	}
	if n := res.Status["404"]; n > 0 && 2*n >= res.Entry.Arrivals {
		fmt.Fprintf(cmd.ErrOrStderr(), "Warning: %d answers were 404 Not Found: the target does not serve the endpoints of %s (is it that service?).\n",
			n, lr.load.Entry.Service)
	}
	return res, nil
}
