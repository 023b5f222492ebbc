package hugeheap

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestSelected(t *testing.T) {
	tests := map[string]string{
		"always [madvise] never\n":                "madvise",
		"[always] madvise never":                  "always",
		"always madvise [never]":                  "never",
		"always defer defer+madvise [madvise] no": "madvise",
		"":        "",
		"madvise": "",
	}
	for line, want := range tests {
		if got := selected(line); got != want {
			t.Errorf("selected(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestReserveAdvisesTheNextHeap checks the effect that matters: after
// reserve, memory the program allocates next lies in a mapping the kernel
// has marked for huge pages ("hg" in /proc/self/smaps). The allocation is
// larger than any free gap the heap of a test binary has below the freed
// block, so it ends inside the block, whose whole huge pages were advised.
func TestReserveAdvisesTheNextHeap(t *testing.T) {
	if !advisable() {
		t.Skipf("the kernel's transparent huge page mode is not madvise (%s); ForSource rightly does nothing", modeFile)
	}
	if !reserve(minSize) {
		t.Fatal("reserve did not advise, with the kernel in madvise mode")
	}
	next := make([]byte, 16<<20)
	last := &next[len(next)-1]
	*last = 1
	addr := uintptr(unsafe.Pointer(last))
	flags, ok := vmFlags(t, addr)
	if !ok {
		t.Fatalf("no mapping holds %#x in /proc/self/smaps", addr)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping of a new allocation (%#x) has VmFlags %q, without hg: the heap was not advised", addr, flags)
	}
}

// vmFlags returns the VmFlags line of the mapping that holds addr.
func vmFlags(t *testing.T, addr uintptr) (string, bool) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), true
		}
	}
	return "", false
}

// mappingRange parses the "lo-hi perms ..." header line of a mapping.
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	field, _, _ := strings.Cut(line, " ")
	a, b, found := strings.Cut(field, "-")
	if !found {
		return 0, 0, false
	}
	l, err1 := strconv.ParseUint(a, 16, 64)
	h, err2 := strconv.ParseUint(b, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(l), uintptr(h), true
}

func TestForSourceReservesOnce(t *testing.T) {
	defer allowed.Store(false)
	Allow(func(string) string { return "" })
	if got, want := ForSource(MinSource), advisable(); got != want {
		t.Errorf("ForSource(MinSource) = %v, with the kernel's mode advisable = %v", got, want)
	}
	if ForSource(MinSource) {
		t.Error("ForSource reserved a second time in one process")
	}
}
