// Package loadgen sends a spec's load to a deployed stack for real and
// measures it in the simulator's terms, so a measurement and a prediction
// compare metric by metric (`berth loadtest`, `berth compare`).
//
// It is an open-loop generator: arrival times come from the lang.Load
// (Poisson, constant or bursty arrivals following its rate profile) and
// never wait for answers, so a slow system sees the load a real crowd of
// clients would send, not a load that politely slows down with it. A cap
// on requests in flight keeps the generator itself bounded; arrivals that
// find the cap reached are dropped and counted, never delayed.
//
// Results come as simulate.Metrics (throughput, error and degraded rates,
// latency mean and percentiles from a simulate/hist histogram, a time
// series), for the entry and, when the stack is emulated, per service from
// the call tree every emulator response carries.
//
// Traffic goes to 127.0.0.1 only: CheckTarget refuses any other host, and
// the HTTP client's dialer refuses any other address, redirects included.
//
// Around the generator it holds what `berth loadtest` and `berth compare`
// decide, so the CLI only parses flags and renders: which load and which
// cases apply (PickLoad), the verdicts on a measurement by the simulator's
// rules (Judge), the simulation of the load as it was sent (Replay) and
// the comparison of the two, metric by metric (Comparison).
//
// The package also owns the calibration probe (`berth calibrate`): a
// two-service emulated project whose zero-work call chain, timed against a
// direct call, gives the network and HTTP cost of one hop.
//
// Files: target.go (the loopback rule, the default target), schedule.go
// (arrival times), options.go, run.go (the generator), record.go (what
// is measured), progress.go (the running counts), services.go (per-service counts from response trees),
// result.go, ready.go (waiting for the target, the round trip), pick.go
// (the load and its cases), judge.go (verdicts on a measurement),
// replay.go (the simulation of a measured test), compare.go and
// compare_metrics.go (measured beside simulated), stats.go (the
// emulator's counters over a test), probe.go (the calibration project),
// calibrate.go (the hop cost).
package loadgen
