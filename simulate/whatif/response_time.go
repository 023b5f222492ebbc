package whatif

import (
	"maps"
	"slices"

	"github.com/berth-dev/berth/lang"
)

// ResponseTime returns the mean response time of the requests of load ld
// without queueing, in seconds: the entry endpoint's local work and flow
// (hops, the callees' response times, the slowest branch of a parallel
// block), over the entry's endpoints by weight. Queueing only adds to it,
// so a closed load's throughput is at most users / (ResponseTime + mean
// think time).
func ResponseTime(spec *lang.Spec, ld *lang.Load) float64 {
	entry := spec.Services[ld.Entry.Service]
	if entry == nil || entry.Replicas <= 0 {
		return 0
	}
	p := &propagator{spec: spec, hold: map[epKey]float64{}}
	if ld.Entry.Endpoint != "" {
		return p.holdTime(entry, ld.Entry.Endpoint, 0)
	}
	shares, r := endpointShares(entry), 0.0
	for _, name := range slices.Sorted(maps.Keys(shares)) { // a fixed order: the same sum every time
		r += shares[name] * p.holdTime(entry, name, 0)
	}
	return r
}
