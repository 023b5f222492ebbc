package emulator

import (
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/berth-dev/berth/lang"
)

// blocking serves 200 to every request once release is closed, and counts
// the requests received.
func blocking(t *testing.T) (addr string, got *atomic.Int64, release chan struct{}) {
	got, release = new(atomic.Int64), make(chan struct{})
	ln := listen(t)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		got.Add(1)
		<-release
		w.Write([]byte("{}"))
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), got, release
}

// TestBulkheadFullIsRefused: a call that finds its link's bulkhead full
// fails with the class refused, as in the simulator (docs/simulate.md:
// "class refused, counted as bulkhead_rejected") and lang's classes
// (rejected is the callee's full queue, a 503 answer), so retry.on
// decides alike in a simulation and an emulated run: "refused" retries
// it, "5xx" (which covers a 503 rejection) and "rejected" do not. The
// emulator called it rejected, so on = ["5xx"] retried it and on =
// ["refused"] did not.
func TestBulkheadFullIsRefused(t *testing.T) {
	for _, tc := range []struct {
		on       []string
		attempts int // of the call that finds the bulkhead full
	}{
		{[]string{lang.RetryOnRefused}, 2},
		{[]string{lang.RetryOn5xx}, 1},
		{[]string{lang.RetryOnRejected}, 1},
		{[]string{lang.RetryOnTimeout}, 1},
	} {
		t.Run(tc.on[0], func(t *testing.T) {
			c := newCluster(t)
			spec := testSpec(
				service("gateway", 8, 8, 0, endpoint("get", call("backend"))),
				service("backend", 8, 8, 0, endpoint("get")),
			)
			addLink(spec, &lang.Link{From: "gateway", To: "backend",
				Bulkhead: &lang.Bulkhead{MaxConcurrent: 1},
				// Immediate retries: they find the bulkhead still held.
				Retry: &lang.Retry{Attempts: 2, Backoff: lang.BackoffNone, On: tc.on}})
			addr, got, release := blocking(t)
			c.setAddrs("backend", addr)
			c.start(spec, "gateway", 1)
			held := make(chan int)
			go func() {
				resp, err := http.Get(c.url("gateway", "/get"))
				if err != nil {
					t.Error(err)
					close(held)
					return
				}
				resp.Body.Close()
				held <- resp.StatusCode
			}()
			// The first call holds the only slot until release.
			eventually(t, "the first call at the backend", func() bool { return got.Load() == 1 })
			code, _, r := c.get("gateway", "/get")
			close(release)
			if code := <-held; code != http.StatusOK {
				t.Errorf("the call holding the bulkhead: %d, want 200", code)
			}
			if code != http.StatusBadGateway || len(r.Calls) != 1 {
				t.Fatalf("the call that found the bulkhead full: %d %+v, want 502 with one call", code, r)
			}
			cr := r.Calls[0]
			if cr.Class != lang.RetryOnRefused || cr.Attempts != tc.attempts {
				t.Errorf("on = %v: class %q after %d attempt(s), want %q after %d", tc.on, cr.Class, cr.Attempts, lang.RetryOnRefused, tc.attempts)
			}
			if ls := c.stats("gateway").Links["backend"]; ls.BulkheadFull != int64(tc.attempts) || got.Load() != 1 {
				t.Errorf("link stats %+v, backend saw %d; want %d bulkhead_full, 1 request", ls, got.Load(), tc.attempts)
			}
		})
	}
}
