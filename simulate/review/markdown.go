package review

import (
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/planner"
)

// Marker is the first line of every comment, so a CI job can find and
// update its previous comment instead of adding one per push.
const Marker = "<!-- berth diff -->"

// WriteMarkdown writes the review as one self-contained pull-request
// comment: the summary line, the changes, the graph (Mermaid), the
// simulated deltas and the findings. It fits a GitHub comment
// (MaxCommentChars): see fitComment.
func (r *Review) WriteMarkdown(w io.Writer) error {
	_, err := io.WriteString(w, fitComment(r.commentSegments(), MaxCommentChars))
	return err
}

// commentSegments are the parts of the comment, in order.
func (r *Review) commentSegments() []segment {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n## berth diff: %s\n\n**%s**\n\n", Marker, r.New.Project, r.Summary)
	fmt.Fprintf(&b, "%s → %s", sideText(r.Old), sideText(r.New))
	if r.Simulated {
		long := ""
		if r.Duration > 0 {
			long = ", each " + shortDuration(time.Duration(r.Duration*float64(time.Second))) + " long (--duration)"
		}
		fmt.Fprintf(&b, " · simulated with %s per run%s, seed %d; a delta is significant when the 95 %% confidence intervals do not overlap", words.Count(r.Replications, "replication"), long, r.Seed)
	}
	b.WriteString("\n\n")
	b.WriteString(r.invalidBaseMarkdown())
	out := []segment{{text: b.String()}, {shortened: true}}
	out = append(out, r.changeSegments()...)
	out = append(out, r.graphSegment())
	out = append(out, r.deltaSegments()...)
	return append(out, r.findingSegments()...)
}

func sideText(s SideInfo) string {
	if s.Commit != "" {
		return fmt.Sprintf("%s (%s)", code(s.Label), short(s.Commit))
	}
	return code(s.Label)
}

func short(commit string) string {
	if len(commit) > 7 {
		return commit[:7]
	}
	return commit
}

func (r *Review) changeSegments() []segment {
	if len(r.Changes) == 0 {
		return []segment{{text: "### Changes\n\nNo structural change.\n\n"}}
	}
	list := segment{rank: rankChanges, more: func(n int) string {
		return leftOut("- … %d more %s, left out to fit the comment\n", n, "change")
	}}
	for _, c := range r.Changes {
		var b strings.Builder
		fmt.Fprintf(&b, "- %s **%s** %s%s%s\n", actionSymbol(c.Action), c.Action, code(c.Address), at(c.Pos), fromText(c.From))
		if c.Hint != "" {
			fmt.Fprintf(&b, "  - 💡 %s\n", cell(c.Hint))
		}
		b.WriteString(createdAttrs(c)) // a deleted resource's attributes are in the JSON
		if c.Action == planner.Update {
			written, defaults := splitDefaults(c.Attributes)
			for _, a := range written {
				fmt.Fprintf(&b, "  - %s%s%s\n", a.text(code), at(a.Pos), fromText(a.From))
			}
			b.WriteString(updatedDefaults(defaults))
		}
		list.items = append(list.items, b.String())
	}
	return []segment{{text: "### Changes\n\n"}, list, {text: "\n"}}
}

// fromText names the changed variables an attribute reads, where the
// pull request changed them: " (from `var.orders_replicas` · `main.berth.hcl:39`)".
func fromText(from []Ref) string {
	if len(from) == 0 {
		return ""
	}
	parts := make([]string, len(from))
	for i, v := range from {
		parts[i] = code(v.Name) + at(v.Pos)
	}
	return " (from " + strings.Join(parts, ", ") + ")"
}

func actionSymbol(a planner.Action) string {
	switch a {
	case planner.Create:
		return "➕"
	case planner.Delete:
		return "➖"
	case planner.Replace:
		return "🔁"
	}
	return "✏️"
}

func at(pos string) string {
	if pos == "" {
		return ""
	}
	return " · " + code(pos)
}

// graphSegment is the merged graph in a collapsed section, or, when
// GitHub would not render it (MaxMermaidChars), a line saying how to
// get it.
func (r *Review) graphSegment() segment {
	const head = "### Graph\n\n"
	g := segment{graph: true,
		text:    head + "<details><summary>Services, links and queues (green: added, red: removed, yellow: changed)</summary>\n\n```mermaid\n" + r.Mermaid + "```\n\n</details>\n\n",
		instead: head + "The graph is left out to fit the comment: `berth diff --format mermaid` (or `dot`) prints it.\n\n",
	}
	if chars(r.Mermaid) > MaxMermaidChars {
		g.text = head + fmt.Sprintf("The graph is left out: its %d characters of Mermaid are more than GitHub renders (%d). `berth diff --format dot` prints it for Graphviz.\n\n", chars(r.Mermaid), MaxMermaidChars)
		g.graph = false
	}
	return g
}

func (r *Review) deltaSegments() []segment {
	var b strings.Builder
	b.WriteString("### Simulated deltas\n\n")
	if !r.Simulated {
		b.WriteString("Not simulated (--no-simulate).\n\n")
		return []segment{{text: b.String()}}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "- ⚠️ %s.\n", cell(n))
	}
	if len(r.Notes) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("| run | metric | before | after | Δ | |\n|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| all | cost (CPU) | %s | %s | %s | |\n", formatValue("cpu", r.Cost.Old.Value), formatValue("cpu", r.Cost.New.Value), costDelta(r.Cost))
	rows := segment{rank: rankDeltas, more: func(n int) string {
		return leftOut("| … | %d more %s, left out to fit the comment | | | | |\n", n, "run")
	}}
	for _, d := range r.Deltas {
		rows.items = append(rows.items, caseRows(d))
	}
	return []segment{{text: b.String()}, rows, {text: "\n"}}
}

