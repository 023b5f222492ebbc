package loadgen

import (
	"context"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// server starts an httptest server on 127.0.0.1 and returns its target.
func server(t *testing.T, h http.HandlerFunc) *Options {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	u, err := CheckTarget(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return &Options{Target: u}
}

func run(t *testing.T, o *Options) *Result {
	t.Helper()
	res, err := Run(context.Background(), *o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func ok(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("{}")) }

// The achieved rate is the requested one: exactly for constant arrivals,
// within 4σ of the Poisson count for random ones, over a real 3 s window.
func TestAchievedRate(t *testing.T) {
	for _, tc := range []struct {
		arrival string
		rate    float64
		scale   float64
	}{
		{lang.ArrivalConstant, 200, 1},
		{lang.ArrivalPoisson, 150, 2},
	} {
		o := server(t, ok)
		o.Load = load(tc.rate, tc.arrival, 3*time.Second)
		o.RateScale = tc.scale
		res := run(t, o)
		want := tc.rate * tc.scale * 3
		tol := 4 * math.Sqrt(want)
		if tc.arrival == lang.ArrivalConstant {
			tol = 1
		}
		e := res.Entry
		t.Logf("%s %.0f/s: sent %d, throughput %.1f/s, lag mean %.3fms max %.3fms, latency max %.3fms",
			tc.arrival, tc.rate*tc.scale, res.Sent, e.Throughput, res.Lag.Mean*1e3, res.Lag.Max*1e3, e.Latency.Max*1e3)
		if math.Abs(float64(res.Sent)-want) > tol {
			t.Errorf("%s: sent %d, want %.0f ± %.0f", tc.arrival, res.Sent, want, tol)
		}
		if e.Completed != res.Sent || e.Failed != 0 || res.Dropped != 0 {
			t.Errorf("%s: completed %d failed %d dropped %d of %d", tc.arrival, e.Completed, e.Failed, res.Dropped, res.Sent)
		}
		// Throughput counts the answers inside the 3 s: all but those of
		// the last few requests, answered after the end. An answer comes
		// after the end only if its request was scheduled within the
		// generator's largest lag (how late it sent), plus as much again
		// (the request's goroutine waits to run as the sender waited for
		// its timer), plus the slowest answer's latency, of the end. On a
		// quiet machine those are milliseconds; on a busy one (CI saw a
		// 190 ms lag; 20 CPU burners here 187 ms, and 65 answers late)
		// they hold dozens of arrivals.
		tail := 2*res.Lag.Max + e.Latency.Max
		late := 5 + int64(tc.rate*tc.scale*tail)
		if got := e.Throughput; got > float64(res.Sent)/3+1e-9 || got < float64(res.Sent-late)/3 {
			t.Errorf("throughput %.2f/s, want sent/3 s = %.2f, less at most %d late answers (the arrivals of the last %.1fms)",
				got, float64(res.Sent)/3, late, tail*1e3)
		}
		var series float64
		for _, p := range e.Series {
			series += p.Arrivals * res.Interval
		}
		if len(e.Series) != 3 || math.Abs(series-float64(res.Sent)) > 0.5 {
			t.Errorf("series: %d points holding %.0f arrivals, want 3 holding %d", len(e.Series), series, res.Sent)
		}
	}
}

func TestBoundedByCountAndDuration(t *testing.T) {
	o := server(t, ok)
	o.Load = load(1000, lang.ArrivalConstant, 30*time.Second)
	o.MaxRequests = 50
	t0 := time.Now()
	res := run(t, o)
	el := time.Since(t0)
	if res.Sent != 50 || res.Entry.Completed != 50 {
		t.Errorf("max 50 requests: sent %d, completed %d", res.Sent, res.Entry.Completed)
	}
	// On a busy machine the generator sends late and the answers come
	// late: the bounds on the wall clock allow its largest lag and the
	// slowest answer more (at load average 49: a 1.2 s lag, 0.86 s).
	if late := lateBy(res); el > 2*time.Second+late {
		t.Errorf("50 requests at 1000/s took %v (%v of it late)", el, late)
	}
	// The throughput is the 50 answers over the time they took (≈ 0.05 s
	// on a quiet machine), not over the load's 30 s nor over the 50 ms the
	// sending took alone, whose window closes before most answers: that
	// time is at least the sending's and at most the whole run's, which
	// ends when the last answer has come (on a busy machine, 20 CPU
	// burners: a 0.14 s send, the last answer at 0.43 s).
	e := res.Entry
	if res.Duration > 1+res.Lag.Max || e.Throughput < 50/res.Elapsed-1e-9 || e.Throughput > 50/res.Duration+1e-9 {
		t.Errorf("duration %.3fs, elapsed %.3fs, throughput %.1f/s; want ≈ 0.05 s and ≈ 1000/s, 50 answers over at least the duration and at most the elapsed time",
			res.Duration, res.Elapsed, e.Throughput)
	}

	o.MaxRequests = 0
	o.Duration = 500 * time.Millisecond
	o.Load = load(100, lang.ArrivalConstant, time.Hour)
	t0 = time.Now()
	res = run(t, o)
	if el, late := time.Since(t0), lateBy(res); el > 1500*time.Millisecond+late {
		t.Errorf("a 500ms test took %v (%v of it late)", el, late)
	}
	if res.Sent < 49 || res.Sent > 50 || res.Duration != 0.5 {
		t.Errorf("100/s for 500ms: sent %d over %.3fs, want 50 over 0.5 s", res.Sent, res.Duration)
	}
}

// lateBy is how much longer than planned a run can take on a machine as
// busy as it measured: its largest lag (how late it sent) and its slowest
// answer.
func lateBy(res *Result) time.Duration {
	return time.Duration((res.Lag.Max + res.Entry.Latency.Max) * float64(time.Second))
}

// Answers are counted by status and class like the simulator's failures:
// 503 rejected, 504 and client timeouts timeout, other errors error, no
// connection refused; degraded 200s are successes counted as degraded.
func TestStatusClasses(t *testing.T) {
	o := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/degraded":
			w.Header().Set(headerDegraded, "1")
		case "/busy":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/broken":
			w.WriteHeader(http.StatusBadGateway)
		case "/late":
			w.WriteHeader(http.StatusGatewayTimeout)
		case "/hang":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}
	})
	// 400 requests, spread over 4 s: at 400/s for 1 s, 40 CPU burners
	// starved the generator and its server so that /ok took 2.2 s (p50),
	// and 62 requests to other endpoints than /hang timed out.
	o.Load = load(100, lang.ArrivalConstant, 4*time.Second)
	// Long enough that only /hang times out, even on a busy machine.
	o.Timeout = 3 * time.Second
	for _, p := range []string{"ok", "degraded", "busy", "broken", "late", "hang"} {
		o.Endpoints = append(o.Endpoints, Endpoint{Name: p, Path: "/" + p, Weight: 1})
	}
	res := run(t, o)
	e := res.Entry
	n := float64(res.Sent)
	t.Logf("status %v failures %v", res.Status, e.Failures)
	near := func(what string, got int64, share float64) {
		t.Helper()
		// binomial: 5σ of a 1/6 share of 400 is about 37
		if sd := math.Sqrt(n * share * (1 - share)); math.Abs(float64(got)-n*share) > 5*sd {
			t.Errorf("%s: %d of %d, want %.0f", what, got, res.Sent, n*share)
		}
	}
	near("200", res.Status["200"], 2.0/6)
	near("degraded", e.Degraded, 1.0/6)
	near("503", res.Status["503"], 1.0/6)
	near("rejected", e.Failures[ClassRejected], 1.0/6)
	near("502", res.Status["502"], 1.0/6)
	near("error", e.Failures[ClassError], 1.0/6)
	near("timeout (504 and client)", e.Failures[ClassTimeout], 2.0/6)
	near("client timeout", res.Status[ClassTimeout], 1.0/6)
	if e.Rejections != e.Failures[ClassRejected] {
		t.Errorf("rejections %d, rejected %d", e.Rejections, e.Failures[ClassRejected])
	}
	if e.Completed+e.Failed != res.Sent || e.Completed != res.Status["200"] {
		t.Errorf("completed %d + failed %d != sent %d (status %v)", e.Completed, e.Failed, res.Sent, res.Status)
	}
	if want := float64(e.Failed) / n; math.Abs(e.ErrorRate-want) > 1e-12 {
		t.Errorf("error rate %.4f, want %.4f", e.ErrorRate, want)
	}
	// Per endpoint, as the simulator reports a service's endpoints.
	if ep := e.Endpoints; len(ep) != 6 || ep["busy"].Failures[ClassRejected] != res.Status["503"] ||
		ep["ok"].Failed != 0 || ep["ok"].Completed == 0 || ep["hang"].Completed != 0 || ep["hang"].Latency.P50 < 0.99 {
		t.Errorf("per endpoint: busy %+v, ok %+v, hang %+v", ep["busy"], ep["ok"], ep["hang"])
	}
	if e.DegradedRate <= 0 || e.Latency.Max < 0.99 {
		t.Errorf("degraded rate %.3f, max latency %.3fs (want the 1s timeouts)", e.DegradedRate, e.Latency.Max)
	}

	// Nothing listens: every request is refused.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	o.Target, _ = CheckTarget(addr)
	o.Endpoints, o.Load = nil, load(50, lang.ArrivalConstant, 200*time.Millisecond)
	res = run(t, o)
	if res.Entry.Failures[ClassRefused] != res.Sent || res.Sent == 0 {
		t.Errorf("closed port: failures %v of %d", res.Entry.Failures, res.Sent)
	}
}

