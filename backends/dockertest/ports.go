package dockertest

import (
	"testing"

	"github.com/berth-dev/berth/internal/freeport"
)

// FreePortRange returns the first of n consecutive TCP ports free on
// 127.0.0.1 now, for a test that publishes replicas' ports there: below
// the kernel's ephemeral range, at random, never twice in one test binary
// (internal/freeport says why).
func FreePortRange(t testing.TB, n int) int {
	t.Helper()
	base, err := freeport.Range(n)
	if err != nil {
		t.Fatal(err)
	}
	return base
}

// FreePort returns one such port.
func FreePort(t testing.TB) int {
	t.Helper()
	return FreePortRange(t, 1)
}
