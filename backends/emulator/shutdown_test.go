package emulator

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"testing"
	"time"
)

func TestHealthzStatsAndGracefulShutdown(t *testing.T) {
	cfg, err := Compile(testSpec(service("slow", 4, 4, 300*time.Millisecond, endpoint("work"))), "slow")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(cfg, Options{Log: log.New(io.Discard, "", 0), ShutdownGrace: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ln := listen(t)
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	if code := status(t, base+"/healthz"); code != 200 {
		t.Fatalf("/healthz: %d", code)
	}
	if err := Probe(context.Background(), base+"/healthz"); err != nil {
		t.Errorf("Probe: %v", err)
	}
	// A request in flight when SIGTERM comes still gets its answer.
	got := make(chan int, 1)
	go func() { got <- status(t, base+"/work") }()
	eventually(t, "the request in flight", func() bool { return s.Stats().InFlight == 1 })
	cancel()
	eventually(t, "/healthz to fail", func() bool { return !s.healthy.Load() })
	if code := <-got; code != 200 {
		t.Errorf("in-flight request: %d", code)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return")
	}
	if err := Probe(context.Background(), base+"/healthz"); err == nil {
		t.Error("Probe of a stopped emulator succeeded")
	}
	st := s.Stats()
	js, _ := json.Marshal(st)
	if st.Requests != 1 || st.InFlight != 0 || st.Errors != 0 {
		t.Errorf("stats %s", js)
	}
}

func TestStatsEndpoint(t *testing.T) {
	c := newCluster(t)
	c.start(shop(0), "users", 1)
	c.get("users", "/get")
	resp, err := http.Get(c.url("users", "/_berth/stats"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st Stats
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	if st.Service != "users" || st.Requests != 1 || st.Replica != "users-1" {
		t.Errorf("stats %+v", st)
	}
}

func status(t *testing.T, url string) int {
	resp, err := http.Get(url)
	if err != nil {
		t.Error(err)
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
