package graph

// Colours of the statuses, shared by both renderers (GitHub's palette).
var statusColor = map[Status]string{
	StatusAdded:   "#2da44e",
	StatusRemoved: "#cf222e",
	StatusChanged: "#bf8700",
}

// statusFill is the node fill of a status in Mermaid.
var statusFill = map[Status]string{
	StatusAdded:   "#dafbe1",
	StatusRemoved: "#ffebe9",
	StatusChanged: "#fff8c5",
}

// statuses in drawing order.
var statuses = []Status{StatusAdded, StatusRemoved, StatusChanged}

// dashed reports whether an edge is drawn dashed: a call that only
// degrades, or an element that is gone.
func (e *Edge) dashed() bool { return e.Optional || e.Status == StatusRemoved }

// async reports whether an edge is a queue's (drawn dotted).
func (e *Edge) async() bool { return e.Kind == EdgePublish || e.Kind == EdgeConsume }
