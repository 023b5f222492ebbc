package graph

import "slices"

// Merge returns one graph holding the nodes and edges of both old and new,
// each marked: added (only in new), removed (only in old), changed (in
// both, drawn differently) or unchanged. Neither input is modified. This is
// the graph `berth diff` draws.
func Merge(old, new *Graph) *Graph {
	out := &Graph{Name: new.Name}
	oldNodes := map[string]*Node{}
	for _, n := range old.Nodes {
		oldNodes[n.ID] = n
	}
	for _, n := range new.Nodes {
		c := *n
		c.Status = StatusAdded
		if o := oldNodes[n.ID]; o != nil {
			c.Status = nodeStatus(o, n)
			delete(oldNodes, n.ID)
		}
		out.Nodes = append(out.Nodes, &c)
	}
	for _, n := range old.Nodes {
		if oldNodes[n.ID] != nil {
			c := *n
			c.Status = StatusRemoved
			out.Nodes = append(out.Nodes, &c)
		}
	}
	out.Edges = mergeEdges(old.Edges, new.Edges)
	out.sort()
	return out
}

func mergeEdges(old, new []*Edge) []*Edge {
	oldEdges := map[EdgeKey]*Edge{}
	for _, e := range old {
		oldEdges[e.Key()] = e
	}
	var out []*Edge
	for _, e := range new {
		c := *e
		c.Status = StatusAdded
		if o := oldEdges[e.Key()]; o != nil {
			c.Status = StatusSame
			if o.Label != e.Label || o.Optional != e.Optional || o.Implicit != e.Implicit {
				c.Status = StatusChanged
			}
			delete(oldEdges, e.Key())
		}
		out = append(out, &c)
	}
	for _, e := range old {
		if oldEdges[e.Key()] != nil {
			c := *e
			c.Status = StatusRemoved
			out = append(out, &c)
		}
	}
	return out
}

func nodeStatus(old, new *Node) Status {
	if old.Name != new.Name || old.Kind != new.Kind || !slices.Equal(old.Details, new.Details) {
		return StatusChanged
	}
	return StatusSame
}
