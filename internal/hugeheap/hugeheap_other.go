//go:build !linux

package hugeheap

func advisable() bool          { return false }
func advise(block []byte) bool { return false }
