package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/loadgen"
)

// writeComparison prints the comparison as tables.
func writeComparison(w io.Writer, c *loadgen.Comparison) {
	m, s := c.Measured, c.Simulated
	fmt.Fprintf(w, "load %s: measured at %s for %s, simulated with hop latency %s (seed %d)\n",
		c.Load, m.Target, loadSeconds(m.Duration), c.HopLatency, s.Seed)
	if m.Interrupted {
		fmt.Fprintf(w, "  interrupted after %s of %s: both sides cover only that part\n", loadSeconds(m.Duration), loadSeconds(m.Planned))
	}
	fmt.Fprintf(w, "  simulated latencies include the measured client → entry round trip of %s, which the model does not have\n",
		loadMs(c.EntryRoundTrip))
	if m.Dropped > 0 || m.Unsent > 0 {
		fmt.Fprintf(w, "  %d arrivals were dropped by the generator%s: the stack saw less than the simulation\n", m.Dropped, unsentText(m))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  entry\tmeasured\tsimulated\tdiff\t")
	for i, r := range loadgen.EntryMetrics {
		mv, sv := r.Get(m.Entry), c.SimulatedEntry(i)
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t\n", r.Key, rowValue(r.Key, mv), rowValue(r.Key, sv), diffText(c.Diff.Entry[r.Key], r.Relative))
	}
	tw.Flush()
	if len(c.Diff.Services) > 0 {
		fmt.Fprintln(w, "  services (requests received per second; errors as their callers saw them):")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "  \treq/s\tsim\tdiff\terr%\tsim\tdiff\t")
		for _, name := range sortedNames(c.Diff.Services) {
			ms, ss, d := m.Services[name], s.Services[name], c.Diff.Services[name]
			fmt.Fprintf(tw, "  %s\t%.1f\t%.1f\t%s\t%s\t%s\t%s\t\n", name,
				m.PerSecond(ms.Arrivals), c.SimRate(ss.Arrivals), diffText(d["requests"], true),
				pct(ms.ErrorRate), pct(ss.ErrorRate), diffText(d["error_rate"], false))
		}
		tw.Flush()
	}
	writeComparedLinks(w, c)
	if c.Tolerance > 0 {
		verdict := "within"
		if !c.Pass {
			verdict = "NOT within"
		}
		fmt.Fprintf(w, "\nThe entry's throughput, mean and p50 are %s %.0f %% of the simulation.\n", verdict, c.Tolerance*100)
	}
	if c.Scenario != "" && c.Verdicts != nil {
		fmt.Fprintf(w, "\nThe expectations of scenario %s, checked on the measurement:\n", c.Scenario)
		writeJudgement(w, &loadgen.Judgement{Result: m, Verdicts: c.Verdicts, NotChecked: c.NotChecked})
	}
}

// writeComparedLinks prints the entry's outgoing links as its /_berth/stats
// counted them, beside the simulated ones.
func writeComparedLinks(w io.Writer, c *loadgen.Comparison) {
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
	for _, to := range sortedNames(st.Links) {
		l, s := st.Links[to], sim[to]
		if s == nil {
			s = &simulate.LinkMetrics{}
		}
		per := func(n int64) string { return fmt.Sprintf("%.1f", float64(n)/secs) }
		fmt.Fprintf(tw, "  → %s\t%s\t%.1f\t%s\t%.1f\t%s\t%.1f\t%s\t%.1f\t\n", to,
			per(l.Calls), c.SimRate(s.Calls), per(l.Retries), c.SimRate(s.Retries),
			per(l.Timeouts), c.SimRate(s.Timeouts), per(l.Failures), c.SimRate(s.Failures))
	}
	tw.Flush()
}

func rowValue(key string, v float64) string {
	switch key {
	case "throughput":
		return fmt.Sprintf("%.1f/s", v)
	case "error_rate", "degraded_rate":
		return pct(v) + "%"
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
	return fmt.Sprintf("%+.2f pp", *d*100)
}
