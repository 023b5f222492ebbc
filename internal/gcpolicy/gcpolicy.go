package gcpolicy

import "runtime/debug"

// Percent is the GOGC value of the berth command: the heap may grow to
// five times the live data before a collection, instead of twice. A
// 1,000-service spec then loads with a peak heap of about 40–50 MB
// instead of 22 MB, with about a third less CPU (BenchmarkLoad1000, in
// process).
//
// A fresh process pays for every new page of heap it touches (faults and
// zeroing), which the in-process benchmark, reusing its heap, does not
// see. With 4 KiB pages that cost made GOGC 200 the fastest setting for
// the command; since the command backs the heap of a large load with huge
// pages (internal/hugeheap), the cost is small and 400 is fastest too.
// `berth validate` of 1,000 services as a fresh process, 12 interleaved
// runs each (2026-11-26, load 2): GOGC 200 0.13/0.160/0.47 s wall,
// 0.215 s CPU, 63 MB RSS; 300 0.12/0.150/0.19 s, 0.205 s; 400
// 0.12/0.140/0.20 s, 0.190 s, 70 MB. Without huge pages
// (GODEBUG=disablethp=1) 200 is still the fastest (0.245 s against
// 0.255 s at 400), by 4 %.
const Percent = 400

// MemoryLimit is the soft memory limit of the berth command (1 GiB). Below
// about 200 MB of live heap it never binds and Percent paces the collector;
// above that the limit does, so the heap stays near 1 GiB instead of five
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
