package graph

import (
	"fmt"
	"io"
	"strings"
)

// DOT returns the graph in Graphviz's DOT language (`dot -Tsvg`).
func (g *Graph) DOT() string {
	var b strings.Builder
	_ = g.WriteDOT(&b)
	return b.String()
}

// WriteDOT writes the graph in Graphviz's DOT language.
func (g *Graph) WriteDOT(w io.Writer) error {
	p := &printer{w: w}
	p.linef("digraph %s {", dotQuote(g.Name))
	p.linef("  rankdir=LR;")
	p.linef(`  node [shape=box, style=rounded, fontname="Helvetica", fontsize=10];`)
	p.linef(`  edge [fontname="Helvetica", fontsize=9];`)
	for _, n := range g.Nodes {
		p.linef("  %s [%s];", dotQuote(n.ID), strings.Join(dotNodeAttrs(n), ", "))
	}
	for _, e := range g.Edges {
		attrs := dotEdgeAttrs(e)
		p.linef("  %s -> %s%s;", dotQuote(e.From), dotQuote(e.To), bracket(attrs))
	}
	p.linef("}")
	return p.err
}

func dotNodeAttrs(n *Node) []string {
	attrs := []string{"label=" + dotQuote(strings.Join(n.lines(), "\n"))}
	style := "rounded"
	switch n.Kind {
	case NodeClients:
		attrs = append(attrs, "shape=ellipse")
		style = ""
	case NodeQueue:
		attrs = append(attrs, "shape=cds")
		style = ""
	}
	if n.Status == StatusRemoved || isUndeclared(n) {
		style = joinNonEmpty(",", style, "dashed")
	}
	if style == "" {
		style = "solid"
	}
	if style != "rounded" {
		attrs = append(attrs, "style="+dotQuote(style))
	}
	if c := statusColor[n.Status]; c != "" {
		attrs = append(attrs, "color="+dotQuote(c), "fontcolor="+dotQuote(c), "penwidth=2")
	}
	return attrs
}

func dotEdgeAttrs(e *Edge) []string {
	var attrs []string
	if e.Label != "" {
		attrs = append(attrs, "label="+dotQuote(e.Label))
	}
	switch {
	case e.async():
		attrs = append(attrs, "style=dotted")
	case e.dashed():
		attrs = append(attrs, "style=dashed")
	}
	if c := statusColor[e.Status]; c != "" {
		attrs = append(attrs, "color="+dotQuote(c), "fontcolor="+dotQuote(c), "penwidth=2")
	}
	return attrs
}

func isUndeclared(n *Node) bool { return len(n.Details) == 1 && n.Details[0] == "undeclared" }

func bracket(attrs []string) string {
	if len(attrs) == 0 {
		return ""
	}
	return " [" + strings.Join(attrs, ", ") + "]"
}

// dotQuote returns s as a DOT double-quoted string; a newline becomes \n.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// printer writes lines and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) linef(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}
