package loadgen

import (
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/hist"
)

// tally counts the measured requests of the entry or of one of its
// endpoints.
type tally struct {
	arrivals, ok, failed, degraded int64
	byClass                        map[string]int64
	lat                            *hist.Histogram
}

func newTally() *tally { return &tally{byClass: map[string]int64{}, lat: hist.New()} }

func (t *tally) answer(o *outcome) {
	t.lat.Record(int64(o.latency))
	if o.class != classOK {
		t.failed++
		t.byClass[o.class]++
		return
	}
	t.ok++
	if o.degraded {
		t.degraded++
	}
}

// metrics returns the tally as the simulator's Metrics over secs of
// measurement.
func (t *tally) metrics(secs float64) *simulate.Metrics {
	m := metrics(t.arrivals, t.ok, t.failed, t.degraded, secs)
	m.Latency = simulate.Latency{
		Mean: t.lat.Mean(), P50: t.lat.Quantile(0.5), P90: t.lat.Quantile(0.9),
		P99: t.lat.Quantile(0.99), P999: t.lat.Quantile(0.999), Max: float64(t.lat.Max()) / 1e9,
	}
	for k, n := range t.byClass {
		if m.Failures == nil {
			m.Failures = map[string]int64{}
		}
		m.Failures[k] = n
	}
	m.Rejections = t.byClass[ClassRejected]
	return m
}

// metrics turns counts over secs of measurement into Metrics, as the
// simulator does: rates of answered requests, throughput of successes.
func metrics(arrivals, ok, failed, degraded int64, secs float64) *simulate.Metrics {
	answered := float64(ok + failed)
	return &simulate.Metrics{
		Throughput:   ratio(float64(ok), secs),
		ErrorRate:    ratio(float64(failed), answered),
		DegradedRate: ratio(float64(degraded), answered),
		Arrivals:     arrivals, Completed: ok, Failed: failed, Degraded: degraded,
		InFlight: arrivals - ok - failed,
	}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
