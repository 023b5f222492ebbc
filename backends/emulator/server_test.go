package emulator

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// shop is the seed's "user order list": gateway calls users and, in
// parallel, orders then products.
func shop(work time.Duration) *lang.Spec {
	return testSpec(
		service("gateway", 8, 8, 0, endpoint("list_orders", par(call("users"), seq(call("orders"), call("products"))))),
		service("users", 8, 8, work, endpoint("get")),
		service("orders", 8, 8, work, endpoint("list")),
		service("products", 8, 8, work, endpoint("get")),
	)
}

func TestAggregationParallelAndSequence(t *testing.T) {
	const work = 100 * time.Millisecond
	c := newCluster(t)
	spec := shop(work)
	for _, s := range []string{"users", "orders", "products", "gateway"} {
		c.start(spec, s, 1)
	}
	// Each callee is reached through a proxy that notes when it had the
	// call: when each service worked is known, whatever the machine's
	// speed.
	spans := timeCalls(t, c, "users", "orders", "products")
	start := time.Now()
	code, hdr, r := c.get("gateway", "/list_orders")
	took := time.Since(start)
	if code != http.StatusOK || r.Degraded || hdr.Get(HeaderDegraded) != "" || r.Error != "" {
		t.Fatalf("got %d degraded=%v error=%q", code, r.Degraded, r.Error)
	}
	if r.Service != "gateway" || r.Endpoint != "list_orders" || r.Replica != "gateway-1" {
		t.Errorf("header fields: %+v", r)
	}
	want := []struct{ svc, ep string }{{"users", "get"}, {"orders", "list"}, {"products", "get"}}
	if len(r.Calls) != len(want) {
		t.Fatalf("calls: %+v", r.Calls)
	}
	for i, w := range want {
		cr := r.Calls[i]
		var body Response
		mustUnmarshal(t, cr.Body, &body)
		if cr.Service != w.svc || cr.Status != 200 || cr.Attempts != 1 || body.Service != w.svc || body.Endpoint != w.ep {
			t.Errorf("call %d: %+v, body %+v; want %s/%s", i, cr, body, w.svc, w.ep)
		}
	}
	// users runs beside orders→products: two service times, not three.
	// The gateway called orders before users answered, and users before
	// products answered (a busy machine can start one branch 200 ms after
	// the other), and products only after orders answered.
	u, o, p := spans.get("users"), spans.get("orders"), spans.get("products")
	first, last := u.from, p.to
	if o.from.Before(first) {
		first = o.from
	}
	if u.to.After(last) {
		last = u.to
	}
	calls := last.Sub(first)
	t.Logf("took %v; the calls %v: users %v, orders %v, products %v (ms)", took, calls, u.since(first), o.since(first), p.since(first))
	if !o.from.Before(u.to) || !u.from.Before(p.to) || !p.from.After(o.to) {
		t.Errorf("users %v, orders %v, products %v (ms from the first call); want users beside orders, then products",
			u.since(first), o.since(first), p.since(first))
	}
	// On a quiet machine the whole takes two service times, under three.
	// A busy one wakes sleepers late and stretches the calls (40 CPU
	// burners: 416 ms, 618 ms): the bound is then what the calls took at
	// the callees, from the first call to the last answer, with as much
	// to spare.
	if hi := max(3*work, calls+work) - 10*time.Millisecond; took < 2*work || took >= hi {
		t.Errorf("took %v, the calls %v; want parallel users beside sequential orders→products, in [%v, %v)", took, calls, 2*work, hi)
	}
	// "/" is the first endpoint.
	if code, _, r := c.get("gateway", "/"); code != 200 || r.Endpoint != "list_orders" {
		t.Errorf("GET /: %d %+v", code, r)
	}
}

