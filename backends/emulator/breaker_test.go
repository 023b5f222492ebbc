package emulator

import (
	"encoding/json"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

func listen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// failing serves 500 to every request and counts them.
func failing(t *testing.T) (addr string, hits *atomic.Int64) {
	hits = new(atomic.Int64)
	ln := listen(t)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), hits
}

func mustUnmarshal(t *testing.T, raw []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%v in %s", err, raw)
	}
}

func TestBreakerOpensThenProbes(t *testing.T) {
	c := newCluster(t)
	spec := testSpec(
		service("gateway", 8, 8, 0, endpoint("get", call("backend"))),
		service("backend", 8, 8, 0, endpoint("get")),
	)
	addLink(spec, &lang.Link{From: "gateway", To: "backend", CircuitBreaker: &lang.CircuitBreaker{
		Window: 10 * time.Second, MinCalls: 5, FailureRate: 0.5, OpenFor: 300 * time.Millisecond, HalfOpenCalls: 1}})
	addr, hits := failing(t)
	c.setAddrs("backend", addr)
	c.start(spec, "gateway", 1)
	for i := range 20 {
		code, _, r := c.get("gateway", "/get")
		if code != http.StatusBadGateway {
			t.Fatalf("request %d: %d", i, code)
		}
		if i >= 5 && r.Calls[0].Error != "circuit breaker open" {
			t.Errorf("request %d went through: %+v", i, r.Calls[0])
		}
	}
	if n := hits.Load(); n != 5 {
		t.Errorf("callee saw %d calls; want 5 (then the breaker opened)", n)
	}
	ls := c.stats("gateway").Links["backend"]
	if ls.ShortCircuited != 15 || ls.Breaker != "open" {
		t.Errorf("link stats %+v", ls)
	}
	time.Sleep(350 * time.Millisecond) // open_for passes: one trial goes through
	c.get("gateway", "/get")
	c.get("gateway", "/get")
	if n := hits.Load(); n != 6 {
		t.Errorf("callee saw %d calls; want 6 (one half-open trial, which failed)", n)
	}
}

func TestBulkheadRejectsOverflow(t *testing.T) {
	c := newCluster(t)
	spec := testSpec(
		service("gateway", 8, 8, 0, endpoint("get", call("backend"))),
		service("backend", 8, 8, 300*time.Millisecond, endpoint("get")),
	)
	addLink(spec, &lang.Link{From: "gateway", To: "backend", Bulkhead: &lang.Bulkhead{MaxConcurrent: 1}})
	c.start(spec, "backend", 1)
	c.start(spec, "gateway", 1)
	codes := fire(t, c.url("gateway", "/get"), 2)
	if codes[200] != 1 || codes[502] != 1 {
		t.Errorf("codes %v", codes)
	}
	if ls := c.stats("gateway").Links["backend"]; ls.BulkheadFull != 1 || ls.Attempts != 1 {
		t.Errorf("link stats %+v", ls)
	}
}

func TestRoundRobinOverReplicas(t *testing.T) {
	c := newCluster(t)
	spec := testSpec(
		service("gateway", 8, 8, 0, endpoint("get", call("backend"))),
		service("backend", 8, 8, 0, endpoint("get")),
	)
	addLink(spec, &lang.Link{From: "gateway", To: "backend", LoadBalancing: lang.LBRoundRobin})
	c.start(spec, "backend", 3)
	c.start(spec, "gateway", 1)
	seen := map[string]int{}
	for range 9 {
		_, _, r := c.get("gateway", "/get")
		var b Response
		mustUnmarshal(t, r.Calls[0].Body, &b)
		seen[b.Replica]++
	}
	if len(seen) != 3 || seen["backend-1"] != 3 || seen["backend-2"] != 3 || seen["backend-3"] != 3 {
		t.Errorf("replicas seen %v", seen)
	}
}
