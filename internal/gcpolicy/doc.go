// Package gcpolicy owns the garbage-collector setting of the berth command
// and nothing else, so that the command and the benchmarks that report its
// effect share one definition.
//
// berth is a short-lived process that allocates most of what it ever
// allocates while it parses and checks a spec, then exits. At the
// runtime's default (GOGC=100) the collector runs many times during that
// burst: on a generated spec of 1,000 services it took about a quarter of
// the CPU, and it slowed the parser further through mark assists. The
// command therefore collects less often (Percent) and caps the heap with a
// soft limit (MemoryLimit) so that the larger growth factor cannot run
// away on a large live heap. Other Go command-line tools make the same
// trade more boldly (esbuild turns the collector off for a one-shot
// build). The library packages never change the setting, only cmd/berth
// does, and GOGC or GOMEMLIMIT in the environment always win.
package gcpolicy