// The generator never has more than MaxInFlight requests out; arrivals
// beyond are dropped and counted, and the open-loop schedule goes on.
func TestInFlightCap(t *testing.T) {
	var cur, peak atomic.Int64
	release := make(chan struct{})
	o := server(t, func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		defer cur.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		<-release
	})
	o.Load = load(200, lang.ArrivalConstant, 500*time.Millisecond)
	o.MaxInFlight = 5
	var once sync.Once
	go func() { time.Sleep(700 * time.Millisecond); once.Do(func() { close(release) }) }()
	res := run(t, o)
	if peak.Load() > 5 {
		t.Errorf("the server saw %d requests at once, cap 5", peak.Load())
	}
	if res.Dropped != res.Sent-5 || res.Entry.Completed != 5 || res.Entry.Arrivals != 5 {
		t.Errorf("sent %d, dropped %d, arrived %d, completed %d; want 5 through and the rest dropped",
			res.Sent, res.Dropped, res.Entry.Arrivals, res.Entry.Completed)
	}
	if res.Sent < 99 {
		t.Errorf("the schedule stalled: %d arrivals of 100", res.Sent)
	}
}

func TestWarmupIsNotMeasured(t *testing.T) {
	o := server(t, ok)
	o.Load = load(100, lang.ArrivalConstant, time.Second)
	o.Load.Warmup = 500 * time.Millisecond
	res := run(t, o)
	if res.Sent < 99 || res.Entry.Arrivals < 49 || res.Entry.Arrivals > 51 {
		t.Errorf("sent %d, measured %d; want 100 sent and the last 50 measured", res.Sent, res.Entry.Arrivals)
	}
	// The throughput is the answers that came in the measured 0.5 s. A
	// generator running late shifts answers across its edges: late
	// warm-up answers into it, late measured ones out of it, as many as
	// arrive in its largest lag (twice: the send and its goroutine) plus
	// the slowest answer. Under 20 CPU burners that made 57 answers of 50
	// (114/s); on a quiet machine it is under the 2.5 answers allowed.
	e := res.Entry
	tol := max(5, 100*(2*res.Lag.Max+e.Latency.Max)/0.5)
	if e.Throughput < 100-tol || e.Throughput > 100+tol {
		t.Errorf("throughput %.1f/s over the measured 0.5 s, want 100 ± %.1f (lag max %.1fms, latency max %.1fms)",
			e.Throughput, tol, res.Lag.Max*1e3, e.Latency.Max*1e3)
	}
}

