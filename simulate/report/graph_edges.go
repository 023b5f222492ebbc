package report

import (
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/berth-dev/berth/lang/graph"
	"github.com/berth-dev/berth/simulate"
)

// port is where an edge leaves its source and enters its target.
type port struct{ y0, y1 float64 }

// edgePorts spreads the edges leaving (entering) each box over its right
// (left) side in the order of the boxes at their other ends.
func edgePorts(l *glayout) map[*graph.Edge]port {
	out := map[*graph.Edge]port{}
	from, to := map[string][]*graph.Edge{}, map[string][]*graph.Edge{}
	for _, e := range l.edges {
		from[e.From] = append(from[e.From], e)
		to[e.To] = append(to[e.To], e)
	}
	spread := func(id string, es []*graph.Edge, other func(*graph.Edge) *gnode, set func(*graph.Edge, float64)) {
		sort.SliceStable(es, func(i, j int) bool { return other(es[i]).y < other(es[j]).y })
		n := l.byID[id]
		for i, e := range es {
			set(e, n.y+l.boxH*float64(i+1)/float64(len(es)+1))
		}
	}
	for id, es := range from {
		spread(id, es, func(e *graph.Edge) *gnode { return l.byID[e.To] }, func(e *graph.Edge, y float64) {
			p := out[e]
			p.y0 = y
			out[e] = p
		})
	}
	for id, es := range to {
		spread(id, es, func(e *graph.Edge) *gnode { return l.byID[e.From] }, func(e *graph.Edge, y float64) {
			p := out[e]
			p.y1 = y
			out[e] = p
		})
	}
	return out
}

func writeEdge(sb *strings.Builder, l *glayout, e *graph.Edge, p port, run *simulate.Report, id string) {
	a, b := l.byID[e.From], l.byID[e.To]
	x0, x1 := a.x+l.boxW, b.x
	dx := max(40, (x1-x0)/2)
	cls := "edge " + string(e.Kind)
	if e.Optional {
		cls += " optional"
	}
	lines, failed := edgeLabel(e, run)
	arrow := "arrow"
	switch {
	case failed:
		cls += " failed"
		arrow = "arrow-failed"
	case e.Kind == graph.EdgePublish || e.Kind == graph.EdgeConsume:
		arrow = "arrow-async"
	}
	fmt.Fprintf(sb, `<g class="%s"><path d="M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f" marker-end="url(#%s-%s)"/>`,
		cls, x0, p.y0, x0+dx, p.y0, x1-dx, p.y1, x1-1, p.y1, id, arrow)
	if len(lines) > 0 && x1 > x0 {
		// At the midpoint of the cubic, where its two halves meet.
		mx, my := (x0+x1)/2, (p.y0+p.y1)/2-3-float64(len(lines)-1)*gEdgeLineH/2
		fmt.Fprintf(sb, `<text x="%.1f" y="%.1f" text-anchor="middle">`, mx, my)
		for i, ln := range lines {
			dy := 0.0
			if i > 0 {
				dy = gEdgeLineH
			}
			fmt.Fprintf(sb, `<tspan x="%.1f" dy="%.1f">%s</tspan>`, mx, dy, html.EscapeString(ln))
		}
		sb.WriteString(`</text>`)
	}
	sb.WriteString(`</g>`)
}

// edgeLabel is the text on an edge, a line each: a call's rate, its
// policy, and its failures when calls failed after their last attempt.
// The second result is true when enough failed to draw the edge red.
func edgeLabel(e *graph.Edge, run *simulate.Report) ([]string, bool) {
	switch e.Kind {
	case graph.EdgeEntry:
		return nil, false
	case graph.EdgePublish, graph.EdgeConsume:
		return []string{e.Label}, false
	}
	policy, _, _ := strings.Cut(e.Label, " · ")
	lm := linkMetrics(run, strings.TrimPrefix(e.From, "service."), strings.TrimPrefix(e.To, "service."))
	if lm == nil {
		return []string{policy}, false
	}
	var lines []string
	if secs := measuredSeconds(run); secs > 0 {
		lines = append(lines, fmtRate(float64(lm.Calls)/secs))
	}
	lines = append(lines, policy)
	if lm.Failures > 0 {
		lines = append(lines, fmtCount(lm.Failures)+" failed")
	}
	return lines, lm.Calls > 0 && float64(lm.Failures) >= failedShare*float64(lm.Calls)
}

// failedShare is the share of failed calls from which an edge is red.
const failedShare = 0.001

func linkMetrics(run *simulate.Report, from, to string) *simulate.LinkMetrics {
	for _, lm := range run.Links {
		if lm != nil && lm.From == from && lm.To == to {
			return lm
		}
	}
	return nil
}
