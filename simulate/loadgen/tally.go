package loadgen

import (
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/hist"
)

// tally counts the measured requests of the entry or of one of its
// endpoints.
type tally struct {
	arrivals, ok, failed, degraded int64
	// done counts the answers without error that came inside the
	// measured window, whenever their requests were sent: the throughput,
	// as the simulator counts it (ok also counts the answers of the
	// backlog that drains after the load, which a stack too slow for the
	// load answers at its own pace, after the window).
	done    int64
	byClass map[string]int64
	lat     *hist.Histogram
	latOK   *hist.Histogram // the measured answers without error
}

func newTally() *tally {
	return &tally{byClass: map[string]int64{}, lat: hist.New(), latOK: hist.New()}
}

func (t *tally) answer(o *outcome) {
	t.lat.Record(int64(o.latency))
	if o.class != classOK {
		t.failed++
		t.byClass[o.class]++
		return
	}
	t.ok++
	t.latOK.Record(int64(o.latency))
	if o.degraded {
		t.degraded++
	}
}

// metrics returns the tally as the simulator's Metrics over secs of
// measurement, the throughput the answers inside the window over thr
// seconds, or every answer without error when all count.
func (t *tally) metrics(secs, thr float64, all bool) *simulate.Metrics {
	m := metrics(t.arrivals, t.ok, t.failed, t.degraded, secs)
	done := t.done
	if all {
		done = t.ok
	}
	m.Throughput = ratio(float64(done), thr)
	m.Latency, m.LatencyOK = latencyOf(t.lat), latencyOf(t.latOK)
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

// latencyOf reads the latency statistics of h, in seconds.
func latencyOf(h *hist.Histogram) simulate.Latency {
	return simulate.Latency{
		Mean: h.Mean(), P50: h.Quantile(0.5), P90: h.Quantile(0.9),
		P99: h.Quantile(0.99), P999: h.Quantile(0.999), Max: float64(h.Max()) / 1e9,
	}
}
