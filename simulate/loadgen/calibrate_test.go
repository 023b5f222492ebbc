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
	// A busy machine wakes a sleeping goroutine late (8.5 ms late for a
	// 5 ms sleep at load average 40; 25 ms under 20 CPU burners): time
	// 5 ms sleeps beside each calibration to know by how much.
	overrun := sleepOverrunDuring(ProbeWork)
	base, err := Calibrate(ctx, target, 100)
	baseOver := overrun()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loopback: hop %v (median %v), direct %v, chain %v, round trip %v, work overshoot %v; a 5ms sleep beside it overran by %v",
		base.Hop, base.HopMedian, base.Direct, base.Chain, base.RoundTrip, base.WorkOvershoot, baseOver)
	if base.Hop <= 0 || base.Hop > 2*time.Millisecond || base.Chain <= base.Direct {
		t.Errorf("hop %v (direct %v, chain %v): want a positive cost under 2ms", base.Hop, base.Direct, base.Chain)
	}
	// The upper bound is loose, and looser by two of the overruns of a
	// sleep beside it: the work's own sleep wakes late, and so does the
	// client's thread, parked while it waited (a direct answer comes
	// before it parks).
	if w := base.Work - base.Direct; w < ProbeWork || w > 3*ProbeWork+2*baseOver {
		t.Errorf("5ms of work took %v more than a direct request (a 5ms sleep beside it overran by %v)", w, baseOver)
	}

	resp, err := http.Post(st.url(EchoService)+"/_berth/fault", "application/json", strings.NewReader(`{"kind":"slow","delay":"const(5ms)"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	overrun = sleepOverrunDuring(ProbeWork)
	slow, err := Calibrate(ctx, target, 40)
	slowOver := overrun()
	if err != nil {
		t.Fatal(err)
	}
	// Medians: one preempted round trip on a busy machine moves a mean
	// by milliseconds (CI saw 3.77 ms more per hop from the means).
	extra := slow.HopMedian - base.HopMedian
	t.Logf("echo slowed by 5ms: hop %v (median %v), %v more by the medians; a 5ms sleep beside it overran by %v", slow.Hop, slow.HopMedian, extra, slowOver)
	// A sleep only ever oversleeps: by up to 1 ms (the runtime's poller
	// waits in whole milliseconds) plus CPU contention, half of that per
	// hop. Allow 0.25 ms under and 2 ms over, and per round trip two of
	// the overruns of a 5 ms sleep beside it (the callee's sleep, and the
	// caller's thread parked meanwhile): one per hop. Still short of the
	// 5 ms and one and a half overruns a hop that a fault applied on both
	// legs would add.
	if extra < 2250*time.Microsecond || extra > 4500*time.Microsecond+slowOver {
		t.Errorf("a 5ms slower callee made the hop %v longer by the medians, want 2.5ms (plus the %v a 5ms sleep overran by)", extra, slowOver)
	}
}

// sleepOverrunDuring sleeps d every 20 ms until the returned function is
// called, and then returns the trimmed mean of how much longer than d the
// sleeps took: how late a goroutine that waits for a timer wakes on this
// machine meanwhile, as the emulator's work and faults do.
func sleepOverrunDuring(d time.Duration) func() time.Duration {
	stop := make(chan struct{})
	done := make(chan time.Duration)
	go func() {
		var over []time.Duration
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				if len(over) == 0 {
					done <- 0
				} else {
					done <- trimmedMean(over)
				}
				return
			case <-tick.C:
			}
			t0 := time.Now()
			time.Sleep(d)
			over = append(over, time.Since(t0)-d)
		}
	}()
	return func() time.Duration { close(stop); return <-done }
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
