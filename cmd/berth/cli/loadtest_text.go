package cli

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/loadgen"
)

// writeMeasured prints the summary of a load test: the entry as
// simulate prints it, its endpoints, and the services counted from the
// emulators' answers.
func writeMeasured(w io.Writer, r *loadgen.Result) {
	e := r.Entry
	head := fmt.Sprintf("load %s: %s measured at %s", r.Load, loadSeconds(r.Duration), r.Target)
	if r.Interrupted {
		head = fmt.Sprintf("load %s: interrupted after %s of %s, measured at %s", r.Load, loadSeconds(r.Duration), loadSeconds(r.Planned), r.Target)
	}
	if r.Warmup > 0 {
		head += fmt.Sprintf(" (first %s not measured)", loadSeconds(r.Warmup))
	}
	fmt.Fprintln(w, head)
	fmt.Fprintf(w, "  requests: %d sent, %d measured: %d ok (%d degraded), %d failed%s; %d dropped%s\n",
		r.Sent, e.Arrivals, e.Completed, e.Degraded, e.Failed, failureText(e.Failures), r.Dropped, unsentText(r))
	fmt.Fprintf(w, "  status: %s\n", statusText(r))
	fmt.Fprintf(w, "  latency: mean %s, p50 %s, p90 %s, p99 %s, p99.9 %s, max %s\n",
		loadMs(e.Latency.Mean), loadMs(e.Latency.P50), loadMs(e.Latency.P90), loadMs(e.Latency.P99), loadMs(e.Latency.P999), loadMs(e.Latency.Max))
	if r.Lag.Max > 0.05 {
		fmt.Fprintf(w, "  generator: sent late by %s on average, %s at most (a busy machine)\n", loadMs(r.Lag.Mean), loadMs(r.Lag.Max))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \trps\terr%\tdegr%\tp50\tp99\t")
	row := func(name string, m *simulate.Metrics) {
		fmt.Fprintf(tw, "  %s\t%.1f\t%s\t%s\t%s\t%s\t\n", name, m.Throughput, pct(m.ErrorRate), pct(m.DegradedRate), loadMs(m.Latency.P50), loadMs(m.Latency.P99))
	}
	row("entry", e)
	for _, name := range sortedNames(e.Endpoints) {
		row("  "+name, e.Endpoints[name])
	}
	tw.Flush()
	if len(r.Services) == 0 {
		return
	}
	fmt.Fprintln(w, "  services, counted from the emulators' answers (requests received, failed as their callers saw):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \treq/s\terr%\tdegr%\t")
	for _, name := range sortedNames(r.Services) {
		m := r.Services[name]
		fmt.Fprintf(tw, "  %s\t%.1f\t%s\t%s\t\n", name, r.PerSecond(m.Arrivals), pct(m.ErrorRate), pct(m.DegradedRate))
	}
	tw.Flush()
}

func failureText(f map[string]int64) string {
	if len(f) == 0 {
		return ""
	}
	var parts []string
	for _, k := range sortedNames(f) {
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

// writeJudgement prints the checked expectations as simulate does, the
// slos left unchecked, and the summary.
func writeJudgement(w io.Writer, j *loadgen.Judgement) {
	writeVerdictLines(w, j.Verdicts, loadMs)
	for _, s := range j.NotChecked {
		fmt.Fprintf(w, "  SKIP  %s\n", s)
	}
	if j.Result != nil && j.Entry != nil {
		writeErrorsUnbounded(w, j.Verdicts, j.Entry.ErrorRate, "measured")
	}
	switch n, failed := len(j.Verdicts), j.Failed(); {
	case j.Result != nil && j.Interrupted && n > 0:
		fmt.Fprintf(w, "\nPARTIAL: the load was interrupted; %d of %s failed on what was measured.\n", failed, words.Count(n, "verdict"))
	case n == 0:
		fmt.Fprintln(w, "\nNo expectation or slo applies to this measurement.")
	case failed == 0:
		fmt.Fprintf(w, "\nPASS: %s held on the measurement.\n", allVerdicts(n))
	default:
		fmt.Fprintf(w, "\nFAIL: %d of %s failed on the measurement.\n", failed, words.Count(n, "verdict"))
	}
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
		return fmt.Sprintf("ramp %.6g→%.6g/s over %s", p.From, p.To, p.Over)
	case lang.ProfileSteps:
		return fmt.Sprintf("%.6g/s in steps up to %.6g/s", p.Rate, p.Peak())
	case lang.ProfileDiurnal:
		return fmt.Sprintf("diurnal %.6g↔%.6g/s every %s", p.Min, p.Max, p.Period)
	}
	return fmt.Sprintf("%.6g/s", p.Rate)
}

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

// unsentText names the arrivals the generator never sent, if any.
func unsentText(r *loadgen.Result) string {
	if r.Unsent == 0 {
		return ""
	}
	return fmt.Sprintf(", about %d never sent (the generator fell behind)", r.Unsent)
}

// progressEvery is how often a load test in progress prints a line.
var progressEvery = 10 * time.Second

// progressLine returns the Progress callback that prints a line on w:
// "  10s of 1m0s: 2998 sent, 2990 answered (3 failed), 0 dropped".
func progressLine(w io.Writer) func(loadgen.Progress) {
	return func(p loadgen.Progress) {
		fmt.Fprintf(w, "  %s of %s: %d sent, %d answered (%d failed), %d dropped\n",
			p.Elapsed.Round(time.Second), p.Planned, p.Sent, p.Answered, p.Failed, p.Dropped)
	}
}
