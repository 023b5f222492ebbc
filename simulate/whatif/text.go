package whatif

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/berth-dev/berth/internal/numfmt"
	"github.com/berth-dev/berth/internal/words"
)

// WriteText writes the table of decided configurations, cheapest passing
// marked ★ and the Pareto front of cost against p99 and errors marked P,
// then the answer.
func (r *Result) WriteText(w io.Writer) error {
	long := ""
	if r.Duration > 0 {
		long = fmt.Sprintf(", each %s long (--duration)", shortDuration(time.Duration(r.Duration*float64(time.Second))))
	}
	fmt.Fprintf(w, "Runs that must pass: %s; %s per configuration%s.\n\n", strings.Join(r.Cases, ", "), words.Count(r.Replications, "replication"), long)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{""}
	for _, d := range r.Dims {
		head = append(head, d.Name())
	}
	if len(r.Scales) > 1 || len(r.Dims) == 0 {
		head = append(head, "load ×")
	}
	head = append(head, "cost", "p99", "errors", "verdict")
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, t := range r.Trials {
		row := []string{mark(t)}
		for _, v := range t.Values {
			row = append(row, fmt.Sprintf("%g", v))
		}
		if len(r.Scales) > 1 || len(r.Dims) == 0 {
			row = append(row, fmt.Sprintf("%g", t.Scale))
		}
		p99, errs := "—", "—"
		if t.Status != StatusPruned {
			p99 = latency(t.P99)
			errs = fmt.Sprintf("%.3g %%", 100*t.ErrorRate)
		}
		verdict := t.Status
		if t.Reason != "" {
			verdict += ": " + t.Reason
		}
		row = append(row, numfmt.Sig(t.Cost, 4), p99, errs, verdict)
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Dims) > 0 {
		fmt.Fprintln(w, "\n★ cheapest passing · P on the Pareto front of cost, p99 and errors (passing ones)")
	} else {
		fmt.Fprintln(w, "\n★ the highest multiplier that passes")
	}
	pruned := len(r.Trials) - r.Simulations
	fmt.Fprintf(w, "%s decided: %d simulated, %d pruned by analysis (ρ ≥ 1); the rest follow by monotonicity.\n\n", words.Count(len(r.Trials), "configuration"), r.Simulations, pruned)
	r.writeAnswer(w)
	return nil
}

func mark(t *Trial) string {
	switch {
	case t.Cheapest && t.Pareto:
		return "★P"
	case t.Cheapest:
		return "★"
	case t.Pareto:
		return "P"
	}
	return ""
}

func latency(s float64) string {
	return time.Duration(s * float64(time.Second)).Round(100 * time.Microsecond).String()
}

// writeAnswer states the result in a sentence per multiplier.
func (r *Result) writeAnswer(w io.Writer) {
	if len(r.Dims) == 0 {
		if r.MaxScale == 0 {
			fmt.Fprintf(w, "The spec fails already at %g× the load.\n", r.Scales[0])
			return
		}
		next := ""
		for _, s := range r.Scales {
			if s > r.MaxScale {
				next = fmt.Sprintf("; it fails at %g×", s)
				break
			}
		}
		fmt.Fprintf(w, "The spec holds up to %g× its load%s.\n", r.MaxScale, next)
		return
	}
	for _, b := range r.Best {
		at := ""
		if len(r.Scales) > 1 {
			at = fmt.Sprintf(" at %g× the load", b.Scale)
		}
		if b.Trial == nil {
			fmt.Fprintf(w, "Nothing in the ranges passes%s.\n", at)
			continue
		}
		var parts []string
		for i, d := range r.Dims {
			p := fmt.Sprintf("%s = %g", d.Name(), b.Trial.Values[i])
			if r.Original[i] != b.Trial.Values[i] {
				p += fmt.Sprintf(" (now %g)", r.Original[i])
			}
			parts = append(parts, p)
		}
		fmt.Fprintf(w, "Cheapest passing%s: %s, cost %.4g CPU.\n", at, strings.Join(parts, ", "), b.Trial.Cost)
	}
}

// shortDuration writes d without zero units: "1m" rather than "1m0s",
// "1h" rather than "1h0m0s".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
