package report

import (
	"sort"

	"github.com/berth-dev/berth/lang/graph"
)

// The service graph is drawn left to right in layers, Sugiyama-style but
// small: each node's layer is its longest call path from a node nothing
// calls (the clients, when the spec declares a load), nodes within a layer
// are ordered by the mean position of their neighbours to cut crossings,
// and each layer is centred vertically. Cycles (possible through queues)
// are broken by ignoring the edges that close them when layering.

// gnode is a node of the drawing: its layer, its rank in the layer and
// the top-left corner of its box.
type gnode struct {
	n           *graph.Node
	layer, rank int
	x, y        float64
}

// glayout is a laid-out graph.
type glayout struct {
	nodes  []*gnode
	byID   map[string]*gnode
	edges  []*graph.Edge // those whose two ends exist
	layers [][]*gnode
	boxW   float64
	boxH   float64
	w, h   float64
}

// Spacing of the drawing, in SVG user units (px).
const (
	graphPad  = 16.0
	graphGapX = 100.0
	graphGapY = 26.0
)

// layoutGraph places g's nodes in boxes of boxW × boxH.
func layoutGraph(g *graph.Graph, boxW, boxH float64) *glayout {
	l := &glayout{byID: map[string]*gnode{}, boxW: boxW, boxH: boxH}
	for _, n := range g.Nodes {
		gn := &gnode{n: n}
		l.nodes = append(l.nodes, gn)
		l.byID[n.ID] = gn
	}
	for _, e := range g.Edges {
		if l.byID[e.From] != nil && l.byID[e.To] != nil && e.From != e.To {
			l.edges = append(l.edges, e)
		}
	}
	l.assignLayers()
	l.orderLayers()
	l.place()
	return l
}

// dagEdges returns the edges minus those that close a cycle (back edges
// of a depth-first search in node order).
func (l *glayout) dagEdges() []*graph.Edge {
	out := map[string][]*graph.Edge{}
	for _, e := range l.edges {
		out[e.From] = append(out[e.From], e)
	}
	const (
		white = iota
		grey
		black
	)
	state := map[string]int{}
	back := map[*graph.Edge]bool{}
	var visit func(id string)
	visit = func(id string) {
		state[id] = grey
		for _, e := range out[id] {
			switch state[e.To] {
			case grey:
				back[e] = true
			case white:
				visit(e.To)
			}
		}
		state[id] = black
	}
	for _, n := range l.nodes {
		if state[n.n.ID] == white {
			visit(n.n.ID)
		}
	}
	var dag []*graph.Edge
	for _, e := range l.edges {
		if !back[e] {
			dag = append(dag, e)
		}
	}
	return dag
}

// assignLayers gives each node its longest-path depth, then moves each
// source (a node without callers) next to its nearest callee.
func (l *glayout) assignLayers() {
	dag := l.dagEdges()
	indeg := map[string]int{}
	succ := map[string][]string{}
	for _, e := range dag {
		indeg[e.To]++
		succ[e.From] = append(succ[e.From], e.To)
	}
	var queue []string
	for _, n := range l.nodes {
		if indeg[n.n.ID] == 0 {
			queue = append(queue, n.n.ID)
		}
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, to := range succ[id] {
			l.byID[to].layer = max(l.byID[to].layer, l.byID[id].layer+1)
			if indeg[to]--; indeg[to] == 0 {
				queue = append(queue, to)
			}
		}
	}
	for _, n := range l.nodes {
		if len(succ[n.n.ID]) > 0 && !hasPred(dag, n.n.ID) {
			lowest := -1
			for _, to := range succ[n.n.ID] {
				if t := l.byID[to].layer; lowest < 0 || t < lowest {
					lowest = t
				}
			}
			n.layer = max(n.layer, lowest-1)
		}
	}
	depth := 0
	for _, n := range l.nodes {
		depth = max(depth, n.layer)
	}
	l.layers = make([][]*gnode, depth+1)
	for _, n := range l.nodes {
		n.rank = len(l.layers[n.layer])
		l.layers[n.layer] = append(l.layers[n.layer], n)
	}
}

func hasPred(edges []*graph.Edge, id string) bool {
	for _, e := range edges {
		if e.To == id {
			return true
		}
	}
	return false
}

// orderLayers sorts each layer by the mean rank of the node's neighbours
// in the previous layers (down sweeps) or the next (up sweeps).
func (l *glayout) orderLayers() {
	for range 3 {
		for i := 1; i < len(l.layers); i++ {
			l.sortLayer(i, func(e *graph.Edge) (string, string) { return e.To, e.From })
		}
		for i := len(l.layers) - 2; i >= 0; i-- {
			l.sortLayer(i, func(e *graph.Edge) (string, string) { return e.From, e.To })
		}
	}
	for i := 1; i < len(l.layers); i++ {
		l.sortLayer(i, func(e *graph.Edge) (string, string) { return e.To, e.From })
	}
}

// sortLayer reorders layer i by the barycentre of each node's neighbours,
// where ends(e) returns (this end, other end) of an edge. Neighbours in
// other layers count by their relative height, so layers of different
// sizes compare; a node without neighbours keeps its place.
func (l *glayout) sortLayer(i int, ends func(*graph.Edge) (string, string)) {
	layer := l.layers[i]
	key := make(map[*gnode]float64, len(layer))
	for _, n := range layer {
		sum, cnt := 0.0, 0
		for _, e := range l.edges {
			this, other := ends(e)
			if this != n.n.ID {
				continue
			}
			o := l.byID[other]
			sum += relRank(o, len(l.layers[o.layer]))
			cnt++
		}
		key[n] = relRank(n, len(layer))
		if cnt > 0 {
			key[n] = sum / float64(cnt)
		}
	}
	sort.SliceStable(layer, func(a, b int) bool { return key[layer[a]] < key[layer[b]] })
	for r, n := range layer {
		n.rank = r
	}
}

// relRank is a node's position in its layer as a fraction of its height.
func relRank(n *gnode, size int) float64 { return (float64(n.rank) + 0.5) / float64(size) }

// place sets the boxes' corners: a column per layer, each column centred
// on the tallest.
func (l *glayout) place() {
	tallest := 0
	for _, layer := range l.layers {
		tallest = max(tallest, len(layer))
	}
	rowH := l.boxH + graphGapY
	l.h = 2*graphPad + float64(tallest)*rowH - graphGapY
	l.w = 2*graphPad + float64(len(l.layers))*(l.boxW+graphGapX) - graphGapX
	for i, layer := range l.layers {
		off := float64(tallest-len(layer)) * rowH / 2
		for _, n := range layer {
			n.x = graphPad + float64(i)*(l.boxW+graphGapX)
			n.y = graphPad + off + float64(n.rank)*rowH
		}
	}
}
