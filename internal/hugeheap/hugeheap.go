package hugeheap

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// MinSource is the smallest spec, in bytes of source, whose load gets
// huge pages. Reserving costs a few milliseconds (a 64 MiB allocation and
// one collection), and a page fault on a 2 MiB page zeroes all of it, so
// a small spec, whose load touches a few megabytes, is better off
// without: `berth validate examples/shop` took 10 ms longer with huge
// pages. A 1,000-service spec is about 290 KB.
const MinSource = 64 << 10

// minSize is the least Reserve asks for: above the peak heap of a
// 1,000-service spec's load at the command's GOGC (about 45 MB). Memory
// the program never touches costs nothing; a touched 2 MiB page is
// resident as a whole.
const minSize = 64 << 20

// maxSize caps the reservation well below the command's soft memory
// limit (1 GiB, internal/gcpolicy): the block counts as live heap until
// it is freed, and a block near the limit would make the runtime collect
// and return memory to the system eagerly. A larger load runs on in
// ordinary pages past the reserved range.
const maxSize = 256 << 20

// perSourceByte is how many bytes of heap reservation a byte of spec
// source asks for, from the peak heap of loading and planning generated
// specs (about 150 times their source).
const perSourceByte = 200

var (
	allowed atomic.Bool
	once    sync.Once
)

// Allow lets ForSource act in this process, unless GODEBUG (looked up
// with getenv) sets disablethp=1, the Go runtime's own switch against huge
// pages on the heap. Only cmd/berth calls it, so that tests and other
// programs that load specs in process are never affected.
func Allow(getenv func(string) string) {
	allowed.Store(!disabled(getenv("GODEBUG")))
}

// ForSource asks for huge pages on the heap that loading n bytes of spec
// source will use, once per process, when Allow allowed it, n is at least
// MinSource and the system can use the advice. It reports whether it did.
func ForSource(n int64) bool {
	if !allowed.Load() || n < MinSource {
		return false
	}
	did := false
	once.Do(func() { did = advisable() && reserve(sizeFor(n)) })
	return did
}

// sizeFor is the reservation for n bytes of source.
func sizeFor(n int64) int {
	return int(min(max(n*perSourceByte, minSize), maxSize))
}

// reserve allocates a block of size bytes, advises its whole huge pages,
// and frees it with one collection, so that the runtime, which hands out
// the lowest free pages first, places the next allocations in it.
func reserve(size int) bool {
	block := make([]byte, size)
	if !advise(block) {
		return false
	}
	runtime.KeepAlive(block)
	block = nil
	runtime.GC()
	return true
}

// disabled reports whether a GODEBUG value sets disablethp=1.
func disabled(godebug string) bool {
	disable := false
	for _, kv := range strings.Split(godebug, ",") {
		if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && k == "disablethp" {
			disable = v == "1" // the last setting wins, as in the runtime
		}
	}
	return disable
}
