package review

import (
	"fmt"
	"math"
	"strings"

	"github.com/berth-dev/berth/internal/numfmt"
	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/planner"
)

// formatValue writes a metric value in its unit for people: latencies in
// ms or s, ratios in percent, rates per second, costs in CPU-equivalents.
func formatValue(unit string, v float64) string {
	switch unit {
	case "s":
		if math.Abs(v) < 1 {
			return sig(v*1000, 3) + " ms"
		}
		return sig(v, 3) + " s"
	case "ratio":
		return sig(v*100, 3) + " %"
	case "1/s":
		return sig(v, 4) + "/s"
	case "cpu":
		return sig(v, 4)
	}
	return sig(v, 4)
}

// sig writes v with n significant digits, never with an exponent.
func sig(v float64, n int) string { return numfmt.Sig(v, n) }

// formatDelta writes new − old with its sign, and the relative change
// when old is not zero. The difference of two ratios is in percentage
// points ("+1.2 pp"): an error rate going from 1 % to 2.2 % is +1.2 pp,
// not "+1.2 %", which reads as a relative change (that would be +120 %).
func formatDelta(unit string, old, new float64) string {
	d := new - old
	if d == 0 {
		return "0"
	}
	sign := "+"
	if d < 0 {
		sign = "−"
	}
	if unit == "ratio" {
		return sign + sig(math.Abs(d)*100, 3) + " pp"
	}
	s := sign + formatValue(unit, math.Abs(d))
	if old != 0 {
		s += fmt.Sprintf(" (%s%s %%)", sign, sig(math.Abs(d/old*100), 2))
	}
	return s
}

// unitOf is the unit of a verdict's metric.
func unitOf(metric string) string {
	switch metric {
	case "error_rate", "degraded_rate":
		return "ratio"
	case "throughput":
		return "1/s"
	}
	return "s"
}

// summary is the one line a reviewer reads first.
func summary(r *Review) string {
	var parts []string
	switch n := len(r.Changes); n {
	case 0:
		parts = append(parts, "no structural change")
	default:
		parts = append(parts, fmt.Sprintf("%s (%s)", words.Count(n, "change"), actionCounts(r.Changes)))
	}
	if r.Simulated {
		if n := len(r.Regressions); n > 0 {
			parts = append(parts, words.Count(n, "regression"))
		} else {
			parts = append(parts, "no significant regression")
		}
	}
	newW, newN, worse := 0, 0, 0
	for _, f := range r.Findings {
		switch {
		case f.Worse:
			worse++
		case f.New && f.Severity == SeverityWarning:
			newW++
		case f.New:
			newN++
		}
	}
	switch {
	case newW+newN == 0:
		parts = append(parts, "no new finding")
	case newN == 0:
		parts = append(parts, words.Count(newW, "new warning"))
	case newW == 0:
		parts = append(parts, words.Count(newN, "new notice"))
	default:
		parts = append(parts, words.Count(newW, "new warning")+", "+words.Count(newN, "new notice"))
	}
	if worse > 0 {
		parts = append(parts, words.Count(worse, "finding")+" worse")
	}
	if r.Cost.Delta != 0 {
		parts = append(parts, fmt.Sprintf("cost %s → %s CPU", formatValue("cpu", r.Old.Cost), formatValue("cpu", r.New.Cost)))
	}
	return strings.Join(parts, " · ")
}

func actionCounts(changes []Change) string {
	counts := map[planner.Action]int{}
	for _, c := range changes {
		counts[c.Action]++
	}
	var out []string
	for _, a := range []planner.Action{planner.Create, planner.Update, planner.Replace, planner.Delete} {
		if counts[a] > 0 {
			out = append(out, fmt.Sprintf("%d %s", counts[a], a))
		}
	}
	return strings.Join(out, ", ")
}
