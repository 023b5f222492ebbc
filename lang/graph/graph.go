package graph

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// Status marks a node or edge in a merged (diff) graph.
type Status string

// Statuses. The zero value is an unchanged (or plain) element.
const (
	StatusSame    Status = ""
	StatusAdded   Status = "added"
	StatusRemoved Status = "removed"
	StatusChanged Status = "changed"
)

// NodeKind is the kind of a Node.
type NodeKind string

// Node kinds, in drawing order.
const (
	NodeClients NodeKind = "clients" // where the loads come from
	NodeService NodeKind = "service"
	NodeQueue   NodeKind = "queue"
)

var nodeKindOrder = map[NodeKind]int{NodeClients: 0, NodeService: 1, NodeQueue: 2}

// Node is a service, a queue or the clients.
type Node struct {
	// ID is unique and stable across specs ("service.orders",
	// "queue.order-events", "clients"), so two graphs can be merged.
	ID   string
	Kind NodeKind
	Name string
	// Details are the lines drawn under the name: capacity, endpoints'
	// fan-out, queue kind.
	Details []string
	// Hint is a last line a review adds to a merged graph: a likely
	// rename (HintRename).
	Hint   string
	Status Status
	Range  hcl.Range
}

// EdgeKind is the kind of an Edge.
type EdgeKind string

// Edge kinds.
const (
	EdgeCall    EdgeKind = "call"    // synchronous caller → callee
	EdgePublish EdgeKind = "publish" // service → queue
	EdgeConsume EdgeKind = "consume" // queue → consuming service
	EdgeEntry   EdgeKind = "entry"   // clients → the service a load enters
)

// Edge joins two nodes by ID.
type Edge struct {
	From, To string
	Kind     EdgeKind
	// Label is the text drawn on the edge: the link's policy for a call
	// ("300ms ×3 cb"), the loads for an entry edge.
	Label string
	// Optional is true when every call over the edge degrades instead of
	// failing (a fallback) or happens only sometimes (probability < 1); it
	// is drawn dashed.
	Optional bool
	// Implicit is true for a call with no link block (default policies).
	Implicit bool
	Status   Status
	Range    hcl.Range
}

// EdgeKey identifies an edge.
type EdgeKey struct {
	From, To string
	Kind     EdgeKind
}

// Key returns the edge's identity.
func (e *Edge) Key() EdgeKey { return EdgeKey{e.From, e.To, e.Kind} }

// Graph is a set of nodes and the edges between them, both sorted.
type Graph struct {
	Name  string // the project; the DOT graph's name
	Nodes []*Node
	Edges []*Edge
}

// Node returns the node with id, or nil.
func (g *Graph) Node(id string) *Node {
	for _, n := range g.Nodes {
		if n.ID == id {
			return n
		}
	}
	return nil
}

// Edge returns the edge from → to of kind, or nil.
func (g *Graph) Edge(from, to string, kind EdgeKind) *Edge {
	for _, e := range g.Edges {
		if e.Key() == (EdgeKey{from, to, kind}) {
			return e
		}
	}
	return nil
}

// sort orders nodes by kind then name, and edges by from, to, kind.
func (g *Graph) sort() {
	sort.SliceStable(g.Nodes, func(i, j int) bool {
		a, b := g.Nodes[i], g.Nodes[j]
		if a.Kind != b.Kind {
			return nodeKindOrder[a.Kind] < nodeKindOrder[b.Kind]
		}
		return a.Name < b.Name
	})
	sort.SliceStable(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Kind < b.Kind
	})
}

// ServiceID returns the node ID of a service.
func ServiceID(name string) string { return "service." + name }

// QueueID returns the node ID of a queue.
func QueueID(name string) string { return "queue." + name }

// ClientsID is the node ID of the clients.
const ClientsID = "clients"
