// Package simulate runs a lang.Spec through a discrete-event load simulator:
// its own event engine (integer nanosecond time, a heap of plain event
// structs, pooled requests), models of replicas, calls, resilience policies,
// queues and faults, and a Report of metrics and SLO verdicts. It never
// imports backends.
package simulate
