package emulator

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strconv"
	"sync"
	"time"
)

// How long resolved addresses are reused, and how long stale ones stand in
// when the resolver fails.
const (
	dnsTTL   = 2 * time.Second
	dnsStale = 30 * time.Second
)

// resolver finds the replicas of a service. With Docker's embedded DNS a
// compose service name resolves to every container of the service (each
// has it as a network alias), and a swarm service in dnsrr mode to every
// task; in vip mode to one virtual IP. The link's load balancer then picks
// among the addresses.
type resolver struct {
	lookup func(ctx context.Context, service string, port int) ([]string, error)
	mu     sync.Mutex
	cache  map[string]resolved
}

type resolved struct {
	addrs []string
	at    time.Time
}

func newResolver(lookup func(context.Context, string, int) ([]string, error)) *resolver {
	return &resolver{lookup: lookup, cache: map[string]resolved{}}
}

// addrs returns service's "host:port" addresses in a stable (sorted) order.
func (r *resolver) addrs(ctx context.Context, service string, port int) ([]string, error) {
	if r.lookup != nil {
		return r.lookup(ctx, service, port)
	}
	key := service + ":" + strconv.Itoa(port)
	now := time.Now()
	r.mu.Lock()
	c, ok := r.cache[key]
	r.mu.Unlock()
	if ok && now.Sub(c.at) < dnsTTL {
		return c.addrs, nil
	}
	ips, err := net.DefaultResolver.LookupHost(ctx, service)
	if err != nil || len(ips) == 0 {
		if ok && now.Sub(c.at) < dnsStale {
			return c.addrs, nil
		}
		if err == nil {
			err = fmt.Errorf("no address")
		}
		return nil, fmt.Errorf("resolve %s: %w", service, err)
	}
	slices.Sort(ips)
	addrs := make([]string, len(ips))
	for i, ip := range ips {
		addrs[i] = net.JoinHostPort(ip, strconv.Itoa(port))
	}
	r.mu.Lock()
	r.cache[key] = resolved{addrs: addrs, at: now}
	r.mu.Unlock()
	return addrs, nil
}
