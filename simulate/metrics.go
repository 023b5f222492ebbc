package simulate

import "github.com/berth-dev/berth/simulate/hist"

// metric accumulates the answers of one service, endpoint or the entry.
// Counts and the latency histogram cover the requests that arrived after
// the warm-up; the interval part feeds the time series and covers all.
//
// A metric with a time series records each latency once: a measured one
// into ivLat, another into ivPre. At the end of each interval ivLat is
// merged into lat (flush) and the interval's quantiles are read from
// ivLat and ivPre together; a histogram record costs a few cache misses,
// a merge once an interval does not.
type metric struct {
	arrivals int64
	ok       int64 // answered without error (degraded included)
	// done counts the answers without error that came inside the
	// measured window (warm-up cut to the end of the load), whenever the
	// request arrived: the departure rate that Throughput reports. ok
	// also counts the measured requests answered during the drain, so
	// done/window, not ok/window, stays at most the service's capacity
	// when a long queue drains after an overload.
	done     int64
	open     bool // the measured window is open: done counts
	failed   int64
	degraded int64
	byClass  [failNoAnswer + 1]int64
	live     int64 // measured requests in flight
	lat      *hist.Histogram
	latOK    *hist.Histogram // measured answers without error (degraded included)
	// bat holds the batch means of a single run (batch.go); nil for
	// endpoints.
	bat *batches

	ivArrivals, ivOK, ivFailed, ivDegraded int64
	ivLat                                  *hist.Histogram // measured answers of the interval (nil: no series)
	ivPre                                  *hist.Histogram // the interval's answers that are not measured
}

func newMetric() *metric {
	m := &metric{}
	m.init()
	return m
}

// newEndpointMetric returns a metric without a time series.
func newEndpointMetric() *metric { return &metric{lat: hist.New(), latOK: hist.New()} }

func (m *metric) init() {
	m.lat, m.latOK, m.ivLat, m.ivPre = hist.New(), hist.New(), hist.New(), hist.New()
}

func (m *metric) arrive(measured bool) {
	m.ivArrivals++
	if measured {
		m.arrivals++
		m.live++
	}
}

// answer records one answer of latency ns.
func (m *metric) answer(latency int64, class failClass, degraded, measured bool) {
	if class == answerOK && m.open {
		m.done++
		if m.bat != nil {
			m.bat.done[m.bat.cur]++
		}
	}
	if class == answerOK {
		m.ivOK++
		if degraded {
			m.ivDegraded++
		}
	} else {
		m.ivFailed++
	}
	if !measured {
		if m.ivPre != nil {
			m.ivPre.Record(latency)
		}
		return
	}
	if m.ivLat != nil {
		m.ivLat.Record(latency)
	} else {
		m.lat.Record(latency)
	}
	m.live--
	m.byClass[class]++
	if m.bat != nil {
		m.bat.record(latency, class == answerOK)
	}
	if class != answerOK {
		m.failed++
		return
	}
	m.ok++
	m.latOK.Record(latency)
	if degraded {
		m.degraded++
	}
}

// openWindow opens (or closes) the measured window of every metric: the
// answers without error that come while it is open are the throughput.
func (s *sim) openWindow(open bool) {
	s.entry.open = open
	for _, svc := range s.svcs {
		svc.m.open = open
		for _, ep := range svc.endpoints {
			if ep.m != nil {
				ep.m.open = open
			}
		}
	}
}

// flush moves the measured latencies of the interval into lat.
func (m *metric) flush() {
	if m.ivLat != nil && m.ivLat.Count() > 0 {
		m.lat.Merge(m.ivLat)
		m.ivLat.Reset()
	}
}

// drop uncounts a measured request that disappeared without an answer of
// its own (its replica was lost with it): it counts as failed, with no
// latency.
func (m *metric) drop(measured bool) {
	m.ivFailed++
	if measured {
		m.live--
		m.failed++
		m.byClass[failLost]++
		if m.bat != nil {
			m.bat.failed[m.bat.cur]++
		}
	}
}

// linkMetric counts what happened on one caller→callee edge.
type linkMetric struct {
	calls, attempts, retries, timeouts, failures, fallbacks int64
	breakerRejected, bulkheadRejected, budgetRejected       int64
	openings                                                int64
}
