package whatif

import "github.com/berth-dev/berth/lang"

// DefaultMemoryWeight is what one GiB of memory costs in CPU-equivalents:
// an eighth of a CPU, about the ratio of the per-hour prices of a vCPU and
// of a GiB on the public clouds' container services.
const DefaultMemoryWeight = 0.125

// gib is one GiB in bytes.
const gib = 1 << 30

// Cost returns the cost of a spec's capacity in CPU-equivalents:
// Σ replicas × (cpus + memWeight × memory in GiB) over the services. A
// service without a cpus limit counts one CPU per replica; one without a
// memory limit counts no memory. Workers cost nothing: they are threads.
func Cost(spec *lang.Spec, memWeight float64) float64 {
	total := 0.0
	for _, s := range spec.Services {
		total += ServiceCost(s, memWeight)
	}
	return total
}

// ServiceCost is one service's share of Cost.
func ServiceCost(s *lang.Service, memWeight float64) float64 {
	cpus := s.Resources.CPUs
	if cpus <= 0 {
		cpus = 1
	}
	return float64(max(s.Replicas, 0)) * (cpus + memWeight*float64(s.Resources.Memory)/gib)
}
