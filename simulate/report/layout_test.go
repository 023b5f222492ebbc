package report

import (
	"testing"

	"github.com/berth-dev/berth/lang/graph"
)

func testGraph(nodes []string, edges [][2]string) *graph.Graph {
	g := &graph.Graph{}
	for _, n := range nodes {
		g.Nodes = append(g.Nodes, &graph.Node{ID: n, Name: n, Kind: graph.NodeService})
	}
	for _, e := range edges {
		g.Edges = append(g.Edges, &graph.Edge{From: e[0], To: e[1], Kind: graph.EdgeCall})
	}
	return g
}

func TestLayoutLayersByLongestPath(t *testing.T) {
	g := testGraph([]string{"a", "b", "c", "d", "e", "lonely"},
		[][2]string{{"a", "b"}, {"b", "c"}, {"a", "c"}, {"e", "c"}, {"c", "d"}, {"a", "missing"}})
	l := layoutGraph(g, 100, 50)
	want := map[string]int{"a": 0, "b": 1, "c": 2, "d": 3, "e": 1, "lonely": 0}
	for id, layer := range want {
		if got := l.byID[id].layer; got != layer {
			t.Errorf("%s in layer %d, want %d", id, got, layer)
		}
	}
	if len(l.edges) != 5 {
		t.Errorf("%d edges drawn, want 5 (the one to a missing node is left out)", len(l.edges))
	}
	checkNoOverlap(t, l)
}

func TestLayoutSurvivesCycles(t *testing.T) {
	g := testGraph([]string{"a", "b", "c"}, [][2]string{{"a", "b"}, {"b", "c"}, {"c", "b"}, {"c", "a"}, {"b", "b"}})
	l := layoutGraph(g, 100, 50)
	if l.byID["a"].layer != 0 || l.byID["b"].layer != 1 || l.byID["c"].layer != 2 {
		t.Errorf("layers a=%d b=%d c=%d, want 0 1 2", l.byID["a"].layer, l.byID["b"].layer, l.byID["c"].layer)
	}
	checkNoOverlap(t, l)
}

func TestLayoutOrdersToAvoidCrossings(t *testing.T) {
	// a and b in layer 0; a's callee is listed after b's: the barycentre
	// puts them in the callers' order.
	g := testGraph([]string{"a", "b", "x", "y"}, [][2]string{{"a", "y"}, {"b", "x"}})
	l := layoutGraph(g, 100, 50)
	if (l.byID["a"].y < l.byID["b"].y) != (l.byID["y"].y < l.byID["x"].y) {
		t.Errorf("the edges a→y and b→x cross: a=%g b=%g x=%g y=%g", l.byID["a"].y, l.byID["b"].y, l.byID["x"].y, l.byID["y"].y)
	}
}

func checkNoOverlap(t *testing.T, l *glayout) {
	t.Helper()
	for i, a := range l.nodes {
		if a.x < 0 || a.y < 0 || a.x+l.boxW > l.w || a.y+l.boxH > l.h {
			t.Errorf("%s at (%g, %g) is outside the %g × %g drawing", a.n.ID, a.x, a.y, l.w, l.h)
		}
		for _, b := range l.nodes[i+1:] {
			if a.x < b.x+l.boxW && b.x < a.x+l.boxW && a.y < b.y+l.boxH && b.y < a.y+l.boxH {
				t.Errorf("boxes %s and %s overlap", a.n.ID, b.n.ID)
			}
		}
	}
}
