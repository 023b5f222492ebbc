package loadgen

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Calibrate finds the cost of a hop between two in-process emulators, and
// finds the extra delay a slow fault on the callee adds to each hop: 5 ms
// more per round trip is 2.5 ms more per hop (one way).
func TestCalibrateInProcess(t *testing.T) {
	spec := ProbeSpec("cal", 0)
	st := newStack(t)
	target := st.start(spec, ProbeService)
	ctx := context.Background()
	base, err := Calibrate(ctx, target, 100)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loopback: hop %v (median %v), direct %v, chain %v, round trip %v, work overshoot %v",
		base.Hop, base.HopMedian, base.Direct, base.Chain, base.RoundTrip, base.WorkOvershoot)
	if base.Hop <= 0 || base.Hop > 2*time.Millisecond || base.Chain <= base.Direct {
		t.Errorf("hop %v (direct %v, chain %v): want a positive cost under 2ms", base.Hop, base.Direct, base.Chain)
	}
	// The upper bound is loose: on a busy shared machine a 5 ms sleep
	// overshoots by several ms (8.5 ms seen at load average 40).
	if w := base.Work - base.Direct; w < ProbeWork || w > 3*ProbeWork {
		t.Errorf("5ms of work took %v more than a direct request", w)
	}

	resp, err := http.Post(st.url(EchoService)+"/_berth/fault", "application/json", strings.NewReader(`{"kind":"slow","delay":"const(5ms)"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	slow, err := Calibrate(ctx, target, 40)
	if err != nil {
		t.Fatal(err)
	}
	// Medians: one preempted round trip on a busy machine moves a mean
	// by milliseconds (CI saw 3.77 ms more per hop from the means).
	extra := slow.HopMedian - base.HopMedian
	t.Logf("echo slowed by 5ms: hop %v (median %v), %v more by the medians", slow.Hop, slow.HopMedian, extra)
	// A sleep only ever oversleeps: by up to 1 ms (the runtime's poller
	// waits in whole milliseconds) plus CPU contention, half of that per
	// hop. Allow 0.25 ms under and 2 ms over: still well short of the
	// 5 ms a fault applied on both legs of the hop would add.
	if extra < 2250*time.Microsecond || extra > 4500*time.Microsecond {
		t.Errorf("a 5ms slower callee made the hop %v longer by the medians, want 2.5ms", extra)
	}
}

func TestFormatHop(t *testing.T) {
	for d, want := range map[time.Duration]string{
		214 * time.Microsecond:                   "0.214ms",
		214*time.Microsecond + 400:               "0.214ms",
		1500 * time.Microsecond:                  "1.5ms",
		0:                                        "0ms",
		3*time.Millisecond + 20*time.Microsecond: "3.02ms",
	} {
		if got := FormatHop(d); got != want {
			t.Errorf("FormatHop(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestCalibrateRefusesOtherHosts(t *testing.T) {
	u, _ := CheckTarget("127.0.0.1:1")
	u.Host = "192.0.2.1:80"
	if _, err := Calibrate(context.Background(), u, 10); err == nil {
		t.Error("Calibrate against 192.0.2.1: no error")
	}
}