func TestUnknownEndpointIs404(t *testing.T) {
	c := newCluster(t)
	c.start(shop(0), "users", 1)
	resp, err := http.Get(c.url("users", "/nope"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("got %d", resp.StatusCode)
	}
}

// fire sends n concurrent GETs and returns the status codes.
func fire(t *testing.T, url string, n int) map[int]int {
	t.Helper()
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			resp, err := http.Get(url)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			mu.Lock()
			codes[resp.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return codes
}

func TestWorkersAndQueueReject503WhenFull(t *testing.T) {
	c := newCluster(t)
	spec := testSpec(service("slow", 2, 1, 400*time.Millisecond, endpoint("work")))
	c.start(spec, "slow", 1)
	// 2 in progress + 1 waiting; the other 3 are rejected at once.
	codes := fire(t, c.url("slow", "/work"), 6)
	if codes[200] != 3 || codes[503] != 3 {
		t.Errorf("codes %v; want 3×200 and 3×503", codes)
	}
	st := c.stats("slow")
	if st.Requests != 6 || st.Rejected != 3 || st.Busy != 0 || st.Waiting != 0 {
		t.Errorf("stats %+v", st)
	}
}

// A thread-model caller holds its worker while it waits for its callee; an
// async one does not. The second request is sent once the first is at the
// callee: two sent at once raced, and a second that came while the first
// still held the worker for its local part got a 503 under async (3 runs
// in 60 on an idle machine).
func TestThreadModelHoldsWorkerAcrossCalls(t *testing.T) {
	for _, tc := range []struct {
		model string
		want  int // the second request's status
	}{
		{lang.ModelThread, http.StatusServiceUnavailable},
		{lang.ModelAsync, http.StatusOK},
	} {
		t.Run(tc.model, func(t *testing.T) {
			c := newCluster(t)
			gw := service("gateway", 1, 0, 0, endpoint("get", call("backend")))
			gw.Capacity.Model = tc.model
			// the callee keeps the first request long enough for the
			// second to be sent meanwhile on a busy machine
			spec := testSpec(gw, service("backend", 8, 0, 2*time.Second, endpoint("get")))
			c.start(spec, "backend", 1)
			c.start(spec, "gateway", 1)
			first := make(chan int, 1)
			go func() { first <- status(t, c.url("gateway", "/get")) }()
			eventually(t, "the first request at the callee", func() bool { return c.stats("backend").InFlight == 1 })
			if code := status(t, c.url("gateway", "/get")); code != tc.want {
				t.Errorf("the second request, while the first waits for its callee: %d, want %d", code, tc.want)
			}
			if code := <-first; code != http.StatusOK {
				t.Errorf("the first request: %d, want 200", code)
			}
		})
	}
}

func TestTimeoutAndRetriesAgainstHangingCallee(t *testing.T) {
	c := newCluster(t)
	spec := testSpec(
		service("gateway", 8, 8, 0, endpoint("get", call("backend"))),
		service("backend", 8, 8, 5*time.Second, endpoint("get")), // hangs for the caller
	)
	// The timeout must leave an attempt the time to reach the callee on a
	// busy machine: at 50ms, one in 30 runs under two CPU burners timed
	// out before the callee's handler saw it (2 requests, not 3).
	const timeout = 300 * time.Millisecond
	addLink(spec, &lang.Link{From: "gateway", To: "backend", Timeout: timeout,
		Retry: &lang.Retry{Attempts: 3, Backoff: lang.BackoffConstant, Base: time.Millisecond, Jitter: lang.JitterNone}})
	c.start(spec, "backend", 1)
	c.start(spec, "gateway", 1)
	start := time.Now()
	code, _, r := c.get("gateway", "/get")
	took := time.Since(start)
	if code != http.StatusGatewayTimeout || len(r.Calls) != 1 {
		t.Fatalf("got %d %+v", code, r)
	}
	if cr := r.Calls[0]; cr.Attempts != 3 || cr.Class != lang.RetryOnTimeout || cr.Status != 0 {
		t.Errorf("call %+v", cr)
	}
	if took < 3*timeout || took > 3*timeout+2*time.Second {
		t.Errorf("took %v; want 3 attempts of %v", took, timeout)
	}
	// Each attempt reached the callee, which keeps working (wasted work).
	eventually(t, "3 attempts at the callee", func() bool { return c.stats("backend").Requests == 3 })
	if st := c.stats("backend"); st.InFlight != 3 {
		t.Errorf("callee in flight %d; want 3 (it keeps working after the caller gave up)", st.InFlight)
	}
	ls := c.stats("gateway").Links["backend"]
	if ls.Calls != 1 || ls.Attempts != 3 || ls.Retries != 2 || ls.Timeouts != 3 || ls.Failures != 1 {
		t.Errorf("link stats %+v", ls)
	}
}

func TestRetryOnlyOnListedClasses(t *testing.T) {
	c := newCluster(t)
	spec := testSpec(
		service("gateway", 8, 8, 0, endpoint("get", call("backend"))),
		service("backend", 8, 8, 5*time.Second, endpoint("get")),
	)
	addLink(spec, &lang.Link{From: "gateway", To: "backend", Timeout: 30 * time.Millisecond,
		Retry: &lang.Retry{Attempts: 3, Base: time.Millisecond, On: []string{lang.RetryOn5xx}}})
	c.start(spec, "backend", 1)
	c.start(spec, "gateway", 1)
	if _, _, r := c.get("gateway", "/get"); r.Calls[0].Attempts != 1 {
		t.Errorf("a timeout was retried under on = [5xx]: %+v", r.Calls[0])
	}
}

func TestFallbackDegradesAndPropagates(t *testing.T) {
	c := newCluster(t)
	spec := testSpec(
		service("front", 8, 8, 0, endpoint("get", call("gateway"))),
		service("gateway", 8, 8, 0, endpoint("get", callFallback("users", lang.FallbackDefault), call("orders"))),
		service("users", 8, 8, 0, endpoint("get")),
		service("orders", 8, 8, 0, endpoint("get")),
	)
	c.start(spec, "orders", 1)
	c.start(spec, "gateway", 1)
	c.start(spec, "front", 1)
	c.setAddrs("users", deadAddr(t))
	code, hdr, r := c.get("gateway", "/get")
	if code != 200 || !r.Degraded || hdr.Get(HeaderDegraded) != "1" || len(r.Calls) != 2 {
		t.Fatalf("got %d %v %+v", code, hdr, r)
	}
	if u := r.Calls[0]; u.Fallback != lang.FallbackDefault || !u.Degraded || u.Class != lang.RetryOnRefused {
		t.Errorf("users call %+v", u)
	}
	if o := r.Calls[1]; o.Status != 200 || o.Degraded {
		t.Errorf("orders call %+v", o)
	}
	// One level up, the response is degraded too.
	code, hdr, r = c.get("front", "/get")
	if code != 200 || !r.Degraded || hdr.Get(HeaderDegraded) != "1" || !r.Calls[0].Degraded || r.Calls[0].Fallback != "" {
		t.Errorf("front: %d %+v", code, r)
	}
	if st := c.stats("gateway"); st.Degraded != 2 || st.Errors != 0 {
		t.Errorf("gateway stats %+v", st)
	}
	// Without a fallback the same failure is a 502.
	c.setAddrs("orders", deadAddr(t))
	if code, _, r := c.get("gateway", "/get"); code != http.StatusBadGateway || r.Error == "" {
		t.Errorf("got %d %+v", code, r)
	}
}

// deadAddr returns a 127.0.0.1 address nothing listens on.
func deadAddr(t *testing.T) string {
	ln := listen(t)
	a := ln.Addr().String()
	ln.Close()
	return a
}

// span is when a callee had a call, from the request to its answer.
type span struct{ from, to time.Time }

// since returns the span as offsets from t0, in ms.
func (s span) since(t0 time.Time) [2]float64 {
	return [2]float64{float64(s.from.Sub(t0).Microseconds()) / 1e3, float64(s.to.Sub(t0).Microseconds()) / 1e3}
}

type spans struct {
	mu sync.Mutex
	by map[string]span
}

func (s *spans) get(service string) span {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.by[service]
}

// timeCalls puts a proxy on 127.0.0.1 in front of each service's replica
// and resolves the service to it, and notes the span of the last call each
// proxy passed on.
func timeCalls(t *testing.T, c *cluster, services ...string) *spans {
	t.Helper()
	sp := &spans{by: map[string]span{}}
	for _, name := range services {
		c.mu.Lock()
		addr := c.addrs[name][0]
		c.mu.Unlock()
		proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: addr})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			from := time.Now()
			proxy.ServeHTTP(w, r)
			// Before the handler returns: the answer is flushed after.
			to := time.Now()
			sp.mu.Lock()
			sp.by[name] = span{from, to}
			sp.mu.Unlock()
		}))
		t.Cleanup(srv.Close)
		c.setAddrs(name, strings.TrimPrefix(srv.URL, "http://"))
	}
	return sp
}
