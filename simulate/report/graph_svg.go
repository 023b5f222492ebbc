package report

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/lang/graph"
	"github.com/berth-dev/berth/simulate"
)

// Text sizes of the service graph (px) and the average glyph widths used
// to size its boxes (Arial-like fonts).
const (
	gTitle     = 14.0
	gText      = 12.0
	gTitleChar = 0.62 * gTitle
	gTextChar  = 0.56 * gText
	gLineH     = 16.0
	gBoxPadX   = 10.0
	gEdgeLineH = 13.0
)

// box is what one node of the graph shows.
type box struct {
	title string
	lines []string
	util  float64 // the higher of workers and CPU; < 0: not a service
	class string  // service, queue, clients
	lvl   level
}

// graphSVG draws spec's service graph with run's figures: each service's
// box coloured by its utilisation level, with its capacity, throughput
// and utilisations; queues with their backlog; the calls as arrows
// (dashed when they only degrade, red when calls failed).
func graphSVG(spec *lang.Spec, run *simulate.Report, id string) template.HTML {
	g := graph.New(spec)
	boxes := map[string]box{}
	width := 150.0
	for _, n := range g.Nodes {
		b := nodeBox(n, run)
		boxes[n.ID] = b
		width = max(width, textWidth(b.title, gTitleChar)+2*gBoxPadX)
		for _, ln := range b.lines {
			width = max(width, textWidth(ln, gTextChar)+2*gBoxPadX)
		}
	}
	width = min(width, 260)
	l := layoutGraph(g, width, 34+3*gLineH)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="graph" role="img" aria-label="Service graph of %s" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" xmlns="http://www.w3.org/2000/svg">`,
		html.EscapeString(spec.Project), l.w, l.h, l.w, l.h)
	sb.WriteString(`<style>` + graphCSS + `</style><defs>`)
	for _, m := range arrowColors {
		fmt.Fprintf(&sb, `<marker id="%s-%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>`, id, m.name, m.fill)
	}
	sb.WriteString(`</defs>`)
	ports := edgePorts(l)
	for _, e := range l.edges {
		writeEdge(&sb, l, e, ports[e], run, id)
	}
	for _, n := range l.nodes {
		writeBox(&sb, n, l, boxes[n.n.ID])
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

func textWidth(s string, char float64) float64 { return float64(len([]rune(s))) * char }

// nodeBox gathers the text of one node.
func nodeBox(n *graph.Node, run *simulate.Report) box {
	b := box{title: n.Name, util: -1, class: string(n.Kind)}
	switch n.Kind {
	case graph.NodeClients:
		if secs := measuredSeconds(run); run.Entry != nil && secs > 0 {
			b.lines = append(b.lines, "offered "+fmtRate(float64(run.Entry.Arrivals)/secs))
		}
	case graph.NodeQueue:
		b.lines = append(b.lines, n.Details...)
		if q := queueSummary(run, n.Name); q != "" {
			b.lines = append(b.lines, q)
		}
	case graph.NodeService:
		if len(n.Details) > 0 {
			b.lines = append(b.lines, n.Details[0])
		}
		m := run.Services[n.Name]
		if m == nil {
			break
		}
		tp := fmtRate(m.Throughput)
		if m.ErrorRate > 0 {
			tp += " · " + fmtPct(m.ErrorRate) + " errors"
		}
		b.lines = append(b.lines, tp)
		u := "workers " + fmtPct(m.Utilization)
		if m.CPUUtilization > 0 {
			u += " · cpu " + fmtPct(m.CPUUtilization)
		}
		b.lines = append(b.lines, u)
		b.util = max(clamp01(m.Utilization), clamp01(m.CPUUtilization))
		b.lvl = levelOf(b.util)
	}
	if len(b.lines) > 3 {
		b.lines = b.lines[:3]
	}
	return b
}

// queueSummary is "backlog max 5 · lag p99 83 ms" over the queue's
// subscriptions.
func queueSummary(run *simulate.Report, name string) string {
	var backlog int64
	lag := -1.0
	for k, q := range run.Queues {
		if k == name || strings.HasPrefix(k, name+"/") {
			backlog = max(backlog, q.Backlog.Max)
			lag = max(lag, q.Lag.P99)
		}
	}
	if lag < 0 {
		return ""
	}
	return fmt.Sprintf("backlog max %d · lag p99 %s", backlog, fmtLatency(lag))
}

func writeBox(sb *strings.Builder, n *gnode, l *glayout, b box) {
	cls := "node " + b.class
	if b.util >= 0 {
		cls += " " + b.lvl.class()
	}
	rx := 6.0
	if b.class != string(graph.NodeService) {
		rx = l.boxH / 2.4
	}
	fmt.Fprintf(sb, `<g class="%s"><title>%s</title>`, cls, html.EscapeString(b.title))
	fmt.Fprintf(sb, `<rect class="box" x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="%.1f"/>`, n.x, n.y, l.boxW, l.boxH, rx)
	x := n.x + gBoxPadX
	if b.class != string(graph.NodeService) {
		x = n.x + l.boxW/2
	}
	anchor := map[bool]string{true: "start", false: "middle"}[b.class == string(graph.NodeService)]
	y := n.y + 18
	fmt.Fprintf(sb, `<text class="title" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, x, y, anchor, html.EscapeString(b.title))
	for _, ln := range b.lines {
		y += gLineH
		fmt.Fprintf(sb, `<text x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, x, y, anchor, html.EscapeString(ln))
	}
	if b.util >= 0 {
		w := l.boxW - 2*gBoxPadX
		fmt.Fprintf(sb, `<rect class="track" x="%.1f" y="%.1f" width="%.1f" height="4" rx="2"/>`, x, n.y+l.boxH-9, w)
		fmt.Fprintf(sb, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="4" rx="2"/>`, x, n.y+l.boxH-9, max(2, w*b.util))
	}
	sb.WriteString(`</g>`)
}