// Against in-process emulators: the latency is the service time, degraded
// answers are counted, and every service's requests come from the call
// trees of the responses.
func TestEmulatedStack(t *testing.T) {
	ms := func(x float64) lang.Dist { return lang.Const(time.Duration(x * float64(time.Millisecond))) }
	spec := testSpec(
		service("gw", 64, ms(2), endpoint("page", call("users", lang.FallbackDefault), call("orders", ""))),
		service("users", 64, ms(1)),
		service("orders", 64, ms(3), endpoint("list", call("db", ""))),
		service("db", 64, ms(1)),
	)
	st := newStack(t)
	target := st.start(spec, "gw")
	// users fails for the first 0.5 s: the gateway degrades.
	resp, err := http.Post(st.url("users")+"/_berth/fault", "application/json", strings.NewReader(`{"kind":"error","duration":"500ms"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	eps, err := EntryEndpoints(spec, &lang.Load{Entry: lang.Ref{Service: "gw"}})
	if err != nil {
		t.Fatal(err)
	}
	during := probeDuring(st.url("gw") + "/healthz")
	res := run(t, &Options{Target: target, Load: load(100, lang.ArrivalPoisson, 1500*time.Millisecond), Endpoints: eps, Services: true, Seed: 3})
	busy := during()
	e := res.Entry
	t.Logf("entry: %d sent, p50 %.2fms, degraded %d, a hop during the run %.2fms, generator lag mean %.1fms; users %+v", res.Sent, e.Latency.P50*1e3, e.Degraded, busy*1e3, res.Lag.Mean*1e3, res.Services["users"])
	if e.Failed != 0 || e.Completed != res.Sent {
		t.Fatalf("failed %d of %d: %v", e.Failed, res.Sent, res.Status)
	}
	// 2 + 1 + 3 + 1 ms of work, in sequence, plus four loopback HTTP hops
	// (client → gw, gw → users, gw → orders → db), each about one health
	// probe's round trip on this machine. On a machine loaded by other
	// work (CI runs the lab tests beside this one) every goroutine that
	// sleeps or waits for a read wakes late, so a hop costs what the probe
	// during the run measured, when that is more.
	//
	// When the machine cannot give the stack the CPU its 100 requests a
	// second need, requests queue in the emulators and the latency grows
	// through the run, beyond what any one probe sees; requests then reach
	// users after its fault has ended, too. The generator shows it: it
	// cannot keep to its own schedule (a mean lag of 77-500 ms measured
	// under 20 CPU burners, about 2 ms on a quiet machine). Then the
	// latency and the degraded share say nothing about the emulators, and
	// only the counts below, which hold on any machine, are checked.
	rtt := max(medianRTT(t, st.url("gw")+"/healthz"), busy)
	if starved := res.Lag.Mean > 0.020; starved {
		t.Logf("the machine starved the generator (lag mean %.1fms, max %.1fms): p50 (%.2fms) and the degraded share (%d of %d) NOT CHECKED",
			res.Lag.Mean*1e3, res.Lag.Max*1e3, e.Latency.P50*1e3, e.Degraded, res.Sent)
	} else {
		if p50, hi := e.Latency.P50, 0.030+8*rtt; p50 < 0.007 || p50 > hi {
			t.Errorf("p50 %.2fms, want 7ms of work plus at most %.2fms (a hop takes %.2fms; generator lag mean %.1fms)", p50*1e3, hi*1e3, rtt*1e3, res.Lag.Mean*1e3)
		}
		if e.Degraded < res.Sent/5 || e.Degraded > res.Sent/2 {
			t.Errorf("degraded %d of %d, want about a third (users failed for 0.5 of 1.5 s)", e.Degraded, res.Sent)
		}
	}
	for name, want := range map[string]int64{"gw": res.Sent, "orders": res.Sent, "db": res.Sent, "users": res.Sent} {
		m := res.Services[name]
		if m == nil || m.Arrivals != want {
			t.Errorf("service %s: %+v, want %d arrivals", name, m, want)
		}
	}
	if u := res.Services["users"]; u.Failed != e.Degraded || u.Completed != res.Sent-e.Degraded {
		t.Errorf("users: failed %d, completed %d; want the %d degraded answers as its failures", u.Failed, u.Completed, e.Degraded)
	}
	if g := res.Services["gw"]; g.Degraded != e.Degraded || g.Failed != 0 {
		t.Errorf("gw: degraded %d failed %d; want %d and 0", g.Degraded, g.Failed, e.Degraded)
	}
}

func (s *stack) url(service string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return "http://" + s.addrs[service][0]
}

// medianRTT returns the median time of 21 GETs of url, in seconds: what one
// loopback HTTP hop costs on the machine as loaded as it is now.
func medianRTT(t *testing.T, url string) float64 {
	t.Helper()
	var d []float64
	for range 21 {
		t0 := time.Now()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d = append(d, time.Since(t0).Seconds())
	}
	sort.Float64s(d)
	return d[len(d)/2]
}

// probeDuring measures, every 20 ms until the returned function is
// called, what a hop costs on this machine while something else runs: the
// median of a 1 ms sleep's overrun (how late a waiting goroutine wakes,
// which stretches every service time and every read) plus the median
// round trip of a GET of url. It returns seconds.
func probeDuring(url string) func() float64 {
	stop := make(chan struct{})
	done := make(chan float64)
	median := func(d []float64) float64 {
		if len(d) == 0 {
			return 0
		}
		sort.Float64s(d)
		return d[len(d)/2]
	}
	go func() {
		var wake, rtt []float64
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				done <- median(wake) + median(rtt)
				return
			case <-tick.C:
			}
			t0 := time.Now()
			time.Sleep(time.Millisecond)
			wake = append(wake, (time.Since(t0) - time.Millisecond).Seconds())
			t0 = time.Now()
			resp, err := http.Get(url)
			if err != nil {
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			rtt = append(rtt, time.Since(t0).Seconds())
		}
	}()
	return func() float64 { close(stop); return <-done }
}

// Throughput is the rate of answers without error that came inside the
// measured window, as the simulator counts it: a stack that serves 50/s
// under a load of 100/s answers the backlog after the load ends, and those
// answers must not raise the throughput above what it can serve. The
// latency of the answers without error (latency_ok) is measured too.
func TestThroughputIsAnswersInTheWindow(t *testing.T) {
	var (
		mu     sync.Mutex
		served int
		busy   time.Duration // how long the 20 ms sleeps took
	)
	o := server(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock() // one at a time, 20 ms each: at most 50 answers a second
		t0 := time.Now()
		time.Sleep(20 * time.Millisecond)
		busy += time.Since(t0)
		served++
		mu.Unlock()
		if r.URL.Path == "/fail" {
			w.WriteHeader(http.StatusInternalServerError)
		}
	})
	o.Load = load(100, lang.ArrivalConstant, 2*time.Second)
	o.Endpoints = []Endpoint{{Name: "ok", Path: "/", Weight: 9}, {Name: "fail", Path: "/fail", Weight: 1}}
	res := run(t, o)
	e := res.Entry
	mu.Lock()
	sleep := busy / time.Duration(max(served, 1))
	mu.Unlock()
	t.Logf("sent %d, completed %d over %.1fs (elapsed %.1fs): throughput %.1f/s; the 20 ms sleeps took %v on average",
		res.Sent, e.Completed, res.Duration, res.Elapsed, e.Throughput, sleep)
	if e.Failed+e.Completed != res.Sent {
		t.Fatalf("answered %d of %d", e.Failed+e.Completed, res.Sent)
	}
	if e.Throughput > 50*1.1 {
		t.Errorf("throughput %.1f/s of a stack that serves at most 50/s (the drained backlog counted)", e.Throughput)
	}
	// Below: only a collapse fails, under what the stack could serve as
	// the machine ran: the 20 ms sleeps run long on a busy one (load 80
	// gave 26.5/s; 20 CPU burners 13.5/s, the sleeps taking 58 ms), so
	// the stack's rate is one over the mean time they took.
	capacity := 1 / max(sleep, 20*time.Millisecond).Seconds()
	if e.Throughput < capacity*0.9*0.4 {
		t.Errorf("throughput %.1f/s, want near %.1f/s (the stack's rate, the 20 ms sleeps taking %.1fms) × 0.9 (the share of /)",
			e.Throughput, capacity, 1e3/capacity)
	}
	if ok := e.LatencyOK; ok.P50 <= 0 || ok.Mean <= 0 || ok.Max < ok.P99 || ok.Max > e.Latency.Max {
		t.Errorf("latency_ok %+v of %d answers without error (latency %+v)", ok, e.Completed, e.Latency)
	}
}

// A rate the generator cannot keep up with does not stretch the test: it
// ends when the load's time is up, and says how many arrivals of the
// schedule it never sent (a 1 s test at +Inf/s or 5e10/s ran for ever).
func TestBehindScheduleEndsOnTime(t *testing.T) {
	o := server(t, ok)
	o.Load = load(1e10, lang.ArrivalConstant, 300*time.Millisecond)
	o.MaxInFlight = 20
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	t0 := time.Now()
	res, err := Run(ctx, *o)
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(t0)
	t.Logf("sent %d, dropped %d, unsent %d in %v", res.Sent, res.Dropped, res.Unsent, el)
	if res.Interrupted || el > 5*time.Second {
		t.Fatalf("a 300ms test took %v (interrupted: %v)", el, res.Interrupted)
	}
	if want := int64(1e10*0.3) - res.Sent; res.Unsent < want-1 || res.Unsent > want {
		t.Errorf("unsent %d, want %d (3e9 scheduled, %d sent)", res.Unsent, want, res.Sent)
	}
}
