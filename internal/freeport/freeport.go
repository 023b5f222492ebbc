// Package freeport picks TCP ports of 127.0.0.1 that something else binds
// later: the engine, publishing a container's port (berth calibrate's
// probe, the engine tests' projects), or a test's server. A port the
// kernel chose for a listener on port 0 lies in its ephemeral range, where
// any outgoing connection's local port, or another listener on port 0,
// can take it before that bind ("address already in use"). So a port is
// drawn at random below the ephemeral range, checked free now, and never
// handed out twice in one process.
package freeport

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
)

// low is the first port drawn: above the well-known and registered ports
// most services listen on.
const low = 20000

// Range returns the first of n consecutive TCP ports of 127.0.0.1 that are
// free now, below the ephemeral range (EphemeralLow), none of them handed
// out before by this process.
func Range(n int) (int, error) {
	high := EphemeralLow() - n
	given.Lock()
	defer given.Unlock()
	for range 200 {
		base := low + rand.IntN(high-low+1)
		if given.overlaps(base, n) || !free(base, n) {
			continue
		}
		for p := base; p < base+n; p++ {
			given.m[p] = true
		}
		return base, nil
	}
	return 0, fmt.Errorf("no %d free consecutive ports of 127.0.0.1 in %d–%d after 200 tries", n, low, high+n-1)
}

// given are the ports Range handed out: their taker may not have bound
// them yet.
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

func free(base, n int) bool {
	for p := base; p < base+n; p++ {
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
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
		if n, err := strconv.Atoi(f[0]); err == nil && n > low+1000 {
			return n
		}
	}
	return 32768
}
