package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/simulate"
)

// writeSimulateText prints every run of res: a table per run, its events
// and its verdicts, then a one-line summary. dir is the spec's directory
// as the command was given it, for the commands it suggests.
func writeSimulateText(w io.Writer, res *simulate.Result, dir string) {
	runs := res.Runs
	if len(runs) == 0 {
		runs = []*simulate.Report{res.Report}
	}
	verdicts, failed := 0, 0
	for i, r := range runs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		writeRunText(w, r, dir)
		for _, v := range r.Verdicts {
			verdicts++
			if !v.Pass {
				failed++
			}
		}
	}
	fmt.Fprintln(w)
	switch {
	case verdicts == 0:
		fmt.Fprintf(w, "%s simulated; the spec states no expectations or SLOs.\n", words.Count(len(runs), "run"))
	case failed == 0:
		fmt.Fprintf(w, "PASS: %s, %s held.\n", words.Count(len(runs), "run"), allVerdicts(verdicts))
	default:
		fmt.Fprintf(w, "FAIL: %s, %d of %s failed.\n", words.Count(len(runs), "run"), failed, words.Count(verdicts, "verdict"))
	}
}

func writeRunText(w io.Writer, r *simulate.Report, dir string) {
	head := fmt.Sprintf("%s: %s simulated", r.Name, seconds(r.Duration))
	if r.Warmup > 0 {
		head += fmt.Sprintf(" (first %s not measured)", seconds(r.Warmup))
	}
	head += fmt.Sprintf(", %s, seed %d", r.Backend, r.Seed)
	if r.Replications > 1 {
		head += fmt.Sprintf(", %d replications (± is the 95 %% CI half-width)", r.Replications)
	}
	fmt.Fprintln(w, head)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \trps\terr%\tdegr%\tutil\tmean\tp50\tp99\tqueue\t")
	row := func(name string, m *simulate.Metrics, util string) {
		ci := m.CI
		if r.Replications < 2 { // the batch-means intervals of one run are in --json and --report
			ci = nil
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name,
			simWithCI(fmt.Sprintf("%.1f", m.Throughput), ci, func(c *simulate.MetricsCI) (float64, string) { return simHalf(c.Throughput), "%.1f" }),
			pct(m.ErrorRate), pct(m.DegradedRate), util,
			simWithCI(ms(m.Latency.Mean), ci, func(c *simulate.MetricsCI) (float64, string) { return simHalf(c.Mean) * 1e3, "%.1f" }),
			simWithCI(ms(m.Latency.P50), ci, func(c *simulate.MetricsCI) (float64, string) { return simHalf(c.P50) * 1e3, "%.1f" }),
			simWithCI(ms(m.Latency.P99), ci, func(c *simulate.MetricsCI) (float64, string) { return simHalf(c.P99) * 1e3, "%.1f" }),
			fmt.Sprintf("%.1f", m.Queue.Mean))
	}
	row("entry", r.Entry, "-")
	for _, name := range sortedNames(r.Services) {
		m := r.Services[name]
		row(name, m, fmt.Sprintf("%.2f", m.Utilization))
	}
	tw.Flush()
	writeUnansweredText(w, r)
	writeSaturatedText(w, r, dir)
	for _, name := range sortedNames(r.Queues) {
		q := r.Queues[name]
		fmt.Fprintf(w, "  queue %s (%s): %d published, %d consumed, backlog mean %.1f max %d, lag mean %s p99 %s\n",
			name, q.Kind, q.Published, q.Consumed, q.Backlog.Mean, q.Backlog.Max, ms(q.Lag.Mean), ms(q.Lag.P99))
	}
	writeEventsText(w, r.Events)
	writeVerdictLines(w, r.Verdicts, ms)
	if r.Entry != nil {
		writeErrorsUnbounded(w, r.Verdicts, r.Entry.ErrorRate, "simulated")
	}
}

// writeUnansweredText names the requests that never got an answer (the
// simulator gave up on them after its drain): they are in err%, and their
// ages in the latencies.
func writeUnansweredText(w io.Writer, r *simulate.Report) {
	var parts []string
	if n := r.Entry.Unanswered; n > 0 {
		parts = append(parts, fmt.Sprintf("entry %d", n))
	}
	for _, name := range sortedNames(r.Services) {
		if n := r.Services[name].Unanswered; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", name, n))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "  unanswered %s after the load: %s (errors; their ages count as latencies)\n", seconds(r.Drain), strings.Join(parts, ", "))
	}
}

