package loadgen

import (
	"strconv"
	"sync"
	"time"

	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/hist"
)

// Failure classes, named as the simulator names them in Metrics.Failures.
const (
	classOK       = ""
	ClassTimeout  = "timeout"  // the request's timeout fired, or the stack answered 504
	ClassRefused  = "refused"  // no connection: refused, reset, or closed without an answer
	ClassRejected = "rejected" // 503: the entry's workers and waiting room were full
	ClassError    = "error"    // any other error answer (502, 500, 4xx)
)

// outcome is what one request came to.
type outcome struct {
	ep         int           // index in Options.Endpoints
	sent, done time.Duration // offsets from the start
	latency    time.Duration
	status     int // 0: no answer
	class      string
	degraded   bool
	measured   bool
	tree       *callTree // the emulator's call tree, when asked for and given
}

// recorder accumulates outcomes. The tallies cover the measured requests
// (sent after the warm-up); the time series covers all of them, arrivals
// by the time they were sent and answers by the time they came back, like
// the simulator's.
type recorder struct {
	mu       sync.Mutex
	total    *tally
	eps      []*tally // per endpoint, when there are several
	status   map[string]int64
	services *serviceCounts
	dropped  int64
	// all counts every request, warm-up included, for Progress.
	all struct{ sent, answered, failed int64 }
	// window is the measured window, [warmup, end of the arrivals): the
	// answers without error inside it are the throughput (tally.done).
	// Its end is the planned one until an early stop (MaxRequests, an
	// interrupt) moves it to the stop (stop).
	window   struct{ from, to time.Duration }
	lastDone time.Duration // the last answer's offset

	series []simulate.Point
	tick   time.Duration
	end    time.Duration // of the series
	cur    int           // index of the interval accumulating
	iv     interval
}

// interval accumulates one point of the series.
type interval struct {
	arrivals, ok, failed, degraded int64
	lat                            *hist.Histogram
}

func newRecorder(d, warmup time.Duration, endpoints int, services bool) *recorder {
	r := &recorder{
		total: newTally(), status: map[string]int64{},
		tick: tickFor(d), end: d, iv: interval{lat: hist.New()},
	}
	r.window.from, r.window.to = warmup, d
	if endpoints > 1 {
		for range endpoints {
			r.eps = append(r.eps, newTally())
		}
	}
	if services {
		r.services = newServiceCounts()
	}
	return r
}

// tickFor returns the width of a series point: 1 s, or wider so a long
// test has at most simulate.MaxPoints points.
func tickFor(d time.Duration) time.Duration {
	secs := int64((d + time.Second - 1) / time.Second)
	return time.Duration(max(1, (secs+simulate.MaxPoints-1)/simulate.MaxPoints)) * time.Second
}

// advance closes the intervals that end at or before t (never past the
// series' end: later events land in its last point).
func (r *recorder) advance(t time.Duration) {
	last := int((r.end - 1) / r.tick)
	for idx := min(int(t/r.tick), last); r.cur < idx; r.cur++ {
		r.closeInterval()
	}
}

func (r *recorder) closeInterval() {
	iv := &r.iv
	end := time.Duration(r.cur+1) * r.tick
	width := r.tick
	if end > r.end {
		width, end = r.tick-(end-r.end), r.end
	}
	secs := width.Seconds()
	r.series = append(r.series, simulate.Point{
		Time: end.Seconds(), Arrivals: float64(iv.arrivals) / secs,
		Throughput: float64(iv.ok) / secs, Errors: float64(iv.failed) / secs,
		Degraded: float64(iv.degraded) / secs,
		P50:      iv.lat.Quantile(0.5), P99: iv.lat.Quantile(0.99),
	})
	iv.arrivals, iv.ok, iv.failed, iv.degraded = 0, 0, 0, 0
	iv.lat.Reset()
}

// sent records an arrival at offset t.
func (r *recorder) sent(t time.Duration, ep int, measured bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.advance(t)
	r.iv.arrivals++
	r.all.sent++
	if measured {
		r.total.arrivals++
		if r.eps != nil {
			r.eps[ep].arrivals++
		}
	}
}

// drop records an arrival the in-flight cap turned away.
func (r *recorder) drop(t time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.advance(t)
	r.dropped++
}

// answer records the outcome of one request.
func (r *recorder) answer(o *outcome) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.advance(o.done)
	r.iv.lat.Record(int64(o.latency))
	r.all.answered++
	if o.class != classOK {
		r.all.failed++
	}
	r.lastDone = max(r.lastDone, o.done)
	if o.class == classOK && o.done >= r.window.from && o.done < r.window.to {
		r.total.done++
		if r.eps != nil {
			r.eps[o.ep].done++
		}
	}
	switch {
	case o.class != classOK:
		r.iv.failed++
	case o.degraded:
		r.iv.ok++
		r.iv.degraded++
	default:
		r.iv.ok++
	}
	if !o.measured {
		return
	}
	r.total.answer(o)
	if r.eps != nil {
		r.eps[o.ep].answer(o)
	}
	r.status[statusKey(o)]++
	if r.services != nil && o.tree != nil {
		r.services.add(o.tree, o.status)
	}
}

// statusKey is the HTTP status of the answer, or the class of the
// failure when there was none.
func statusKey(o *outcome) string {
	if o.status == 0 {
		return o.class
	}
	return strconv.Itoa(o.status)
}

// stop ends the measured window now (an interrupt), start being the
// test's start, and returns the offset: the answers that come later are
// not the throughput.
// The clock is read under the lock, so every answer recorded before is
// earlier and every later one is judged by the offset.
func (r *recorder) stop(start time.Time) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := time.Since(start)
	r.window.to = min(r.window.to, t)
	return t
}

// finish closes the series up to its end.
func (r *recorder) finish() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for last := int((r.end - 1) / r.tick); r.cur <= last; r.cur++ {
		r.closeInterval()
	}
}
