package gcpolicy

import "runtime/debug"

// Percent is the GOGC value of the berth command: the heap may grow to
// three times the live data before a collection, instead of twice. A
// 1,000-service spec then loads with a peak heap of about 35 MB instead of
// 22 MB, in about 45 ms instead of 80 (BenchmarkLoad1000, in process).
//
// Higher is not better for the command: a fresh process pays for every new
// page of heap it touches (faults and zeroing), which the in-process
// benchmark, reusing its heap, does not see. `berth validate` of 1,000
// services as a fresh process, 20 interleaved runs each (2026-11-25, load
// 6–9): GOGC 100 0.12/0.13/0.15 s wall, 0.19 s CPU, 39 MB RSS; 200
// 0.11/0.13/0.16 s, 0.19 s CPU, 42 MB; 400 0.12/0.14/0.17 s, 0.22 s CPU,
// 50 MB. 200 is as fast as the default in the command and as fast as 400
// in process.
const Percent = 200

// MemoryLimit is the soft memory limit of the berth command (1 GiB). Below
// about 340 MB of live heap it never binds and Percent paces the collector;
// above that the limit does, so the heap stays near 1 GiB instead of three
// times the live data. A process whose live heap approaches the limit
// collects often (the runtime caps that at about half the CPU): set
// GOMEMLIMIT or GOGC to choose otherwise.
const MemoryLimit = 1 << 30

// Apply sets Percent and MemoryLimit, unless the environment (looked up
// with getenv) sets GOGC or GOMEMLIMIT: then the runtime already follows
// the user's choice and Apply changes nothing. It returns a function that
// restores the previous settings.
func Apply(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	return Set()
}

// Set sets Percent and MemoryLimit whatever the environment says, and
// returns a function that restores the previous settings. Benchmarks use
// it to measure what the command does.
func Set() (restore func()) {
	percent := debug.SetGCPercent(Percent)
	limit := debug.SetMemoryLimit(MemoryLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
