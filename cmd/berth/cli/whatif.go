package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/whatif"
)

type whatifFlags struct {
	sf       specFlags
	scenario string
	load     string
	vary     []string
	scale    string
	asJSON   bool
	chart    string
	opts     whatif.Options
}

func newWhatifCmd() *cobra.Command {
	f := &whatifFlags{}
	cmd := &cobra.Command{
		Use:   "whatif [DIR]",
		Short: "Find the cheapest capacity that keeps every expect and slo",
		Long: `Searches the capacity given by --vary (replicas, workers, queue or cpus of
a service, over a range) for the cheapest configuration under which every
expect and slo holds, in the scenario or load given (by default: every load
and scenario). --load-scale multiplies the loads' rates (a closed load's
users): alone, it finds the multiplier at which the spec starts to fail;
with --vary, the cheapest capacity at each multiplier.

Ranges are lo..hi (every whole number; cpus every 0.25; load multipliers
every 0.1), lo..hi:step, or a list a,b,c.

More replicas, workers or cpus never hurt, so the search bisects along the
one of them with the most values for every combination of the others, all
at once, the simulations of a round running in parallel on all cores. A
configuration that some service cannot carry (its utilisation ρ ≥ 1 by the
analytic offered load, at the peak rate a load reaches) fails without
being simulated (--no-prune simulates it: an overload only at the top of a
ramp may still pass), and results decide others by dominance (more
capacity than a passing one passes). queue is not among them: a deeper
queue rejects less but waits longer, so every queue value is simulated
(swept), and results decide only configurations with the same queue.

Cost is Σ replicas × (cpus + 0.125 × GiB of memory) over the services, in
CPUs (a service without a cpus limit counts 1); workers cost nothing. It
prints the tried configurations with their verdicts, the cheapest passing
one marked ★, the passing ones on the Pareto front of cost against p99 and
errors (worth paying for a better tail) marked P, and the change to make
as a unified diff of the spec files (formatting and comments kept).
--chart writes p99 and the error rate against the varied dimension, with
the SLO lines, as SVG; --json prints the result as JSON.
Exit status 3 when nothing in the ranges passes.`,
		Example: `  berth whatif examples/shop --scenario orders-replica-loss --vary 'orders.replicas=1..8' --vary 'gateway.workers=16..128:16'
  berth whatif examples/shop --load peak --load-scale 0.5..3
  berth whatif examples/shop --vary 'orders.cpus=0.5..2' --chart whatif.svg --json`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runWhatif(cmd, specDir(args), f) },
	}
	fs := cmd.Flags()
	f.sf.register(fs)
	fs.StringVar(&f.scenario, "scenario", "", "the scenario that must pass")
	fs.StringVar(&f.load, "load", "", "the load that must pass (with --scenario: the scenario under this load)")
	fs.StringArrayVar(&f.vary, "vary", nil, "service.attribute=range to vary: replicas, workers, queue or cpus (repeatable)")
	fs.StringVar(&f.scale, "load-scale", "", "range of load multipliers, e.g. 0.5..3")
	fs.IntVar(&f.opts.Replications, "replications", 3, "replications per configuration")
	fs.Uint64Var(&f.opts.Seed, "seed", 1, "seed of the simulations")
	durationVar(fs, &f.opts.Duration, "duration", "override the loads' duration")
	fs.Float64Var(&f.opts.MemoryWeight, "memory-weight", whatif.DefaultMemoryWeight, "cost of one GiB of memory in CPUs (0: memory costs nothing)")
	fs.BoolVar(&f.opts.NoPrune, "no-prune", false, "simulate every configuration, also those that cannot carry the peak of a load by analysis (ρ ≥ 1): a brief overload can still pass")
	fs.BoolVar(&f.asJSON, "json", false, "print the result as JSON")
	fs.StringVar(&f.chart, "chart", "", "write the chart (SVG) to this file")
	return cmd
}

func runWhatif(cmd *cobra.Command, dir string, f *whatifFlags) error {
	if err := errors.Join(checkReplications(f.opts.Replications), checkDurationFlag(cmd, f.opts.Duration),
		checkMemoryWeight(f.opts.MemoryWeight), checkOutputFile("--chart", f.chart)); err != nil {
		return err
	}
	f.opts.MemoryWeightSet = cmd.Flags().Changed("memory-weight") // an explicit 0 means 0
	if len(f.vary) == 0 && f.scale == "" {
		return fmt.Errorf("nothing to search: give --vary service.attribute=lo..hi, --load-scale lo..hi, or both")
	}
	for _, v := range f.vary {
		d, err := whatif.ParseVary(v)
		if err != nil {
			return err
		}
		f.opts.Dims = append(f.opts.Dims, d)
	}
	if f.scale != "" {
		s, err := whatif.ParseScale(f.scale)
		if err != nil {
			return err
		}
		f.opts.Scales = s
	}
	spec, l, diags, err := loadSpecDiags(dir, &f.sf)
	if err != nil {
		return err
	}
	if err := reportDiags(cmd, onlyErrors(diags)); err != nil {
		return err
	}
	if f.scenario != "" || f.load != "" {
		cases, diags := simulate.Cases(spec, simulate.Options{Scenario: f.scenario, Load: f.load})
		if err := reportDiags(cmd, diags); err != nil {
			return err
		}
		f.opts.Cases = cases
	}
	// A --duration (or a --load) that ends a scenario's run before its
	// fault leaves the fault out of every configuration: the search would
	// size the capacity for a failure that never happens.
	if err := reportDiags(cmd, cutOffFaults(spec, simulate.Options{Scenario: f.scenario, Load: f.load, Duration: f.opts.Duration})); err != nil {
		return err
	}
	res, diags := whatif.Search(spec, f.opts)
	if err := reportDiags(cmd, diags); err != nil {
		return err
	}
	var edit *whatif.Edit
	if len(res.Best) == 1 && res.Best[0].Trial != nil && len(res.Dims) > 0 {
		if edit, err = whatif.EditForGiven(spec, l.Files(), res.Dims, res.Best[0].Trial.Values, f.sf.given()); err != nil {
			return err
		}
	}
	if f.chart != "" {
		err := writeChartFile(f.chart, res)
		if errors.Is(err, whatif.ErrNothingToDraw) {
			fmt.Fprintf(cmd.ErrOrStderr(), "Warning: no chart written to %s: %v.\n", f.chart, err)
		} else if err != nil {
			return err
		}
	}
	if err := writeWhatif(cmd, res, edit, f.asJSON); err != nil {
		return err
	}
	if res.MaxScale == 0 {
		return exitCode(ExitSLOFails)
	}
	return nil
}

// writeChartFile draws the chart, then writes it: a chart that cannot be
// drawn leaves no empty file behind.
func writeChartFile(path string, res *whatif.Result) error {
	var b bytes.Buffer
	if err := res.WriteChart(&b); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o666)
}

func writeWhatif(cmd *cobra.Command, res *whatif.Result, edit *whatif.Edit, asJSON bool) error {
	out := cmd.OutOrStdout()
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			*whatif.Result
			Change *whatif.Edit `json:"change,omitempty"`
		}{res, edit})
	}
	if err := res.WriteText(out); err != nil {
		return err
	}
	if edit == nil {
		return nil
	}
	for _, n := range edit.Notes {
		fmt.Fprintln(out, "Note:", n)
	}
	if edit.Diff == "" {
		if len(edit.Notes) == 0 {
			fmt.Fprintln(out, "The spec already has this capacity: nothing to change.")
		}
		return nil
	}
	fmt.Fprintf(out, "\nThe change to make:\n\n%s", edit.Diff)
	return nil
}
