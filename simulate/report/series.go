package report

import (
	"gonum.org/v1/plot/plotter"

	"github.com/berth-dev/berth/simulate"
)

// maxChartPoints caps the points a line chart draws; longer series are
// merged into wider intervals so the page stays small.
const maxChartPoints = 300

// downsample merges runs of k consecutive points so that at most max
// remain: rates and the median are averaged, the p99 and the queue keep
// their worst value, and a merged point ends where its last input ends.
// Intervals without any answer do not dilute the latency averages.
func downsample(in []simulate.Point, max int) []simulate.Point {
	if max <= 0 || len(in) <= max {
		return in
	}
	k := (len(in) + max - 1) / max
	out := make([]simulate.Point, 0, (len(in)+k-1)/k)
	for i := 0; i < len(in); i += k {
		out = append(out, merge(in[i:min(i+k, len(in))]))
	}
	return out
}

func merge(ps []simulate.Point) simulate.Point {
	var m simulate.Point
	n := float64(len(ps))
	answered := 0.0
	for _, p := range ps {
		m.Arrivals += p.Arrivals / n
		m.Throughput += p.Throughput / n
		m.Errors += p.Errors / n
		m.Degraded += p.Degraded / n
		m.Utilization += p.Utilization / n
		m.Queue = max(m.Queue, p.Queue)
		m.P99 = max(m.P99, p.P99)
		if hasAnswers(p) {
			m.P50 += p.P50
			answered++
		}
	}
	if answered > 0 {
		m.P50 /= answered
	}
	last := ps[len(ps)-1]
	m.Time, m.Up = last.Time, last.Up
	return m
}

// hasAnswers reports whether a point's interval answered any request, so
// its percentiles mean something.
func hasAnswers(p simulate.Point) bool { return p.Throughput+p.Errors > 0 }

// midTimes returns the middle of each point's interval (Time is its end).
func midTimes(ps []simulate.Point, start float64) []float64 {
	out := make([]float64, len(ps))
	prev := start
	for i, p := range ps {
		out[i] = (prev + p.Time) / 2
		prev = p.Time
	}
	return out
}

// segments returns the XY runs of f over the points for which keep holds,
// with y scaled by scale, so a line breaks where a value is undefined.
func segments(ps []simulate.Point, ts []float64, keep func(simulate.Point) bool, f func(simulate.Point) float64, scale float64) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	for i, p := range ps {
		if !keep(p) {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, plotter.XY{X: finite(ts[i]), Y: finite(f(p) * scale)})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// always keeps every point.
func always(simulate.Point) bool { return true }

// measuredSeconds is the simulated time the counts of run cover: the run
// after its warm-up, once per replication (counts are summed over the
// replications, see simulate's buildReport).
func measuredSeconds(run *simulate.Report) float64 {
	return finite(run.Duration-run.Warmup) * float64(max(1, run.Replications))
}
