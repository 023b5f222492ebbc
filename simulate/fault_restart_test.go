package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// A slow or error fault lives in the process: a restart ends it, as it
// does the emulator's, whatever the fault's duration. svc does 2 ms of
// work; a 50 ms slow fault from 5 s and an error fault from 6 s, both
// without a duration, end with the kill at 10 s: after the restart at
// 15 s no call fails and the latency is the work alone.
func TestRestartEndsFaults(t *testing.T) {
	sp := failoverSpec(t, lang.BackendCompose, 1, 1, nil, 30*time.Second)
	sp.Scenarios["f"] = &lang.Scenario{Name: "f", Load: "l", Faults: []*lang.Fault{
		{Kind: lang.FaultSlow, Service: "svc", Replicas: 1, At: 5 * time.Second, Delay: pd(t, "const(50ms)")},
		{Kind: lang.FaultError, Service: "svc", Probability: 0.5, At: 6 * time.Second},
		{Kind: lang.FaultKill, Service: "svc", Replicas: 1, At: 10 * time.Second},
	}}
	res := mustRun(t, sp, Options{Seed: 1, Scenario: "f"})
	if r := eventAt(res.Report, "restart"); r != 15 {
		t.Fatalf("restart at %v, want 15 s", r)
	}
	if e := errorsIn(res.Report, 6, 10); e == 0 {
		t.Errorf("no errors 6–10 s: the error fault did not start")
	}
	if e := errorsIn(res.Report, 16, 30); e != 0 {
		t.Errorf("%v errors after the restart, want 0: the error fault should end with the process", e)
	}
	for _, p := range res.Services["svc"].Series[16:29] {
		if p.P99 > 0.003 {
			t.Errorf("p99 %v s at %v s after the restart, want the 2 ms of work: the slow fault should end with the process", p.P99, p.Time)
		}
	}
}
