package gcpolicy

import "runtime/debug"

// Percent is the GOGC value of the berth command: the heap may grow to five
// times the live data before a collection, instead of twice. A 1,000-service
// spec then loads with a peak heap of about 60 MB instead of 30 MB.
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
