package simulate

import (
	"math"

	"github.com/berth-dev/berth/simulate/hist"
	"gonum.org/v1/gonum/stat/distuv"
)

// The confidence intervals. Both methods give k estimates of each metric
// (one per replication, or one per batch of a single run: batch.go) and
// a Student t 95 % interval with k−1 degrees of freedom, of half-width
// t·s/√k where s is the estimates' standard deviation.
//
// The interval holds the reported point, the pooled estimate (all
// answers of all replications or batches together). Throughput, error
// rate, utilisation and the mean latency get the point ± t·s/√k, cut to
// the metric's range (bounded). A latency percentile is not the mean of
// the k percentiles (a p99 of a few hundred answers reads low), and their
// spread understates its uncertainty, so its interval comes from the k
// fractions of answers at or below the pooled percentile (quantileCI).

// CIReplications and CIBatchMeans name the method of a report's
// intervals (Report.CIMethod).
const (
	CIReplications = "replications"
	CIBatchMeans   = "batch_means"
)

// interval returns the 95 % confidence interval around point from the k
// estimates xs (Student t with k−1 degrees of freedom).
func interval(point float64, xs []float64) CI {
	h := halfWidth(xs)
	return CI{Low: point - h, High: point + h}
}

// halfWidth is t·s/√k of the k estimates xs (0 with fewer than two).
func halfWidth(xs []float64) float64 {
	n := float64(len(xs))
	if n < 2 {
		return 0
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
	return t * sd / math.Sqrt(n)
}

// bounded keeps c inside [lo, hi], the range of its metric: a latency or
// a throughput is never below 0, a rate or a utilisation never above 1.
// A t interval is symmetric and can cross those limits; the true value
// cannot, so the part beyond them holds nothing.
func bounded(c CI, lo, hi float64) CI {
	return CI{Low: min(max(c.Low, lo), hi), High: max(min(c.High, hi), lo)}
}

// quantileCI is the interval of the pooled q-quantile x̂ of pooled, from
// k parts (the replications, or the batches of one run). Each part's
// fraction of answers at or below x̂ estimates F(x̂) = q; those fractions
// are means of an indicator, so their t interval [q − h, q + h] is
// sound, and the quantiles of the pooled histogram at its ends are the
// interval of x̂. The k quantiles of the parts are not: a part's p999 is
// a nonlinear, biased statistic of a few answers, and slow answers come
// in clusters (one long busy period), so the spread of the parts' p999s
// understates how much the pooled one varies: on M/M/1 at ρ = 0.9 their
// interval held the true p999 in a third of the runs. The interval is
// asymmetric, as a quantile's is, and never below 0.
func quantileCI(pooled *hist.Histogram, q float64, parts []hist.Counts) CI {
	x := pooled.QuantileNs(q)
	var fs []float64
	for _, p := range parts {
		if p.Total() > 0 {
			fs = append(fs, float64(p.AtMost(x))/float64(p.Total()))
		}
	}
	h := halfWidth(fs)
	return CI{Low: pooled.Quantile(max(q-h, 0)), High: pooled.Quantile(min(q+h, 1))}
}

// latencyCI fills the intervals of the latency's mean and percentiles:
// means are the k estimates', percentiles from the parts' histograms.
func latencyCI(ci *MetricsCI, pooled *hist.Histogram, mean CI, parts []hist.Counts) {
	ci.Mean = bounded(mean, 0, math.Inf(1))
	ci.P50 = quantileCI(pooled, 0.50, parts)
	ci.P90 = quantileCI(pooled, 0.90, parts)
	ci.P99 = quantileCI(pooled, 0.99, parts)
	ci.P999 = quantileCI(pooled, 0.999, parts)
}

// metricsCI computes the intervals of the main metrics of point from the
// estimates of the replications (nil with fewer than two); pooled is the
// histogram of all their latencies, lats each one's.
func metricsCI(point *Metrics, ms []*Metrics, pooled *hist.Histogram, lats []hist.Counts) *MetricsCI {
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
	ci := &MetricsCI{
		Throughput:  bounded(pick(point.Throughput, func(m *Metrics) float64 { return m.Throughput }), 0, math.Inf(1)),
		ErrorRate:   bounded(pick(point.ErrorRate, func(m *Metrics) float64 { return m.ErrorRate }), 0, 1),
		Utilization: bounded(pick(point.Utilization, func(m *Metrics) float64 { return m.Utilization }), 0, 1),
	}
	latencyCI(ci, pooled, pick(point.Latency.Mean, func(m *Metrics) float64 { return m.Latency.Mean }), lats)
	return ci
}

// batchCI computes the intervals of the main metrics of point from the
// batch means b of a single run; spans are the batches' widths in
// seconds, pooled the run's latency histogram. The latency intervals use
// the batches that had answers; with fewer than two, there is no
// interval (nil).
func batchCI(point *Metrics, b *batches, spans []float64, pooled *hist.Histogram) *MetricsCI {
	var tput, errs, means []float64
	for i := range spans {
		tput = append(tput, ratio(float64(b.done[i]), spans[i]))
		if n := b.ok[i] + b.failed[i]; n > 0 {
			errs = append(errs, float64(b.failed[i])/float64(n))
		}
		if b.n[i] > 0 {
			means = append(means, b.mean[i])
		}
	}
	if len(means) < 2 {
		return nil
	}
	ci := &MetricsCI{
		Throughput: bounded(interval(point.Throughput, tput), 0, math.Inf(1)),
		ErrorRate:  bounded(interval(point.ErrorRate, errs), 0, 1),
	}
	latencyCI(ci, pooled, interval(point.Latency.Mean, means), b.lats[:])
	return ci
}
