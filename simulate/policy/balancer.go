package policy

import (
	"fmt"
	"math/rand/v2"

	"github.com/berth-dev/berth/lang"
)

type lbKind uint8

const (
	lbRoundRobin lbKind = iota
	lbRandom
	lbLeastRequest
	lbP2C
)

// Balancer picks the replica of each call among the available ones. It is a
// struct with a kind switch rather than an interface, so Pick is one direct
// call. Keep one Balancer per caller replica and link (each Envoy balances
// on its own), or one per link; only round robin has state.
//
//   - round_robin: cands[k mod len(cands)] for k = 0, 1, 2, … (a counter
//     of picks, as Envoy's round robin over the healthy hosts).
//   - random: uniform over cands.
//   - least_request: the candidate with the fewest calls in flight; ties go
//     to the first one found scanning from a rotating start, so idle
//     replicas share the load evenly and no RNG draw is spent.
//   - p2c: two distinct candidates drawn at random, the less loaded wins
//     (the first drawn on a tie): Envoy's default least_request.
type Balancer struct {
	kind lbKind
	next uint64
}

// NewBalancer returns the balancer of a link's load_balancing ("" means
// round_robin).
func NewBalancer(kind string) (Balancer, error) {
	switch kind {
	case lang.LBRoundRobin, "":
		return Balancer{kind: lbRoundRobin}, nil
	case lang.LBRandom:
		return Balancer{kind: lbRandom}, nil
	case lang.LBLeastRequest:
		return Balancer{kind: lbLeastRequest}, nil
	case lang.LBP2C:
		return Balancer{kind: lbP2C}, nil
	}
	return Balancer{}, fmt.Errorf("unknown load balancing policy %q", kind)
}

// Pick returns one element of cands (the indexes of the available
// replicas), or -1 when cands is empty. inflight(i) is replica i's calls in
// flight; only least_request and p2c call it, so it may be nil otherwise.
// r is used by random and p2c.
func (b *Balancer) Pick(cands []int, inflight func(int) int, r *rand.Rand) int {
	n := len(cands)
	switch {
	case n == 0:
		return -1
	case n == 1:
		return cands[0]
	}
	switch b.kind {
	case lbRandom:
		return cands[r.IntN(n)]
	case lbLeastRequest:
		return b.least(cands, inflight)
	case lbP2C:
		i := r.IntN(n)
		j := r.IntN(n - 1)
		if j >= i {
			j++
		}
		if inflight(cands[j]) < inflight(cands[i]) {
			return cands[j]
		}
		return cands[i]
	}
	k := b.next % uint64(n)
	b.next++
	return cands[k]
}

func (b *Balancer) least(cands []int, inflight func(int) int) int {
	n := len(cands)
	start := int(b.next % uint64(n))
	b.next++
	best, bestLoad := cands[start], inflight(cands[start])
	for k := 1; k < n && bestLoad > 0; k++ {
		i := start + k
		if i >= n {
			i -= n
		}
		if l := inflight(cands[i]); l < bestLoad {
			best, bestLoad = cands[i], l
		}
	}
	return best
}
