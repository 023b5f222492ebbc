// Package review compares two specs, the OLD and the NEW side of a change,
// the way a reviewer would: what changed in the architecture, what the
// change does to latency, errors, throughput and cost under the declared
// loads and scenarios, and which risks the NEW side carries. It is what
// `berth diff` prints, as one markdown pull-request comment or as JSON.
//
// The structural diff is generic (resources.go, flatten.go, diff.go):
// every block of a spec (berth, service, link, queue, load, scenario, slo,
// network, volume, secret, config) becomes a resource with an address and
// a flat map of attributes (planner.Attrs), made by walking the typed
// model by reflection; two maps are compared key by key by
// planner.DiffAttrs (the comparison reconcile makes) and each difference
// becomes a planner.Reason, in the plan's vocabulary (create, update,
// delete). Nothing is written per block type except how a flow is spelled.
//
// The simulated deltas (deltas.go) run every load and scenario of both
// sides with the same seeds and replications; a difference is significant
// only when the two 95 % confidence intervals do not overlap.
//
// The findings (findings*.go) are risks on the NEW side, each with the
// source range of the attribute or block to change. A finding is new when
// the OLD side does not have it (same kind, same subject). See
// findings.go for the list and for what "critical" means.
//
// Review is one structure; Markdown and JSON both render it.
package review
