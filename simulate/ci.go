package simulate

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// confidence returns the 95 % confidence interval of the mean of xs
// (Student t with len(xs)−1 degrees of freedom).
func confidence(xs []float64) CI {
	n := float64(len(xs))
	if n < 2 {
		return CI{}
	}
	mean, ss := 0.0, 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= n
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / (n - 1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975)
	h := t * sd / math.Sqrt(n)
	return CI{Low: mean - h, High: mean + h}
}

// metricsCI computes the intervals of the main metrics over replications.
func metricsCI(ms []*Metrics) *MetricsCI {
	if len(ms) < 2 {
		return nil
	}
	pick := func(f func(*Metrics) float64) CI {
		xs := make([]float64, len(ms))
		for i, m := range ms {
			xs[i] = f(m)
		}
		return confidence(xs)
	}
	return &MetricsCI{
		Throughput:  pick(func(m *Metrics) float64 { return m.Throughput }),
		ErrorRate:   pick(func(m *Metrics) float64 { return m.ErrorRate }),
		Utilization: pick(func(m *Metrics) float64 { return m.Utilization }),
		Mean:        pick(func(m *Metrics) float64 { return m.Latency.Mean }),
		P50:         pick(func(m *Metrics) float64 { return m.Latency.P50 }),
		P90:         pick(func(m *Metrics) float64 { return m.Latency.P90 }),
		P99:         pick(func(m *Metrics) float64 { return m.Latency.P99 }),
		P999:        pick(func(m *Metrics) float64 { return m.Latency.P999 }),
	}
}
