// Package whatif answers capacity questions by simulation: what is the
// cheapest capacity (replicas, workers, cpus per service) that keeps every
// expect and slo of a spec under a load or scenario, and at which load
// multiplier does a spec start to fail them.
//
// The search treats replicas, workers and cpus as monotone (more never
// hurts) and the load multiplier as anti-monotone; queue is swept, since a
// deeper queue trades rejections for latency (dominance compares only
// configurations with the same queue, and bisection never runs along it).
// It prunes with the analytic offered load (a configuration where some
// service's certain utilisation ρ is at least 1 fails without being
// simulated), skips configurations that a known result decides by
// dominance, and bisects along the largest dimension for every
// combination of the others, all lines at once, so that each round's
// simulations run in parallel on all cores.
//
// Cost (cost.go) is Σ replicas × (cpus + memory weight × GiB). Result
// holds every tried configuration with its verdict, the cheapest passing
// one and the Pareto front of cost against p99 and error rate; edit.go
// writes the change as a unified diff of the spec files, edited with
// hclwrite so that formatting and comments survive; chart.go draws p99 and
// the error rate against the varied dimension, with the SLO lines.
//
// The analytic offered load (offered.go, propagate.go) is shared with
// simulate/review, whose risk findings use it when there is no simulation.
package whatif
