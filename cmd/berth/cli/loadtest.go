package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
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
		Example: `  berth apply --auto-approve --emulate examples/shop
  berth loadtest examples/shop --load peak --duration 20s
  berth loadtest examples/minimal --target http://127.0.0.1:8080 --rate-scale 0.5 --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLoadtest(cmd, specDir(args), &f)
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// loadFlags are the flags of loadtest and compare.
type loadFlags struct {
	specFlags
	load        string
	scenario    string
	target      string
	duration    time.Duration
	rateScale   float64
	maxRequests int64
	timeout     time.Duration
	maxInFlight int
	wait        time.Duration
	seed        uint64
	json        bool
}

func (f *loadFlags) register(fs *pflag.FlagSet) {
	f.specFlags.register(fs)
	fs.StringVar(&f.load, "load", "", "the load to send (default: the spec's only load)")
	fs.StringVar(&f.scenario, "scenario", "", "a scenario without faults: send its load and check its expect block")
	fs.StringVar(&f.target, "target", "", "base URL of the entry, on 127.0.0.1 (default: its published port)")
	fs.DurationVar(&f.duration, "duration", 0, "how long to send (default: the load's duration)")
	fs.Float64Var(&f.rateScale, "rate-scale", 1, "multiply every rate of the load by this")
	fs.Int64Var(&f.maxRequests, "max-requests", 0, "stop after this many requests (0: no limit)")
	fs.DurationVar(&f.timeout, "timeout", loadgen.DefaultTimeout, "per-request timeout")
	fs.IntVar(&f.maxInFlight, "max-in-flight", loadgen.DefaultMaxInFlight, "cap on requests awaiting an answer; arrivals beyond it are dropped and counted")
	fs.DurationVar(&f.wait, "wait", 10*time.Second, "how long to wait for the target to answer before sending")
	fs.Uint64Var(&f.seed, "seed", 1, "seed of the arrival times and endpoint choices")
	fs.BoolVar(&f.json, "json", false, "print the result as JSON")
}

// loadRun is a load test ready to run: the spec, the load, the cases whose
// expectations apply and the generator's options.
type loadRun struct {
	spec  *lang.Spec
	load  *lang.Load
	cases []simulate.Case
	opts  loadgen.Options
}

// prepareLoad loads the spec and picks the load, its cases and target.
func prepareLoad(cmd *cobra.Command, dir string, f *loadFlags) (*loadRun, error) {
	spec, err := loadSpec(cmd, dir, &f.specFlags)
	if err != nil {
		return nil, err
	}
	ld, cases, err := pickLoad(spec, f.load, f.scenario)
	if err != nil {
		return nil, err
	}
	if f.rateScale <= 0 {
		return nil, fmt.Errorf("--rate-scale %v: must be more than 0", f.rateScale)
	}
	u, err := loadgen.DefaultTarget(spec, ld)
	if f.target != "" {
		u, err = loadgen.CheckTarget(f.target)
	}
	if err != nil {
		return nil, err
	}
	eps, err := loadgen.EntryEndpoints(spec, ld)
	if err != nil {
		return nil, err
	}
	return &loadRun{spec: spec, load: ld, cases: cases, opts: loadgen.Options{
		Target: u, Load: ld, Endpoints: eps, Duration: f.duration, RateScale: f.rateScale,
		MaxRequests: f.maxRequests, Timeout: f.timeout, MaxInFlight: f.maxInFlight, Seed: f.seed, Services: true,
	}}, nil
}

// pickLoad returns the load to send and the cases whose expectations
// apply to it: the scenario asked for, else the load's scenarios without
// faults, else the load alone (its slos).
func pickLoad(spec *lang.Spec, load, scenario string) (*lang.Load, []simulate.Case, error) {
	if scenario != "" {
		sc := spec.Scenarios[scenario]
		if sc == nil {
			return nil, nil, fmt.Errorf("there is no scenario %q; the scenarios are: %s", scenario, joinNames(loadNames(spec.Scenarios)))
		}
		if len(sc.Faults) > 0 {
			return nil, nil, fmt.Errorf("scenario %q has faults, and a load test plays none (kill, node_down and partition are Docker's to do; hang and slow can be injected with POST /_berth/fault): run berth simulate --scenario %s, or send its load with --load %s", sc.Name, sc.Name, sc.Load)
		}
		if load == "" {
			load = sc.Load
		}
	}
	if load == "" {
		if len(spec.Loads) != 1 {
			return nil, nil, fmt.Errorf("the spec declares %d loads; choose one with --load: %s", len(spec.Loads), joinNames(loadNames(spec.Loads)))
		}
		load = spec.SortedLoads()[0].Name
	}
	ld := spec.Loads[load]
	if ld == nil {
		return nil, nil, fmt.Errorf("there is no load %q; the loads are: %s", load, joinNames(loadNames(spec.Loads)))
	}
	if scenario != "" {
		return ld, []simulate.Case{{Load: load, Scenario: scenario}}, nil
	}
	var cases []simulate.Case
	for _, sc := range spec.SortedScenarios() {
		if sc.Load == load && len(sc.Faults) == 0 {
			cases = append(cases, simulate.Case{Load: load, Scenario: sc.Name})
		}
	}
	if len(cases) == 0 {
		cases = []simulate.Case{{Load: load}}
	}
	return ld, cases, nil
}

func joinNames(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, ", ")
}

// signalContext is cancelled by SIGINT or SIGTERM: the load stops, the
// answers in flight are awaited and what was measured is reported.
func signalContext(cmd *cobra.Command) (context.Context, context.CancelFunc) {
	base := cmd.Context()
	if base == nil {
		base = context.Background()
	}
	return signal.NotifyContext(base, os.Interrupt, syscall.SIGTERM)
}

// measure sends the load, telling stderr what it does unless the output
// is JSON.
func (lr *loadRun) measure(ctx context.Context, cmd *cobra.Command, f *loadFlags) (*loadgen.Result, error) {
	if !f.json {
		d := lr.load.Duration
		if f.duration > 0 {
			d = f.duration
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "Sending load %q (%s, %s) to %s for %s...\n",
			lr.load.Name, arrivalName(lr.load), rateText(lr.load.Profile, f.rateScale), lr.opts.Target, d)
	}
	res, err := loadgen.Run(ctx, lr.opts)
	if err != nil {
		return nil, err
	}
	if res.Dropped > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "Warning: %d arrivals were dropped at the cap of %d requests in flight: the stack saw less than the load (raise --max-in-flight).\n",
			res.Dropped, lr.opts.MaxInFlight)
	}
	if n := res.Status["404"]; n > 0 && 2*n >= res.Entry.Arrivals {
		fmt.Fprintf(cmd.ErrOrStderr(), "Warning: %d answers were 404 Not Found: the target does not serve the endpoints of %s (is it that service?).\n",
			n, lr.load.Entry.Service)
	}
	return res, nil
}

func arrivalName(ld *lang.Load) string {
	if ld.Arrival == "" {
		return lang.ArrivalPoisson
	}
	return ld.Arrival
}

// rateText describes the scaled rate profile ("50/s", "ramp 100→800/s").
func rateText(p lang.RateProfile, scale float64) string {
	p = loadgen.Scaled(p, scale)
	switch p.Kind {
	case lang.ProfileRamp:
		return fmt.Sprintf("ramp %g→%g/s over %s", p.From, p.To, p.Over)
	case lang.ProfileSteps:
		return fmt.Sprintf("%g/s in steps up to %g/s", p.Rate, p.Peak())
	}
	return fmt.Sprintf("%g/s", p.Rate)
}

func runLoadtest(cmd *cobra.Command, dir string, f *loadFlags) error {
	lr, err := prepareLoad(cmd, dir, f)
	if err != nil {
		return err
	}
	ctx, stop := signalContext(cmd)
	defer stop()
	if err := loadgen.WaitReady(ctx, lr.opts.Target, f.wait); err != nil {
		return err
	}
	res, err := lr.measure(ctx, cmd, f)
	if err != nil {
		return err
	}
	verdicts, notChecked := measuredVerdicts(lr.spec, lr.load, lr.cases, res)
	pass := countPassed(verdicts) == len(verdicts)
	out := cmd.OutOrStdout()
	if f.json {
		err = writeJSON(out, struct {
			*loadgen.Result
			Verdicts   []simulate.Verdict `json:"verdicts"`
			NotChecked []string           `json:"not_checked,omitempty"`
			Pass       bool               `json:"pass"`
		}{res, verdicts, notChecked, pass})
	} else {
		writeMeasured(out, res)
		writeMeasuredVerdicts(out, verdicts, notChecked)
	}
	if err != nil {
		return err
	}
	if !pass {
		return exitCode(ExitSLOFails)
	}
	return nil
}

// measuredVerdicts judges the measurement by the simulator's rules: the
// expect blocks of cases and the slos on the entry service. Slos on other
// services are not checked (no latency is measured there); their names
// come back in notChecked.
func measuredVerdicts(spec *lang.Spec, ld *lang.Load, cases []simulate.Case, res *loadgen.Result) (verdicts []simulate.Verdict, notChecked []string) {
	entry := ld.Entry.Service
	sp := *spec // a shallow copy with fewer slos; nothing is changed
	sp.SLOs = map[string]*lang.SLO{}
	for name, slo := range spec.SLOs {
		if slo.Service == "" || slo.Service == entry {
			sp.SLOs[name] = slo
		} else {
			notChecked = append(notChecked, fmt.Sprintf("slo %s (service %s: loadtest measures the entry, %s)", name, slo.Service, entry))
		}
	}
	sort.Strings(notChecked)
	report := &simulate.Report{Entry: res.Entry, Services: map[string]*simulate.Metrics{entry: res.Entry}}
	seen := map[string]bool{}
	verdicts = []simulate.Verdict{}
	for _, c := range cases {
		simulate.CheckVerdicts(&sp, c, report)
		for _, v := range report.Verdicts {
			if k := v.Source + "\x00" + v.Target + "\x00" + v.Metric; !seen[k] {
				seen[k] = true
				verdicts = append(verdicts, v)
			}
		}
	}
	return verdicts, notChecked
}

// writeMeasured prints the summary of a load test: the entry as
// simulate prints it, its endpoints, and the services counted from the
// emulators' answers.
func writeMeasured(w io.Writer, r *loadgen.Result) {
	e := r.Entry
	head := fmt.Sprintf("load %s: %s measured at %s", r.Load, loadSeconds(r.Duration), r.Target)
	if r.Warmup > 0 {
		head += fmt.Sprintf(" (first %s not measured)", loadSeconds(r.Warmup))
	}
	fmt.Fprintln(w, head)
	fmt.Fprintf(w, "  requests: %d sent, %d measured: %d ok (%d degraded), %d failed%s; %d dropped\n",
		r.Sent, e.Arrivals, e.Completed, e.Degraded, e.Failed, failureText(e.Failures), r.Dropped)
	fmt.Fprintf(w, "  status: %s\n", statusText(r))
	fmt.Fprintf(w, "  latency: mean %s, p50 %s, p90 %s, p99 %s, p99.9 %s, max %s\n",
		loadMs(e.Latency.Mean), loadMs(e.Latency.P50), loadMs(e.Latency.P90), loadMs(e.Latency.P99), loadMs(e.Latency.P999), loadMs(e.Latency.Max))
	if r.Lag.Max > 0.05 {
		fmt.Fprintf(w, "  generator: sent late by %s on average, %s at most (a busy machine)\n", loadMs(r.Lag.Mean), loadMs(r.Lag.Max))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \trps\terr%\tdegr%\tp50\tp99\t")
	row := func(name string, m *simulate.Metrics) {
		fmt.Fprintf(tw, "  %s\t%.1f\t%s\t%s\t%s\t%s\t\n", name, m.Throughput, loadPct(m.ErrorRate), loadPct(m.DegradedRate), loadMs(m.Latency.P50), loadMs(m.Latency.P99))
	}
	row("entry", e)
	for _, name := range loadNames(e.Endpoints) {
		row("  "+name, e.Endpoints[name])
	}
	tw.Flush()
	if len(r.Services) == 0 {
		return
	}
	fmt.Fprintln(w, "  services, counted from the emulators' answers (requests received, failed as their callers saw):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \treq/s\terr%\tdegr%\t")
	for _, name := range loadNames(r.Services) {
		m := r.Services[name]
		fmt.Fprintf(tw, "  %s\t%.1f\t%s\t%s\t\n", name, perSecond(m.Arrivals, r), loadPct(m.ErrorRate), loadPct(m.DegradedRate))
	}
	tw.Flush()
}

// perSecond is a count per measured second.
func perSecond(n int64, r *loadgen.Result) float64 {
	if d := r.Duration - r.Warmup; d > 0 {
		return float64(n) / d
	}
	return 0
}

func failureText(f map[string]int64) string {
	if len(f) == 0 {
		return ""
	}
	var parts []string
	for _, k := range loadNames(f) {
		parts = append(parts, fmt.Sprintf("%s %d", k, f[k]))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func statusText(r *loadgen.Result) string {
	var parts []string
	for _, k := range r.StatusKeys() {
		parts = append(parts, fmt.Sprintf("%s ×%d", k, r.Status[k]))
	}
	if len(parts) == 0 {
		return "(no answer measured)"
	}
	return strings.Join(parts, ", ")
}

// writeMeasuredVerdicts prints the checked expectations as simulate does,
// and the slos left unchecked.
func writeMeasuredVerdicts(w io.Writer, vs []simulate.Verdict, notChecked []string) {
	for _, v := range vs {
		status := "PASS"
		if !v.Pass {
			status = "FAIL"
		}
		fmt.Fprintf(w, "  %s  %s: %s %s = %s, bound %s %s", status, v.Source, v.Target, v.Metric,
			loadVerdictValue(v.Metric, v.Measured), v.Op, loadVerdictValue(v.Metric, v.Bound))
		if v.Pos != "" {
			fmt.Fprintf(w, "  (%s)", v.Pos)
		}
		fmt.Fprintln(w)
	}
	for _, s := range notChecked {
		fmt.Fprintf(w, "  SKIP  %s\n", s)
	}
	switch failed := len(vs) - countPassed(vs); {
	case len(vs) == 0:
		fmt.Fprintln(w, "\nNo expectation or slo applies to this measurement.")
	case failed == 0:
		fmt.Fprintf(w, "\nPASS: all %s held on the measurement.\n", plural(len(vs), "verdict"))
	default:
		fmt.Fprintf(w, "\nFAIL: %d of %s failed on the measurement.\n", failed, plural(len(vs), "verdict"))
	}
}

func countPassed(vs []simulate.Verdict) int {
	n := 0
	for _, v := range vs {
		if v.Pass {
			n++
		}
	}
	return n
}

// loadVerdictValue writes a verdict's value in the metric's unit.
func loadVerdictValue(metric string, v float64) string {
	switch metric {
	case "error_rate", "degraded_rate":
		return loadPct(v) + "%"
	case "throughput":
		return fmt.Sprintf("%.1f/s", v)
	}
	return loadMs(v)
}

// loadPct writes a fraction as a percentage, without the sign.
func loadPct(f float64) string { return fmt.Sprintf("%.2f", f*100) }

// loadMs writes seconds in milliseconds, to the microsecond below 10 ms.
func loadMs(s float64) string {
	switch {
	case s >= 10:
		return fmt.Sprintf("%.1fs", s)
	case s < 0.01:
		return fmt.Sprintf("%.3gms", s*1e3)
	}
	return fmt.Sprintf("%.1fms", s*1e3)
}

// loadSeconds writes seconds with at most two decimals ("1.5s").
func loadSeconds(s float64) string {
	return strconv.FormatFloat(math.Round(s*100)/100, 'f', -1, 64) + "s"
}

func loadNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
