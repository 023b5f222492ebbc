package dockertest

import (
	"fmt"
	"net"
	"testing"
	"time"
)

// FreePortRange returns the first of n consecutive TCP ports free on
// 127.0.0.1 now, for a test that publishes replicas' ports there. Starting
// points vary with the clock, so tests of packages run in parallel rarely
// race for the same range.
func FreePortRange(t testing.TB, n int) int {
	t.Helper()
	for base := 20000 + int(time.Now().UnixNano()%20000); base+n <= 60000; base += n {
		if rangeFree(base, n) {
			return base
		}
	}
	t.Fatal("no free port range")
	return 0
}

func rangeFree(base, n int) bool {
	for p := base; p < base+n; p++ {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			return false
		}
		l.Close()
	}
	return true
}
