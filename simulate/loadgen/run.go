package loadgen

import (
	"context"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"sync"
	"time"
)

// maxBody bounds how much of an answer is read (and kept for the call
// tree).
const maxBody = 4 << 20

// Run sends the load of opts to its target until the load's duration or
// MaxRequests is reached, or ctx ends (Result.Interrupted), waits for the
// answers in flight (each bounded by the timeout, not by ctx) and returns
// what it measured.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	d, warmup := opts.window()
	g := &generator{
		opts: opts, client: newClient(opts.MaxInFlight, opts.Timeout),
		rec: newRecorder(d, warmup, len(opts.Endpoints), opts.Services), slots: make(chan struct{}, opts.MaxInFlight),
		warmup: warmup,
	}
	defer g.client.CloseIdleConnections()
	sch := newSchedule(opts.Load, opts.RateScale, d, opts.Seed)
	pick := newPicker(opts.Endpoints, opts.Seed)
	g.start = time.Now()
	endProgress := g.startProgress(ctx, d)
	stopped := g.send(ctx, sch, pick)
	endProgress()
	interrupted := ctx.Err() != nil && stopped < d
	g.wg.Wait()
	g.rec.finish()
	res := g.result(d, warmup, stopped)
	res.Interrupted = interrupted
	return res, nil
}

// generator is one running load test.
type generator struct {
	opts   Options
	client *http.Client
	rec    *recorder
	slots  chan struct{} // a token per request in flight
	wg     sync.WaitGroup
	start  time.Time
	warmup time.Duration
	lag    lagStats
	sent   int64
	unsent int64 // arrivals never sent: the generator fell behind past the end
	// counted: MaxRequests ended the test, whose throughput is then its
	// answers over the time until the last one (result).
	counted bool
}

// lagStats measure how late the generator sent requests after their
// scheduled time (a loaded machine shows here first).
type lagStats struct {
	sum, max time.Duration
	n        int64
}

// send issues the arrivals of sch until it ends, MaxRequests is reached or
// ctx ends, and returns the offset at which it stopped.
func (g *generator) send(ctx context.Context, sch *schedule, pick *picker) time.Duration {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		at, ok := sch.next()
		if !ok {
			return time.Duration(sch.end)
		}
		if g.opts.MaxRequests > 0 && g.sent >= g.opts.MaxRequests {
			g.counted = true
			return time.Since(g.start)
		}
		if wait := at - time.Since(g.start); wait > 0 {
			timer.Reset(wait)
			select {
			case <-ctx.Done():
				return g.rec.stop(g.start)
			case <-timer.C:
			}
		} else if ctx.Err() != nil {
			return g.rec.stop(g.start)
		} else if time.Since(g.start) >= time.Duration(sch.end)+behindGrace(time.Duration(sch.end)) {
			// So far behind that the load's time is well up: the rest
			// of the schedule is never sent. (A generator a few
			// milliseconds late, on a busy machine, still sends its
			// last arrivals.)
			g.unsent = max(int64(math.Round(sch.expected()))-g.sent, 0)
			return time.Duration(sch.end)
		}
		g.sent++
		now := time.Since(g.start)
		g.lag.add(now - at)
		measured := at >= g.warmup
		select {
		case g.slots <- struct{}{}:
		default:
			g.rec.drop(now)
			continue
		}
		ep := pick.pick()
		g.rec.sent(now, ep, measured)
		g.wg.Add(1)
		go g.do(ep, measured)
	}
}

// behindGrace is how long past the end of a load of length end the
// generator may still be sending its late arrivals: a tenth of the load,
// at least a second.
func behindGrace(end time.Duration) time.Duration { return max(time.Second, end/10) }

func (l *lagStats) add(d time.Duration) {
	d = max(d, 0)
	l.sum += d
	l.max = max(l.max, d)
	l.n++
}

// do sends one request and records its outcome.
func (g *generator) do(ep int, measured bool) {
	defer func() { <-g.slots; g.wg.Done() }()
	ctx, cancel := context.WithTimeout(context.Background(), g.opts.Timeout)
	defer cancel()
	o := &outcome{ep: ep, measured: measured}
	t0 := time.Now()
	o.sent = t0.Sub(g.start)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.opts.Target.String()+g.opts.Endpoints[ep].Path, nil)
	if err != nil {
		o.class = ClassError
	} else {
		g.exchange(req, o)
	}
	now := time.Now()
	o.latency, o.done = now.Sub(t0), now.Sub(g.start)
	g.rec.answer(o)
}

// exchange performs req and fills o with its status, class and tree.
func (g *generator) exchange(req *http.Request, o *outcome) {
	resp, err := g.client.Do(req)
	if err != nil {
		o.class = transportClass(err)
		return
	}
	defer resp.Body.Close()
	var body []byte
	if g.opts.Services {
		body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody))
	} else {
		_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
	}
	if err != nil {
		o.class = transportClass(err)
		return
	}
	o.status = resp.StatusCode
	o.class = statusClass(resp.StatusCode)
	o.degraded = resp.Header.Get(headerDegraded) == "1"
	if body != nil {
		o.tree = parseTree(body)
	}
}

// headerDegraded marks an answer a fallback degraded
// (backends/emulator.HeaderDegraded).
const headerDegraded = "X-Berth-Degraded"

func statusClass(code int) string {
	switch {
	case code >= 200 && code < 300:
		return classOK
	case code == http.StatusServiceUnavailable:
		return ClassRejected
	case code == http.StatusGatewayTimeout:
		return ClassTimeout
	}
	return ClassError
}

// transportClass classes a request that got no answer: its timeout fired,
// or the connection failed (refused, reset, closed early).
func transportClass(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return ClassTimeout
	case errors.Is(err, ErrNotLoopback):
		return ClassError
	}
	return ClassRefused
}

// newClient returns an HTTP client that dials 127.0.0.1 only, follows no
// redirect, ignores proxy settings and keeps a connection per request in
// flight.
func newClient(inFlight int, timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: min(timeout, 5*time.Second), KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         dialLoopback(d),
		MaxIdleConns:        inFlight,
		MaxIdleConnsPerHost: inFlight,
		IdleConnTimeout:     30 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
