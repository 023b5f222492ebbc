package cli

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/simulate"
)

// simulateFlags are the options of `berth simulate`.
type simulateFlags struct {
	spec         specFlags
	scenario     string
	load         string
	seed         uint64
	duration     time.Duration
	warmup       time.Duration
	replications int
	json         bool
	report       string
	backend      backendFlag
}

func newSimulateCmd() *cobra.Command {
	var f simulateFlags
	cmd := &cobra.Command{
		Use:   "simulate [DIR]",
		Short: "Run the spec through the load simulator and check its expectations and SLOs",
		Long: `Simulates the system of the spec in DIR (the working directory by default)
with berth's discrete-event simulator: the loads' arrivals, every
replica's workers, queue and CPUs, the calls of each endpoint (in
sequence and in parallel), the links' timeouts, retries, circuit breakers,
bulkheads and fallbacks, the queues and their consumers, and the faults of
the scenarios with Docker's failover semantics (health checks, restarts,
swarm rescheduling). --backend compose|swarm chooses those semantics
instead of berth.backend; a scenario that sets its own backend keeps it.

With neither --scenario nor --load, every load runs without faults and
then every scenario runs, each sorted by name. --scenario runs one
scenario (with --load: under that load instead of its own); --load runs
one load without faults.

For each run it prints a table per service (throughput, error rate,
worker utilisation, p50 and p99 latency), the events of the run, and the
verdicts of the scenario's expect block and of every slo, each with the
file:line of its bound. The exit status is 3 when a verdict fails.

--json prints the reports as one JSON object: the first run's "entry" and
"services" at the top level (throughput in requests/s, error_rate,
utilization, latency {mean, p50, p90, p99, p999} in seconds, and more), and
every run under "runs" when there are several. --replications N runs N
independent replications on all cores and adds 95 % confidence intervals.
The same --seed gives the same result.`,
		Example: `  berth simulate examples/shop
  berth simulate examples/shop --scenario orders-replica-loss
  berth simulate examples/shop --load peak --duration 5m --replications 8
  berth simulate examples/shop --json | jq '.runs[] | {name, p99: .entry.latency.p99}'
  berth simulate examples/shop --report shop.html`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runSimulate(cmd, args, &f) },
	}
	f.spec.register(cmd.Flags())
	fl := cmd.Flags()
	f.backend.register(fl)
	fl.StringVar(&f.scenario, "scenario", "", "run this scenario only")
	fl.StringVar(&f.load, "load", "", "run this load only (without faults), or the scenario under it")
	fl.Uint64Var(&f.seed, "seed", 1, "random seed; the same seed gives the same result")
	durationVar(fl, &f.duration, "duration", "override the loads' duration (\"90s\", \"5m\")")
	durationVar(fl, &f.warmup, "warmup", "override the loads' warm-up, the first part of a run that is not measured (\"0s\", \"10s\")")
	fl.IntVar(&f.replications, "replications", 1, "independent replications, run in parallel; > 1 adds 95 % confidence intervals")
	fl.BoolVar(&f.json, "json", false, "print the reports as JSON")
	fl.StringVar(&f.report, "report", "", "also write a self-contained HTML report to this file")
	return cmd
}

func runSimulate(cmd *cobra.Command, args []string, f *simulateFlags) error {
	opts := simulate.Options{Scenario: f.scenario, Load: f.load, Seed: f.seed, Replications: f.replications}
	if err := errors.Join(checkReplications(f.replications), checkOutputFile("--report", f.report)); err != nil {
		return err
	}
	if err := checkDurationFlag(cmd, f.duration); err != nil {
		return err
	}
	opts.Duration = f.duration
	if cmd.Flags().Changed("warmup") {
		if f.warmup < 0 {
			return fmt.Errorf("--warmup %s: must be 0 or more, as 0s or 10s (leave it out for the loads' own warm-up)", cmd.Flags().Lookup("warmup").Value)
		}
		opts.Warmup = &f.warmup
	}
	spec, err := loadSpec(cmd, specDir(args), &f.spec)
	if err != nil {
		return err
	}
	if err := f.backend.override(spec); err != nil {
		return err
	}
	stop := startProgress(cmd.ErrOrStderr(), &opts)
	res, diags := simulate.Run(spec, opts)
	stop()
	diags = append(cutOffFaults(spec, opts), diags...)
	if err := reportDiags(cmd, diags); err != nil {
		return err
	}
	if f.report != "" {
		if err := writeHTMLReport(f.report, spec, res); err != nil {
			return err
		}
	}
	out := cmd.OutOrStdout()
	if f.json {
		if err := writeJSON(out, res); err != nil {
			return err
		}
	} else {
		writeSimulateText(out, res, specDir(args))
		if f.report != "" {
			fmt.Fprintf(out, "Report written to %s.\n", f.report)
		}
	}
	if !res.Pass() {
		return exitCode(ExitSLOFails)
	}
	return nil
}

// startProgress shows "simulating... 42%" on w when it is a terminal and
// the run lasts more than a second. The returned func clears it.
func startProgress(w io.Writer, opts *simulate.Options) (stop func()) {
	if !isTerminal(w) {
		return func() {}
	}
	var frac atomic.Uint64
	opts.Progress = func(f float64) { frac.Store(uint64(f * 1000)) }
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		shown := false
		delay := time.NewTimer(time.Second)
		defer delay.Stop()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(w, "\r\033[K")
				}
				return
			case <-delay.C:
				shown = true
			case <-tick.C:
				if shown {
					fmt.Fprintf(w, "\rsimulating... %3.0f%%", float64(frac.Load())/10)
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
