package graph

import (
	"fmt"
	"sort"
	"strings"

	"github.com/berth-dev/berth/lang"
)

// New builds the graph of spec. It reads the spec only. Calls, publishes and
// consumes that name something the spec does not declare still get an edge,
// to a node marked "undeclared", so a spec with errors can be drawn too.
func New(spec *lang.Spec) *Graph {
	b := &builder{g: &Graph{Name: spec.Project}, nodes: map[string]*Node{}, edges: map[EdgeKey]*edgeAcc{}}
	for _, s := range spec.SortedServices() {
		b.addService(s)
	}
	for _, q := range spec.SortedQueues() {
		b.addNode(&Node{ID: QueueID(q.Name), Kind: NodeQueue, Name: q.Name, Details: queueDetails(q), Range: q.DeclRange})
	}
	b.addLoads(spec.SortedLoads())
	for _, s := range spec.SortedServices() {
		b.addFlows(s)
	}
	for _, l := range spec.SortedLinks() {
		b.call(l.From, l.To).link = l
	}
	b.finish()
	b.g.sort()
	return b.g
}

type builder struct {
	g     *Graph
	nodes map[string]*Node
	edges map[EdgeKey]*edgeAcc
}

// edgeAcc gathers what makes one edge before its label is written.
type edgeAcc struct {
	edge  *Edge
	link  *lang.Link
	calls []*lang.Call
	pubs  []*lang.Publish
	cons  []*lang.Consume
	loads []*lang.Load
}

func (b *builder) addNode(n *Node) {
	b.nodes[n.ID] = n
	b.g.Nodes = append(b.g.Nodes, n)
}

// ensure returns the node id, adding an undeclared placeholder when missing.
func (b *builder) ensure(id string, kind NodeKind, name string) {
	if b.nodes[id] == nil {
		b.addNode(&Node{ID: id, Kind: kind, Name: name, Details: []string{"undeclared"}})
	}
}

func (b *builder) edge(from, to string, kind EdgeKind) *edgeAcc {
	k := EdgeKey{from, to, kind}
	if a := b.edges[k]; a != nil {
		return a
	}
	a := &edgeAcc{edge: &Edge{From: from, To: to, Kind: kind}}
	b.edges[k] = a
	b.g.Edges = append(b.g.Edges, a.edge)
	return a
}

func (b *builder) call(from, to string) *edgeAcc {
	b.ensure(ServiceID(from), NodeService, from)
	b.ensure(ServiceID(to), NodeService, to)
	return b.edge(ServiceID(from), ServiceID(to), EdgeCall)
}

func (b *builder) addService(s *lang.Service) {
	b.addNode(&Node{ID: ServiceID(s.Name), Kind: NodeService, Name: s.Name, Details: serviceDetails(s), Range: s.DeclRange})
}

func (b *builder) addLoads(loads []*lang.Load) {
	if len(loads) == 0 {
		return
	}
	b.addNode(&Node{ID: ClientsID, Kind: NodeClients, Name: "clients"})
	for _, l := range loads {
		b.ensure(ServiceID(l.Entry.Service), NodeService, l.Entry.Service)
		a := b.edge(ClientsID, ServiceID(l.Entry.Service), EdgeEntry)
		a.loads = append(a.loads, l)
	}
}

// addFlows adds the call and publish edges of s's endpoints and the
// consume edges of its queues.
func (b *builder) addFlows(s *lang.Service) {
	for _, ep := range s.Endpoints {
		ep.Flow.Walk(func(st *lang.Step) {
			switch {
			case st.Kind == lang.StepCall && st.Call != nil:
				a := b.call(s.Name, st.Call.Service)
				a.calls = append(a.calls, st.Call)
			case st.Kind == lang.StepPublish && st.Publish != nil:
				b.ensure(QueueID(st.Publish.Queue), NodeQueue, st.Publish.Queue)
				a := b.edge(ServiceID(s.Name), QueueID(st.Publish.Queue), EdgePublish)
				a.pubs = append(a.pubs, st.Publish)
			}
		})
	}
	for _, c := range s.Consumes {
		b.ensure(QueueID(c.Queue), NodeQueue, c.Queue)
		a := b.edge(QueueID(c.Queue), ServiceID(s.Name), EdgeConsume)
		a.cons = append(a.cons, c)
	}
}

// finish writes every edge's label, flags and range.
func (b *builder) finish() {
	for _, a := range b.edges {
		e := a.edge
		switch e.Kind {
		case EdgeCall:
			e.Label, e.Optional, e.Implicit = callLabel(a.link, a.calls)
			if a.link != nil && !a.link.Implicit {
				e.Range = a.link.DeclRange
			} else if len(a.calls) > 0 {
				e.Range = a.calls[0].DeclRange
			}
		case EdgePublish:
			e.Label, e.Optional = publishLabel(a.pubs)
			e.Range = a.pubs[0].DeclRange
		case EdgeConsume:
			e.Label = consumeLabel(a.cons)
			e.Range = a.cons[0].DeclRange
		case EdgeEntry:
			e.Label = entryLabel(a.loads)
			e.Range = a.loads[0].DeclRange
		}
	}
}

func serviceDetails(s *lang.Service) []string {
	cap := fmt.Sprintf("%d × %d workers", s.Replicas, s.Capacity.Workers)
	if s.Capacity.Workers == 1 {
		cap = fmt.Sprintf("%d × 1 worker", s.Replicas)
	}
	if s.Capacity.Model == lang.ModelAsync {
		cap += ", async"
	}
	out := []string{cap}
	if s.Image != "" {
		out = append(out, "image "+s.Image)
	}
	for _, ep := range s.Endpoints {
		f := flowText(ep.Flow)
		switch {
		case f != "":
			out = append(out, ep.Name+": "+f)
		case len(s.Endpoints) > 1:
			out = append(out, ep.Name)
		}
		// A sole endpoint that only does local work (the implicit one of
		// a service without endpoint blocks) adds nothing to the drawing.
	}
	return out
}

func queueDetails(q *lang.Queue) []string {
	kind := q.Kind
	if kind == "" {
		kind = lang.QueueRabbitMQ
	}
	d := kind
	if q.Partitions > 1 || q.Kind == lang.QueueKafka {
		d += fmt.Sprintf(", %d partitions", q.Partitions)
	}
	if q.Capacity > 0 {
		d += fmt.Sprintf(", capacity %d", q.Capacity)
	}
	return []string{d}
}

// uniqueSorted returns the distinct non-empty strings of in, sorted.
func uniqueSorted(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
