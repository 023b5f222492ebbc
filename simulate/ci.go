package simulate

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// The confidence intervals. Both methods give k estimates of each metric
// (one per replication, or one per batch of a single run: batch.go) and
// a Student t 95 % interval with k−1 degrees of freedom, of half-width
// t·s/√k where s is the estimates' standard deviation.
//
// The interval is centred on the reported point, the pooled estimate (all
// answers of all replications or batches together), not on the mean of
// the k estimates. For throughput and error rate the two are the same;
// for a latency percentile they are not: the percentile of k short
// samples is biased (a p99 of a few hundred answers reads low), so the
// mean of the k percentiles can lie off the pooled one and an interval
// around it can miss the very value it is printed beside. The pooled
// percentile is the better estimate (it uses all the answers at once),
// and the spread of the k estimates still measures its uncertainty, so
// the interval is the pooled point ± t·s/√k, which holds the point by
// construction.

// CIReplications and CIBatchMeans name the method of a report's
// intervals (Report.CIMethod).
const (
	CIReplications = "replications"
	CIBatchMeans   = "batch_means"
)

// interval returns the 95 % confidence interval around point from the k
// estimates xs (Student t with k−1 degrees of freedom).
func interval(point float64, xs []float64) CI {
	n := float64(len(xs))
	if n < 2 {
		return CI{Low: point, High: point}
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
	return CI{Low: point - h, High: point + h}
}

// metricsCI computes the intervals of the main metrics of point from the
// estimates of the replications (nil with fewer than two).
func metricsCI(point *Metrics, ms []*Metrics) *MetricsCI {
	if len(ms) < 2 {
		return nil
	}
	pick := func(p float64, f func(*Metrics) float64) CI {
		xs := make([]float64, len(ms))
		for i, m := range ms {
			xs[i] = f(m)
		}
		return interval(p, xs)
	}
	return &MetricsCI{
		Throughput:  pick(point.Throughput, func(m *Metrics) float64 { return m.Throughput }),
		ErrorRate:   pick(point.ErrorRate, func(m *Metrics) float64 { return m.ErrorRate }),
		Utilization: pick(point.Utilization, func(m *Metrics) float64 { return m.Utilization }),
		Mean:        pick(point.Latency.Mean, func(m *Metrics) float64 { return m.Latency.Mean }),
		P50:         pick(point.Latency.P50, func(m *Metrics) float64 { return m.Latency.P50 }),
		P90:         pick(point.Latency.P90, func(m *Metrics) float64 { return m.Latency.P90 }),
		P99:         pick(point.Latency.P99, func(m *Metrics) float64 { return m.Latency.P99 }),
		P999:        pick(point.Latency.P999, func(m *Metrics) float64 { return m.Latency.P999 }),
	}
}

// batchCI computes the intervals of the main metrics of point from the
// batch means b of a single run; spans are the batches' widths in
// seconds. The latency intervals use the batches that had answers; with
// fewer than two, there is no interval (nil).
func batchCI(point *Metrics, b *batches, spans []float64) *MetricsCI {
	var tput, errs []float64
	for i := range spans {
		tput = append(tput, ratio(float64(b.done[i]), spans[i]))
		if n := b.ok[i] + b.failed[i]; n > 0 {
			errs = append(errs, float64(b.failed[i])/float64(n))
		}
	}
	lat := func(p float64, xs *[Batches]float64) CI {
		var ys []float64
		for i := range xs {
			if b.n[i] > 0 {
				ys = append(ys, xs[i])
			}
		}
		return interval(p, ys)
	}
	answered := 0
	for i := range b.n {
		if b.n[i] > 0 {
			answered++
		}
	}
	if answered < 2 {
		return nil
	}
	return &MetricsCI{
		Throughput: interval(point.Throughput, tput),
		ErrorRate:  interval(point.ErrorRate, errs),
		Mean:       lat(point.Latency.Mean, &b.mean),
		P50:        lat(point.Latency.P50, &b.p50),
		P90:        lat(point.Latency.P90, &b.p90),
		P99:        lat(point.Latency.P99, &b.p99),
		P999:       lat(point.Latency.P999, &b.p999),
	}
}