// writeEventsText lists the faults and failover steps, breaker openings
// summarised.
func writeEventsText(w io.Writer, events []simulate.FaultEvent) {
	var lines []string
	breakers := 0
	for _, e := range events {
		if e.Kind == "breaker_open" {
			breakers++
			continue
		}
		what := e.Kind
		switch {
		case e.Replica != nil:
			what += fmt.Sprintf(" %s.%d (node %d)", e.Service, *e.Replica, *e.Node)
		case e.Service != "":
			what += " " + e.Service
		case e.Node != nil:
			what += fmt.Sprintf(" node %d", *e.Node)
		}
		if e.Detail != "" {
			what += ": " + e.Detail
		}
		lines = append(lines, fmt.Sprintf("%s %s", seconds(e.Time), what))
	}
	if breakers > 0 {
		lines = append(lines, fmt.Sprintf("circuit breakers opened %s", words.Count(breakers, "time")))
	}
	if len(lines) > 0 {
		fmt.Fprintf(w, "  events: %s\n", strings.Join(lines, "; "))
	}
}

// allVerdicts is "all 3 verdicts", or "the 1 verdict".
func allVerdicts(n int) string {
	if n == 1 {
		return "the 1 verdict"
	}
	return "all " + words.Count(n, "verdict")
}

// writeVerdictLines prints a line per verdict, as simulate and loadtest
// both do: "  PASS  slo fast: entry p99 = 12.0ms, bound <= 50.0ms  (pos)".
// Durations are written by msFmt.
func writeVerdictLines(w io.Writer, vs []simulate.Verdict, msFmt func(float64) string) {
	for _, v := range vs {
		status := "PASS"
		if !v.Pass {
			status = "FAIL"
		}
		measured := verdictValue(v.Metric, v.Measured, msFmt)
		if v.NoData {
			measured = "(no request reached it)"
		}
		fmt.Fprintf(w, "  %s  %s: %s %s = %s, bound %s %s", status, v.Source, v.Target, v.Metric,
			measured, v.Op, verdictValue(v.Metric, v.Bound, msFmt))
		if v.Pos != "" {
			fmt.Fprintf(w, "  (%s)", v.Pos)
		}
		fmt.Fprintln(w)
	}
}

// writeErrorsUnbounded notes, under passing verdicts, that 1 % or more of
// the entry's requests failed when no verdict bounds the error rate: an
// expect of latencies alone passes a stack that fails every request fast
// (a failure's latency counts like an answer's). what is "simulated" or
// "measured".
func writeErrorsUnbounded(w io.Writer, vs []simulate.Verdict, errorRate float64, what string) {
	if errorRate < 0.01 || len(vs) == 0 {
		return
	}
	for _, v := range vs {
		if v.Metric == "error_rate" || !v.Pass {
			return
		}
	}
	fmt.Fprintf(w, "  NOTE  %s%% of the %s requests failed, and no expectation checked bounds error_rate: the latencies above include the failures\n", pct(errorRate), what)
}

// verdictValue writes a verdict's value in the metric's unit.
func verdictValue(metric string, v float64, msFmt func(float64) string) string {
	switch metric {
	case "error_rate", "degraded_rate":
		return pct(v) + "%"
	case "throughput":
		return fmt.Sprintf("%.1f/s", v)
	}
	return msFmt(v)
}

func simWithCI(v string, ci *simulate.MetricsCI, get func(*simulate.MetricsCI) (float64, string)) string {
	if ci == nil {
		return v
	}
	h, f := get(ci)
	return v + "±" + fmt.Sprintf(f, h)
}

func simHalf(c simulate.CI) float64 { return (c.High - c.Low) / 2 }

// pct writes a fraction as a percentage, without the sign.
func pct(f float64) string { return fmt.Sprintf("%.2f", f*100) }

// ms formats seconds as milliseconds (or seconds when long).
func ms(s float64) string {
	if s >= 10 {
		return fmt.Sprintf("%.1fs", s)
	}
	return fmt.Sprintf("%.1fms", s*1e3)
}

func seconds(s float64) string {
	return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.2f", s), "0"), ".0") + "s"
}

// sortedNames returns the keys of m in order.
func sortedNames[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
