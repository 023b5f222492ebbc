package review

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/planner"
)

// WriteText writes the review for a terminal: the same summary, changes,
// deltas and findings as the comment, as plain lines and an aligned
// table, with no markdown and no graph (--format mermaid or dot prints
// it).
func (r *Review) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "berth diff: %s, %s → %s\n%s\n\n", r.New.Project, plainSide(r.Old), plainSide(r.New), r.Summary)
	b.WriteString(r.invalidBaseText())
	r.textChanges(&b)
	r.textDeltas(&b)
	r.textFindings(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func plainSide(s SideInfo) string {
	if s.Commit != "" {
		return fmt.Sprintf("%s (%s)", s.Label, short(s.Commit))
	}
	return s.Label
}

func plainAt(pos string) string {
	if pos == "" {
		return ""
	}
	return "  " + pos
}

// plainFrom names the changed variables and locals a change reads.
func plainFrom(from []Ref) string {
	out := ""
	for _, v := range from {
		out += fmt.Sprintf(" (from %s%s)", v.Name, plainAt(v.Pos))
	}
	return out
}

func (r *Review) textChanges(b *strings.Builder) {
	if len(r.Changes) == 0 {
		b.WriteString("No structural change.\n\n")
		return
	}
	b.WriteString("Changes:\n")
	for _, c := range r.Changes {
		fmt.Fprintf(b, "  %s %s%s%s\n", c.Action, c.Address, plainAt(c.Pos), plainFrom(c.From))
		if c.Hint != "" {
			fmt.Fprintf(b, "      (%s)\n", c.Hint)
		}
		if c.Action == planner.Create {
			textCreated(b, c)
		}
		if c.Action != planner.Update {
			continue
		}
		written, defaults := splitDefaults(c.Attributes)
		for _, a := range written {
			fmt.Fprintf(b, "      %s%s%s\n", a.text(nil), plainAt(a.Pos), plainFrom(a.From))
		}
		if len(defaults) > 0 {
			plain := func(s string) string { return s }
			line, _ := attrLine(defaults, maxInlineCreated, plain, func(a AttrChange) string { return a.text(nil) })
			fmt.Fprintf(b, "      %s: %s\n", updateDefaultsSummary(defaults), line)
		}
	}
	b.WriteString("\n")
}

// textCreated lists what a created block writes, one attribute a line
// with its position, then its defaults on one line, marked and cut short
// (the JSON has them all). A likely rename (Hint) lists none: they are
// those of the block deleted, which its hint names.
func textCreated(b *strings.Builder, c Change) {
	if c.Hint != "" {
		return
	}
	written, defaults := splitDefaults(c.Attributes)
	plain := func(s string) string { return s }
	for _, a := range written {
		line, _ := createdLine([]AttrChange{a}, maxShown, plain)
		fmt.Fprintf(b, "      %s%s\n", line, plainAt(a.Pos))
	}
	if len(defaults) > 0 {
		line, _ := createdLine(defaults, maxInlineCreated, plain)
		fmt.Fprintf(b, "      %s: %s\n", defaultsSummary(len(defaults)), line)
	}
}

func (r *Review) textDeltas(b *strings.Builder) {
	if !r.Simulated {
		b.WriteString("Not simulated (--no-simulate).\n\n")
		return
	}
	long := ""
	if r.Duration > 0 {
		long = ", each " + shortDuration(time.Duration(r.Duration*float64(time.Second))) + " long (--duration)"
	}
	fmt.Fprintf(b, "Simulated deltas, %s per run%s, seed %d; a delta is significant when the 95 %% confidence intervals do not overlap:\n", words.Count(r.Replications, "replication"), long, r.Seed)
	for _, n := range r.Notes {
		fmt.Fprintf(b, "Warning: %s.\n", n)
	}
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  run\tmetric\tbefore\tafter\tΔ\t")
	fmt.Fprintf(tw, "  all\tcost (CPU)\t%s\t%s\t%s\t\n", formatValue("cpu", r.Cost.Old.Value), formatValue("cpu", r.Cost.New.Value), costDelta(r.Cost))
	for _, d := range r.Deltas {
		name := d.Case
		if d.Only != "" {
			name += " (" + d.Only + " only)"
		}
		for i, m := range d.Metrics {
			if i > 0 {
				name = ""
			}
			sig := strings.NewReplacer("🔺 **worse**", "worse", "🟢 better", "better").Replace(significance(m))
			if d.LoadChanged && m.Metric == "throughput" && m.Delta != 0 {
				sig = "the load changed"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", name, m.Metric, plainStat(m.Unit, m.Old), plainStat(m.Unit, m.New), deltaText(m), sig)
		}
		if len(d.Verdicts) > 0 {
			fmt.Fprintf(tw, "  \texpectations\t%s\t%s\t\t%s\n", passWord(d.OldPass, "pass", "FAIL"), passWord(d.NewPass, "pass", "FAIL"), plainVerdicts(d))
		}
	}
	tw.Flush()
	for _, line := range strings.SplitAfter(table.String(), "\n") {
		b.WriteString(strings.TrimRight(strings.TrimSuffix(line, "\n"), " "))
		if strings.HasSuffix(line, "\n") {
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
}

func plainStat(unit string, s *Stat) string { return statWith(unit, s, " [%s, %s]") }

// plainVerdicts names the bounds that regressed.
func plainVerdicts(d CaseDelta) string {
	if out := regressedBounds(d); len(out) > 0 {
		return "worse: " + strings.Join(out, "; ")
	}
	return ""
}

func (r *Review) textFindings(b *strings.Builder) {
	b.WriteString("Findings:\n")
	var old []Finding
	n := 0
	for _, f := range r.Findings {
		switch {
		case f.Worse:
			b.WriteString(plainFinding(f, "worse "))
		case f.New:
			b.WriteString(plainFinding(f, "new "))
		default:
			old = append(old, f)
			continue
		}
		n++
	}
	if n == 0 {
		b.WriteString("  No new finding.\n")
	}
	if len(old) > 0 {
		fmt.Fprintf(b, "\n%s that %s already had:\n", words.Count(len(old), "finding"), r.Old.Label)
		for _, f := range old {
			b.WriteString(plainFinding(f, ""))
		}
	}
	if len(r.Resolved) > 0 {
		fmt.Fprintf(b, "\n%s resolved by this change:\n", words.Count(len(r.Resolved), "finding"))
		for _, f := range r.Resolved {
			b.WriteString(plainFinding(f, "resolved "))
		}
	}
}

func plainFinding(f Finding, prefix string) string {
	return fmt.Sprintf("  %s%s %s %s%s: %s\n", prefix, f.Severity, f.Kind, f.Subject, plainAt(f.Pos), f.Message)
}