// caseRows are the table rows of one load or scenario.
func caseRows(d CaseDelta) string {
	var b strings.Builder
	name := cell(d.Case)
	if d.Only != "" {
		name += " (" + d.Only + " only)"
	}
	for i, m := range d.Metrics {
		if i > 0 {
			name = ""
		}
		sig := significance(m)
		if d.LoadChanged && m.Metric == "throughput" && m.Delta != 0 {
			sig = "the load changed"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", name, m.Metric, statText(m.Unit, m.Old), statText(m.Unit, m.New), deltaText(m), sig)
	}
	if len(d.Verdicts) > 0 {
		fmt.Fprintf(&b, "| | expectations | %s | %s | | %s |\n", passText(d.OldPass), passText(d.NewPass), verdictNote(d))
	}
	return b.String()
}

func costDelta(m MetricDelta) string {
	if m.Delta == 0 {
		return "0"
	}
	return formatDelta("cpu", m.Old.Value, m.New.Value)
}

func statText(unit string, s *Stat) string { return statWith(unit, s, " <sub>[%s, %s]</sub>") }

// statWith writes a side's value, and its interval with ci (a format of
// the low and high ends) when it has one.
func statWith(unit string, s *Stat, ci string) string {
	if s == nil {
		return "—"
	}
	t := formatValue(unit, s.Value)
	if s.CI != nil {
		t += fmt.Sprintf(ci, formatValue(unit, max(s.CI.Low, 0)), formatValue(unit, s.CI.High))
	}
	return t
}

func deltaText(m MetricDelta) string {
	if m.Old == nil || m.New == nil {
		return ""
	}
	return formatDelta(m.Unit, m.Old.Value, m.New.Value)
}

func significance(m MetricDelta) string {
	switch {
	case m.Worse:
		return "🔺 **worse**"
	case m.Significant:
		return "🟢 better"
	}
	return ""
}

func passText(p *bool) string { return passWord(p, "✅ pass", "❌ fail") }

// passWord says whether a side's expectations held ("—": the side has
// no such run).
func passWord(p *bool, pass, fail string) string {
	switch {
	case p == nil:
		return "—"
	case *p:
		return pass
	}
	return fail
}

// verdictNote names the bounds that regressed.
func verdictNote(d CaseDelta) string {
	if out := regressedBounds(d); len(out) > 0 {
		return "🔺 " + cell(strings.Join(out, "; "))
	}
	return ""
}

// regressedBounds are the bounds of a case that held before and fail
// now: "slo list-orders p99 <= 500 ms now 793 ms".
func regressedBounds(d CaseDelta) []string {
	var out []string
	for _, v := range d.Verdicts {
		if v.Regressed {
			out = append(out, fmt.Sprintf("%s %s %s %s now %s", v.Source, v.Metric, v.Op, formatValue(unitOf(v.Metric), v.Bound), formatValue(unitOf(v.Metric), *v.New)))
		}
	}
	return out
}

func (r *Review) findingSegments() []segment {
	out := []segment{{text: "### Findings\n\n"}}
	var fresh, old []Finding
	for _, f := range r.Findings {
		if f.New || f.Worse {
			fresh = append(fresh, f)
		} else {
			old = append(old, f)
		}
	}
	if len(fresh) == 0 {
		out[0].text += "No new finding.\n"
	}
	list := func(rank int, fs []Finding, prefix func(Finding) string) segment {
		s := segment{rank: rank, more: func(n int) string {
			return leftOut("- … %d more %s, left out to fit the comment\n", n, "finding")
		}}
		for _, f := range fs {
			s.items = append(s.items, findingLine(f, prefix(f)))
		}
		return s
	}
	out = append(out, list(rankNewFindings, fresh, func(f Finding) string {
		if f.Worse {
			return "📈 worse "
		}
		return "🆕 new "
	}))
	if len(old) > 0 {
		out = append(out,
			segment{text: fmt.Sprintf("\n<details><summary>%s that %s already had</summary>\n\n", words.Count(len(old), "finding"), html.EscapeString(r.Old.Label))},
			list(rankOldFindings, old, func(Finding) string { return "" }),
			segment{text: "\n</details>\n"})
	}
	if len(r.Resolved) > 0 {
		out = append(out,
			segment{text: fmt.Sprintf("\n<details><summary>%s resolved by this change</summary>\n\n", words.Count(len(r.Resolved), "finding"))},
			list(rankResolved, r.Resolved, func(Finding) string { return "✔️ " }),
			segment{text: "\n</details>\n"})
	}
	return out
}

func findingLine(f Finding, prefix string) string {
	icon := "⚠️"
	if f.Severity == SeverityNotice {
		icon = "ℹ️"
	}
	return fmt.Sprintf("- %s%s **%s** %s%s: %s\n", prefix, icon, f.Kind, code(f.Subject), at(f.Pos), f.Message)
}

// code writes s as a markdown code span that shows it verbatim, whatever
// it holds: fenced by one backtick more than its longest run of
// backticks, with a space inside the fence when s starts or ends with a
// backtick (an env value "a `b`" would otherwise end the span early).
func code(s string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// mdEscaper escapes the characters that would make markdown or HTML of a
// name (a load, a scenario, an slo may be named anything): a | would end
// a table cell, <b> would render, * and _ would emphasise.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "|", `\|`,
)

// cell escapes text written into a table cell.
func cell(s string) string { return mdEscaper.Replace(s) }
