package loadgen

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/berth-dev/berth/simulate"
)

// Result is what a load test measured. Entry and Services have the shape
// of the simulator's metrics, so the two compare field by field; times are
// in seconds.
type Result struct {
	Target  string  `json:"target"`
	Load    string  `json:"load"`
	Arrival string  `json:"arrival"`
	Scale   float64 `json:"rate_scale"`
	// Duration is how long arrivals were sent (shorter than the load's
	// when MaxRequests or an interrupt stopped it); Warmup its unmeasured
	// start; Elapsed the whole test, waiting for the last answers
	// included.
	Duration float64 `json:"duration"`
	// Planned is how long the load was to be sent; Interrupted says that
	// the run's context (Ctrl-C) stopped it before: the measurement is
	// partial.
	Planned     float64 `json:"planned"`
	Interrupted bool    `json:"interrupted"`
	Warmup      float64 `json:"warmup"`
	Elapsed     float64 `json:"elapsed"`
	Interval    float64 `json:"interval"`
	// Sent counts every arrival (warm-up included); Dropped those the
	// in-flight cap turned away, which were never sent: with any, the test
	// stopped being open-loop and the target saw less than the load.
	Sent    int64 `json:"sent"`
	Dropped int64 `json:"dropped"`
	// Unsent counts the arrivals of the schedule (their expected number,
	// for random arrivals) that the generator never sent: it fell so far
	// behind the schedule that the load's time ran out first. With any,
	// the target saw less than the load and the machine sending it is the
	// bottleneck.
	Unsent int64 `json:"unsent"`
	// Status counts the measured answers by HTTP status, and requests
	// without an answer by failure class (timeout, refused).
	Status map[string]int64 `json:"status"`
	// Lag is how late the generator sent requests after their scheduled
	// time, mean and max: large values mean the generator's machine could
	// not keep up.
	Lag struct {
		Mean float64 `json:"mean"`
		Max  float64 `json:"max"`
	} `json:"lag"`
	Entry *simulate.Metrics `json:"entry"`
	// Services are counted from the call trees in emulator responses
	// (requests received, answered, failed, degraded; no latency).
	Services map[string]*simulate.Metrics `json:"services,omitempty"`
}

// result turns what g recorded into a Result. stopped is the offset at
// which arrivals stopped.
func (g *generator) result(d, warmup, stopped time.Duration) *Result {
	r := g.rec
	span := min(stopped, d)
	secs := max(span-warmup, 0).Seconds()
	res := &Result{
		Target: g.opts.Target.String(), Load: g.opts.Load.Name, Arrival: g.opts.Load.Arrival, Scale: g.opts.RateScale,
		Duration: span.Seconds(), Planned: d.Seconds(), Warmup: warmup.Seconds(), Elapsed: time.Since(g.start).Seconds(),
		Interval: r.tick.Seconds(), Sent: g.sent, Dropped: r.dropped, Unsent: g.unsent, Status: r.status,
	}
	if g.lag.n > 0 {
		res.Lag.Mean = (g.lag.sum / time.Duration(g.lag.n)).Seconds()
		res.Lag.Max = g.lag.max.Seconds()
	}
	// Throughput is the answers inside the window over its length; when
	// MaxRequests ended the test, whose window is then often shorter than
	// a latency, it is every answer over the time until the last one.
	thr := secs
	if g.counted {
		thr = max(max(r.lastDone, span)-warmup, 0).Seconds()
	}
	m := r.total.metrics(secs, thr, g.counted)
	for i, t := range r.eps {
		if m.Endpoints == nil {
			m.Endpoints = map[string]*simulate.Metrics{}
		}
		m.Endpoints[g.opts.Endpoints[i].Name] = t.metrics(secs, thr, g.counted)
	}
	m.Series = r.series
	res.Entry = m
	if r.services != nil {
		res.Services = map[string]*simulate.Metrics{}
		for name, c := range r.services.by {
			res.Services[name] = metrics(c.arrivals, c.ok, c.failed, c.degraded, secs)
		}
	}
	return res
}

// StatusKeys returns the keys of Status in order: the HTTP codes, then
// the classes of requests without an answer (digits sort before letters).
func (r *Result) StatusKeys() []string { return slices.Sorted(maps.Keys(r.Status)) }

// CheckMeasured returns an error that says why when nothing was measured
// (no request sent after the warm-up), so that no verdict passes and no
// comparison is made on an empty measurement.
func (r *Result) CheckMeasured() error {
	if r.Entry != nil && r.Entry.Arrivals > 0 {
		return nil
	}
	why := fmt.Sprintf("the load ran %s", seconds(r.Duration))
	if r.Interrupted {
		why = fmt.Sprintf("the load was interrupted after %s", seconds(r.Duration))
	}
	switch {
	case r.Sent == 0:
		return fmt.Errorf("nothing was measured: no request was sent (%s at %g× the load's rates)", why, r.Scale)
	case r.Warmup > 0 && r.Dropped < r.Sent:
		return fmt.Errorf("nothing was measured: the %d requests sent all came in the warm-up, the first %s of the load, which is not measured (%s)", r.Sent, seconds(r.Warmup), why)
	}
	return fmt.Errorf("nothing was measured: every one of the %d arrivals was dropped at the in-flight cap (%s)", r.Sent, why)
}

// seconds writes s seconds with at most three decimals ("0.1s").
func seconds(s float64) string {
	return strconv.FormatFloat(math.Round(s*1000)/1000, 'f', -1, 64) + "s"
}
