// Package report writes the HTML report of a simulation: one
// self-contained page (inline CSS, inline SVG, no script, no external
// asset) built from a simulate.Result and the lang.Spec it ran.
//
// The page opens with the verdicts of every expect and slo bound, then
// gives each run (a load, or a scenario) its own section: headline
// figures, the entry's latency percentiles and its traffic over time and
// the replicas in rotation (when they changed), with the run's fault events
// marked on each, the service graph coloured by utilisation, the
// utilisation of each service, and tables of the services, queues, links
// and events.
//
// The time-series and bar charts are drawn with gonum.org/v1/plot into
// SVG (vg/vgsvg). The service graph is laid out here (layers by call
// depth from the clients, see layout.go) and written as SVG directly,
// from the nodes and edges of lang/graph.
//
// The package reads the model and the result only. simulate must not
// import it.
package report
