// Package graph owns the service/link graph of a berth spec and its two
// drawings, Graphviz DOT and Mermaid.
//
// New builds a Graph from a *lang.Spec: one node per service (labelled with
// replicas × workers and the fan-out of each endpoint), one per queue, and
// one for the clients when the spec declares loads; one edge per
// caller → callee link (labelled with its timeout, retries and breaker,
// dashed when every call over it degrades instead of failing), per
// publish and per consume. Nodes and edges are sorted, so a drawing is
// deterministic and diffs cleanly.
//
// Every node and edge carries a Status. New leaves it empty; Merge of an
// old and a new graph marks what was added, removed or changed, and the
// renderers draw those in colour (DOT) or with classDef/linkStyle
// (Mermaid), which is what `berth diff` shows in a pull request.
//
// The package reads the model only; it imports lang and nothing else of
// berth.
package graph
