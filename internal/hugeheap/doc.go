// Package hugeheap owns one step of the berth command's memory policy:
// asking Linux to back the heap that loading a large spec will use with
// transparent huge pages, and nothing else.
//
// berth is a short-lived process that allocates most of what it ever
// allocates while it parses and checks a spec. Every new 4 KiB page of
// heap it touches costs a page fault, and in a virtual machine a fault is
// expensive: `berth validate` of a 1,000-service spec took about 10,000
// faults and 0.10 s of system time for 0.23 s of wall clock. Backed by
// 2 MiB pages the same command takes about 2,700 faults and 0.15 s
// (docs/benchmarks.md, Language).
//
// The Go runtime does not ask for huge pages on the heap itself (since Go
// 1.21.1 it leaves them to the kernel's policy), and most distributions
// set that policy to "madvise": huge pages only where a program asks. So
// ForSource asks: it allocates a block of at least 64 MiB, advises the
// kernel that its range may use huge pages (madvise MADV_HUGEPAGE, which
// changes no content), then frees the block with one collection of a
// nearly empty heap. The runtime hands out the freed range first, so the
// spec's parse lands in it.
//
// It does nothing where it cannot help: for a spec under MinSource, on
// other systems, where the kernel's policy is "always" (the heap already
// gets huge pages) or "never", and when GODEBUG=disablethp=1 asks the Go
// runtime itself not to use huge pages. Only the berth command enables it
// (Allow), never a library or a test that loads specs in process.
package hugeheap
