package dockertest

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// FreePortRange returns the first of n consecutive TCP ports free on
// 127.0.0.1 now, for a test that publishes replicas' ports there. The
// range lies below the kernel's ephemeral range (EphemeralLow): a port
// there is the local port of any outgoing connection, or the port of
// another test's listener on port 0, and such a socket taking it between
// now and the engine's bind made the apply fail ("address already in
// use") when test packages run in parallel. Starting points are random,
// and a range is never handed out twice in one test binary.
func FreePortRange(t testing.TB, n int) int {
	t.Helper()
	base, err := ReservePortRange(n)
	if err != nil {
		t.Fatal(err)
	}
	return base
}

// ReservePortRange is FreePortRange for callers without a testing.TB
// (the CLI's script command freeport).
func ReservePortRange(n int) (int, error) {
	low, high := 20000, EphemeralLow()-n
	given.Lock()
	defer given.Unlock()
	for range 200 {
		base := low + rand.IntN(high-low+1)
		if given.overlaps(base, n) || !rangeFree(base, n) {
			continue
		}
		for p := base; p < base+n; p++ {
			given.m[p] = true
		}
		return base, nil
	}
	return 0, fmt.Errorf("no %d free consecutive ports of 127.0.0.1 in %d–%d after 200 tries", n, low, high+n-1)
}

// FreePort returns a TCP port free on 127.0.0.1 now, below the ephemeral
// range (see FreePortRange).
func FreePort(t testing.TB) int {
	t.Helper()
	return FreePortRange(t, 1)
}

// given are the ports FreePortRange handed out in this test binary: a
// test may not have bound them yet.
var given = &portSet{m: map[int]bool{}}

type portSet struct {
	sync.Mutex
	m map[int]bool
}

func (g *portSet) overlaps(base, n int) bool {
	for p := base; p < base+n; p++ {
		if g.m[p] {
			return true
		}
	}
	return false
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

// EphemeralLow is the first port of the kernel's ephemeral range (Linux's
// default, 32768, where it cannot be read or leaves too little below it).
func EphemeralLow() int {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if f := strings.Fields(string(b)); err == nil && len(f) == 2 {
		if n, err := strconv.Atoi(f[0]); err == nil && n > 21000 {
			return n
		}
	}
	return 32768
}
