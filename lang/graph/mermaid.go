package graph

import (
	"fmt"
	"io"
	"strings"
)

// Mermaid returns the graph as a Mermaid flowchart (it renders in GitHub
// markdown inside a ```mermaid block).
func (g *Graph) Mermaid() string {
	var b strings.Builder
	_ = g.WriteMermaid(&b)
	return b.String()
}

// WriteMermaid writes the graph as a Mermaid flowchart.
func (g *Graph) WriteMermaid(w io.Writer) error {
	p := &printer{w: w}
	ids := mermaidIDs(g.Nodes)
	p.linef("flowchart LR")
	for _, n := range g.Nodes {
		p.linef("  %s", mermaidNode(ids[n.ID], n))
	}
	for _, e := range g.Edges {
		p.linef("  %s", mermaidEdge(ids, e))
	}
	for i, e := range g.Edges {
		if s := mermaidLinkStyle(e); s != "" {
			p.linef("  linkStyle %d %s", i, s)
		}
	}
	g.writeMermaidClasses(p, ids)
	return p.err
}

func mermaidNode(id string, n *Node) string {
	label := mermaidQuote(strings.Join(n.lines(), "\n"))
	switch n.Kind {
	case NodeClients:
		return id + "((" + label + "))"
	case NodeQueue:
		return id + ">" + label + "]"
	}
	return id + "(" + label + ")"
}

func mermaidEdge(ids map[string]string, e *Edge) string {
	arrow := "-->"
	if e.async() {
		arrow = "-.->"
	}
	if e.Label != "" {
		arrow += "|" + mermaidQuote(e.Label) + "|"
	}
	return ids[e.From] + " " + arrow + " " + ids[e.To]
}

// mermaidLinkStyle dashes optional calls and colours edges by status.
func mermaidLinkStyle(e *Edge) string {
	var parts []string
	if c := statusColor[e.Status]; c != "" {
		parts = append(parts, "stroke:"+c, "stroke-width:2px", "color:"+c)
	}
	if e.dashed() && !e.async() {
		parts = append(parts, "stroke-dasharray:6 4")
	}
	return strings.Join(parts, ",")
}

// writeMermaidClasses writes a classDef per status in use and assigns
// the nodes to it.
func (g *Graph) writeMermaidClasses(p *printer, ids map[string]string) {
	for _, st := range statuses {
		var members []string
		for _, n := range g.Nodes {
			if n.Status == st {
				members = append(members, ids[n.ID])
			}
		}
		if len(members) == 0 {
			continue
		}
		def := fmt.Sprintf("fill:%s,stroke:%s,stroke-width:2px", statusFill[st], statusColor[st])
		if st == StatusRemoved {
			def += ",stroke-dasharray:5 5"
		}
		p.linef("  classDef %s %s", st, def)
		p.linef("  class %s %s", strings.Join(members, ","), st)
	}
}

// mermaidIDs gives every node a readable Mermaid identifier: a kind prefix
// and the name with every character other than a letter or digit turned
// into "_" ("svc_users_db"). Names that collide get "_2", "_3", ... in
// node order, which is sorted, so the identifiers are deterministic.
func mermaidIDs(nodes []*Node) map[string]string {
	ids := map[string]string{}
	used := map[string]bool{}
	for _, n := range nodes {
		base := ClientsID
		switch n.Kind {
		case NodeService:
			base = "svc_" + sanitize(n.Name)
		case NodeQueue:
			base = "q_" + sanitize(n.Name)
		}
		id := base
		for i := 2; used[id]; i++ {
			id = fmt.Sprintf("%s_%d", base, i)
		}
		used[id] = true
		ids[n.ID] = id
	}
	return ids
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, s)
}

// mermaidQuote returns s as a Mermaid quoted label: quotes, angle
// brackets and the bar that ends an edge label become entity codes,
// newlines <br/>.
func mermaidQuote(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "|", "#124;", "\n", "<br/>")
	return `"` + r.Replace(s) + `"`
}
