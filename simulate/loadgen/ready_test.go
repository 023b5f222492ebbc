package loadgen

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/internal/freeport"
)

func TestWaitReady(t *testing.T) {
	// A port nothing listens on, which the server below takes 0.6 s later:
	// below the ephemeral range, where no connection takes it meanwhile.
	port, err := freeport.Range(1)
	if err != nil {
		t.Fatal(err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	target, _ := CheckTarget(addr)
	ctx := context.Background()

	if err := WaitReady(ctx, target, 300*time.Millisecond); err == nil || !strings.Contains(err.Error(), "nothing answers") {
		t.Errorf("nothing listening: %v", err)
	}

	// The server comes up after 300 ms, answering 503 (not healthy yet is
	// still an answer).
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})}
	go func() {
		time.Sleep(300 * time.Millisecond)
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Errorf("the server cannot listen on %s: %v", addr, err)
			return
		}
		srv.Serve(ln)
	}()
	defer srv.Close()
	t0 := time.Now()
	if err := WaitReady(ctx, target, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(t0); el < 250*time.Millisecond {
		t.Errorf("ready after %v, before the server started", el)
	}
	rt, err := RoundTrip(ctx, target, 10)
	if err != nil || rt <= 0 || rt > time.Second {
		t.Errorf("round trip %v, %v", rt, err)
	}
}

// A target that accepts connections and never answers (an emulator under
// a hang fault, a stuck process) is not ready: WaitReady gives up after
// wait, and RoundTrip and FetchJSON after their own bound, instead of
// waiting for ever.
func TestWaitReadyNeverAnswering(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	target, _ := CheckTarget(srv.URL)
	ctx := context.Background()

	t0 := time.Now()
	err := WaitReady(ctx, target, 500*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "nothing answers") {
		t.Errorf("a target that never answers: %v", err)
	}
	if el := time.Since(t0); el > 3*time.Second {
		t.Errorf("WaitReady --wait 500ms gave up after %v", el)
	}

	// Ctrl-C during the wait says so, not only "context canceled".
	cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if err := WaitReady(cctx, target, time.Minute); err == nil || !strings.Contains(err.Error(), "stopped while waiting") {
		t.Errorf("interrupted wait: %v", err)
	}

	bounded := func(name string, f func(context.Context) error) {
		t.Helper()
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		t0 := time.Now()
		if err := f(ctx); err == nil {
			t.Errorf("%s: no error from a target that never answers", name)
		}
		if el := time.Since(t0); el > 15*time.Second {
			t.Errorf("%s gave up after %v", name, el)
		}
	}
	bounded("RoundTrip", func(ctx context.Context) error { _, err := RoundTrip(ctx, target, 3); return err })
	bounded("FetchJSON", func(ctx context.Context) error { var v any; return FetchJSON(ctx, target, "/_berth/stats", &v) })
}
