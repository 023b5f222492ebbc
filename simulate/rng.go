package simulate

import (
	"hash/fnv"
	"math/rand/v2"
)

// stream returns the random stream of one component, named by what it
// draws for ("svc/orders/work", "link/gateway->orders", ...). The stream
// id is a hash of the name, not a counter, so adding a service to a spec
// leaves the draws of every other component unchanged: two specs compared
// by `berth diff` see common random numbers wherever they agree.
func stream(seed uint64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// replicationSeed derives the seed of replication i from the run's seed
// (splitmix64, so neighbouring seeds give unrelated streams). Replication
// 0 uses the seed itself, so one replication reproduces a plain run.
func replicationSeed(seed uint64, i int) uint64 {
	if i == 0 {
		return seed
	}
	z := seed + uint64(i)*0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
