package hugeheap

import (
	"os"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

const modeFile = "/sys/kernel/mm/transparent_hugepage/enabled"

// advisable reports whether the kernel gives huge pages only to memory
// advised for them ("[madvise]" is the selected mode).
func advisable() bool {
	mode, err := os.ReadFile(modeFile)
	return err == nil && selected(string(mode)) == "madvise"
}

// selected returns the bracketed word of a sysfs mode line such as
// "always [madvise] never".
func selected(line string) string {
	_, rest, ok := strings.Cut(line, "[")
	if !ok {
		return ""
	}
	word, _, _ := strings.Cut(rest, "]")
	return word
}

// hugePage is the huge page size on the architectures Go supports with
// THP (x86-64 and arm64 with 4 KiB base pages).
const hugePage = 2 << 20

// advise marks the whole huge pages inside block as MADV_HUGEPAGE.
func advise(block []byte) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	begin := (start + hugePage - 1) &^ (hugePage - 1)
	end := (start + uintptr(len(block))) &^ (hugePage - 1)
	if end <= begin {
		return false
	}
	return unix.Madvise(block[begin-start:end-start], unix.MADV_HUGEPAGE) == nil
}
