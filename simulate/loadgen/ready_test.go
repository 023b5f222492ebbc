package loadgen

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestWaitReady(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
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
