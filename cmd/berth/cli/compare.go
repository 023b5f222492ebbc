package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/url"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
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
the entry differ by more than F (0.2 = 20 %).`,
		Example: `  berth apply --auto-approve --emulate examples/minimal
  berth compare examples/minimal --duration 20s
  berth compare examples/shop --load peak --duration 30s --rate-scale 0.25 --json`,
		Args: cobra.MaximumNArgs(1),
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

// comparison is compare's result, as JSON.
type comparison struct {
	Load     string `json:"load"`
	Scenario string `json:"scenario,omitempty"`
	// HopLatency is the hop latency simulated (the spec's or the flag's).
	HopLatency string `json:"hop_latency"`
	// EntryRoundTrip is the measured client → entry round trip in
	// seconds, added to the simulated entry latencies before comparing.
	EntryRoundTrip float64          `json:"entry_round_trip"`
	Measured       *loadgen.Result  `json:"measured"`
	Simulated      *simulate.Report `json:"simulated"`
	// EntryStats are the differences of the entry's /_berth/stats over the
	// test, when it runs the emulator.
	EntryStats *emulator.Stats `json:"entry_stats,omitempty"`
	// Diff is measured − simulated per metric: relative for throughput and
	// latencies, absolute for error_rate and degraded_rate; null where the
	// simulation gives 0.
	Diff struct {
		Entry    map[string]*float64            `json:"entry"`
		Services map[string]map[string]*float64 `json:"services"`
	} `json:"diff"`
	Tolerance float64 `json:"tolerance,omitempty"`
	Pass      bool    `json:"pass"`
}

func runCompare(cmd *cobra.Command, dir string, f *compareFlags) error {
	lr, err := prepareLoad(cmd, dir, &f.loadFlags)
	if err != nil {
		return err
	}
	sim := lr.spec.Clone()
	if f.hopLatency != "" {
		d, err := lang.ParseDist(f.hopLatency)
		if err != nil {
			return fmt.Errorf("--hop-latency: %w", err)
		}
		sim.Defaults.HopLatency = d
	}
	ctx, stop := signalContext(cmd)
	defer stop()
	if err := loadgen.WaitReady(ctx, lr.opts.Target, f.wait); err != nil {
		return err
	}
	rtt, err := loadgen.RoundTrip(ctx, lr.opts.Target, 30)
	if err != nil {
		return err
	}
	before, statsErr := entryStats(ctx, lr.opts.Target)
	res, err := lr.measure(ctx, cmd, &f.loadFlags)
	if err != nil {
		return err
	}
	c := &comparison{Load: lr.load.Name, HopLatency: hopText(sim.Defaults.HopLatency), EntryRoundTrip: rtt.Seconds(), Measured: res, Tolerance: f.tolerance}
	if statsErr == nil {
		if after, err := entryStats(ctx, lr.opts.Target); err == nil {
			c.EntryStats = statsDelta(before, after)
		}
	}
	if f.scenario != "" {
		c.Scenario = f.scenario
	}
	if c.Simulated, err = simulateMeasured(cmd, sim, lr.load.Name, c.Scenario, res, f.seed); err != nil {
		return err
	}
	c.diff()
	c.Pass = c.within(f.tolerance)
	if f.json {
		err = writeJSON(cmd.OutOrStdout(), c)
	} else {
		c.write(cmd.OutOrStdout())
	}
	if err != nil {
		return err
	}
	if !c.Pass {
		return exitCode(ExitSLOFails)
	}
	return nil
}

func hopText(d lang.Dist) string {
	if d.IsZero() {
		return "0"
	}
	if d.Source != "" {
		return d.Source
	}
	return string(d.Kind)
}

// simulateMeasured simulates the load as the test sent it: its rates
// scaled, over the time arrivals were sent, with the same warm-up.
func simulateMeasured(cmd *cobra.Command, spec *lang.Spec, load, scenario string, res *loadgen.Result, seed uint64) (*simulate.Report, error) {
	ld := spec.Loads[load]
	ld.Profile = loadgen.Scaled(ld.Profile, res.Scale)
	ld.Warmup = time.Duration(res.Warmup * 1e9)
	d := time.Duration(res.Duration * 1e9).Round(time.Millisecond)
	if d <= ld.Warmup {
		return nil, fmt.Errorf("the test sent load for %s, not past its warm-up of %s: nothing to compare", d, ld.Warmup)
	}
	rep, diags := simulate.RunCase(spec, simulate.Case{Load: load, Scenario: scenario}, simulate.Options{Seed: seed, Duration: d})
	if err := reportDiags(cmd, diags); err != nil {
		return nil, err
	}
	return rep, nil
}

// entryStats reads the emulator counters of the target.
func entryStats(ctx context.Context, target *url.URL) (*emulator.Stats, error) {
	var st emulator.Stats
	if err := loadgen.FetchJSON(ctx, target, "/_berth/stats", &st); err != nil {
		return nil, err
	}
	if st.Service == "" {
		return nil, fmt.Errorf("the target is not berth's emulator")
	}
	return &st, nil
}

// statsDelta returns the counters b − a (gauges as in b).
func statsDelta(a, b *emulator.Stats) *emulator.Stats {
	d := *b
	d.Requests -= a.Requests
	d.Errors -= a.Errors
	d.Rejected -= a.Rejected
	d.Degraded -= a.Degraded
	d.Links = map[string]emulator.LinkStats{}
	for name, l := range b.Links {
		p := a.Links[name]
		l.Calls -= p.Calls
		l.Attempts -= p.Attempts
		l.Retries -= p.Retries
		l.Failures -= p.Failures
		l.Timeouts -= p.Timeouts
		l.Fallbacks -= p.Fallbacks
		l.ShortCircuited -= p.ShortCircuited
		l.BulkheadFull -= p.BulkheadFull
		d.Links[name] = l
	}
	d.Queues = nil
	return &d
}

// entryRows are the entry metrics compared, in order.
var entryRows = []struct {
	key      string
	relative bool
	get      func(*simulate.Metrics) float64
	latency  bool
}{
	{"throughput", true, func(m *simulate.Metrics) float64 { return m.Throughput }, false},
	{"error_rate", false, func(m *simulate.Metrics) float64 { return m.ErrorRate }, false},
	{"degraded_rate", false, func(m *simulate.Metrics) float64 { return m.DegradedRate }, false},
	{"mean", true, func(m *simulate.Metrics) float64 { return m.Latency.Mean }, true},
	{"p50", true, func(m *simulate.Metrics) float64 { return m.Latency.P50 }, true},
	{"p90", true, func(m *simulate.Metrics) float64 { return m.Latency.P90 }, true},
	{"p99", true, func(m *simulate.Metrics) float64 { return m.Latency.P99 }, true},
	{"p999", true, func(m *simulate.Metrics) float64 { return m.Latency.P999 }, true},
}

// simulatedEntry returns a simulated entry metric as the client would
// see it: latencies with the round trip added.
func (c *comparison) simulatedEntry(i int) float64 {
	r := entryRows[i]
	v := r.get(c.Simulated.Entry)
	if r.latency {
		v += c.EntryRoundTrip
	}
	return v
}

// diff fills Diff.
func (c *comparison) diff() {
	c.Diff.Entry = map[string]*float64{}
	for i, r := range entryRows {
		c.Diff.Entry[r.key] = difference(r.get(c.Measured.Entry), c.simulatedEntry(i), r.relative)
	}
	c.Diff.Services = map[string]map[string]*float64{}
	for _, name := range loadNames(c.Simulated.Services) {
		m := c.Measured.Services[name]
		if m == nil {
			continue
		}
		s := c.Simulated.Services[name]
		c.Diff.Services[name] = map[string]*float64{
			"requests":   difference(perSecond(m.Arrivals, c.Measured), c.simRate(s.Arrivals), true),
			"error_rate": difference(m.ErrorRate, s.ErrorRate, false),
		}
	}
}

// simRate is a simulated count per measured second.
func (c *comparison) simRate(n int64) float64 {
	return float64(n) / math.Max(c.Simulated.Duration-c.Simulated.Warmup, 1e-9)
}

// difference is (m − s)/s when relative (nil when s is 0), else m − s.
func difference(m, s float64, relative bool) *float64 {
	d := m - s
	if relative {
		if s == 0 {
			return nil
		}
		d /= s
	}
	return &d
}

// within reports whether the entry's throughput, mean and p50 differ by at
// most tol (always true when tol is 0).
func (c *comparison) within(tol float64) bool {
	if tol <= 0 {
		return true
	}
	for _, k := range []string{"throughput", "mean", "p50"} {
		if d := c.Diff.Entry[k]; d == nil || math.Abs(*d) > tol {
			return false
		}
	}
	return true
}

// write prints the comparison as tables.
func (c *comparison) write(w io.Writer) {
	m, s := c.Measured, c.Simulated
	fmt.Fprintf(w, "load %s: measured at %s for %s, simulated with hop latency %s (seed %d)\n",
		c.Load, m.Target, loadSeconds(m.Duration), c.HopLatency, s.Seed)
	fmt.Fprintf(w, "  simulated latencies include the measured client → entry round trip of %s, which the model does not have\n",
		loadMs(c.EntryRoundTrip))
	if m.Dropped > 0 {
		fmt.Fprintf(w, "  %d arrivals were dropped by the generator: the stack saw less than the simulation\n", m.Dropped)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  entry\tmeasured\tsimulated\tdiff\t")
	for i, r := range entryRows {
		mv, sv := r.get(m.Entry), c.simulatedEntry(i)
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t\n", r.key, rowValue(r.key, mv), rowValue(r.key, sv), diffText(c.Diff.Entry[r.key], r.relative))
	}
	tw.Flush()
	if len(c.Diff.Services) > 0 {
		fmt.Fprintln(w, "  services (requests received per second; errors as their callers saw them):")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "  \treq/s\tsim\tdiff\terr%\tsim\tdiff\t")
		for _, name := range loadNames(c.Diff.Services) {
			ms, ss, d := m.Services[name], s.Services[name], c.Diff.Services[name]
			fmt.Fprintf(tw, "  %s\t%.1f\t%.1f\t%s\t%s\t%s\t%s\t\n", name,
				perSecond(ms.Arrivals, m), c.simRate(ss.Arrivals), diffText(d["requests"], true),
				loadPct(ms.ErrorRate), loadPct(ss.ErrorRate), diffText(d["error_rate"], false))
		}
		tw.Flush()
	}
	c.writeLinks(w)
	if c.Tolerance > 0 {
		verdict := "within"
		if !c.Pass {
			verdict = "NOT within"
		}
		fmt.Fprintf(w, "\nThe entry's throughput, mean and p50 are %s %.0f %% of the simulation.\n", verdict, c.Tolerance*100)
	}
}

// writeLinks prints the entry's outgoing links as its /_berth/stats
// counted them, beside the simulated ones.
func (c *comparison) writeLinks(w io.Writer) {
	st := c.EntryStats
	if st == nil || len(st.Links) == 0 {
		return
	}
	sim := map[string]*simulate.LinkMetrics{}
	for _, l := range c.Simulated.Links {
		if l.From == st.Service {
			sim[l.To] = l
		}
	}
	secs := c.Measured.Duration
	fmt.Fprintf(w, "  links of %s, from its /_berth/stats over the whole test (per second; simulated after the warm-up):\n", st.Service)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \tcalls\tsim\tretries\tsim\ttimeouts\tsim\tfailures\tsim\t")
	for _, to := range loadNames(st.Links) {
		l, s := st.Links[to], sim[to]
		if s == nil {
			s = &simulate.LinkMetrics{}
		}
		per := func(n int64) string { return fmt.Sprintf("%.1f", float64(n)/secs) }
		fmt.Fprintf(tw, "  → %s\t%s\t%.1f\t%s\t%.1f\t%s\t%.1f\t%s\t%.1f\t\n", to,
			per(l.Calls), c.simRate(s.Calls), per(l.Retries), c.simRate(s.Retries),
			per(l.Timeouts), c.simRate(s.Timeouts), per(l.Failures), c.simRate(s.Failures))
	}
	tw.Flush()
}

func rowValue(key string, v float64) string {
	switch key {
	case "throughput":
		return fmt.Sprintf("%.1f/s", v)
	case "error_rate", "degraded_rate":
		return loadPct(v) + "%"
	}
	return loadMs(v)
}

func diffText(d *float64, relative bool) string {
	switch {
	case d == nil:
		return "—"
	case relative:
		return fmt.Sprintf("%+.1f%%", *d*100)
	}
	return fmt.Sprintf("%+.2f pt", *d*100)
}
