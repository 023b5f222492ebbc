package simulate

import "testing"

// TestSlowFaultMG1 runs testdata/slow: under a slow fault the service time
// is the work S ~ exp(1 s) plus the delay D, both holding the one worker,
// so s is an M/G/1 with E[S'] = 1 + E[D], E[S'²] = 2 + 2E[D] + E[D²], and
// W = λE[S'²]/(2(1 − λE[S'])) + E[S'] (Pollaczek–Khinchine). The load
// without the fault is the M/M/1 it was.
func TestSlowFaultMG1(t *testing.T) {
	const lambda = 0.5
	for _, tc := range []struct {
		delay   string
		ed, ed2 float64 // E[D], E[D²]
	}{
		{"const(500ms)", 0.5, 0.25},
		{"exp(500ms)", 0.5, 0.5},
	} {
		sp := loadVars(t, "testdata/slow", map[string]string{"delay": tc.delay})
		res := mustRun(t, sp, Options{Seed: 6, Replications: 4})
		var plain, slow *Report
		for _, r := range res.Runs {
			if r.Scenario == "slow" {
				slow = r
			} else {
				plain = r
			}
		}
		es, es2 := 1+tc.ed, 2+2*tc.ed+tc.ed2
		want := lambda*es2/(2*(1-lambda*es)) + es
		s := slow.Services["s"]
		t.Logf("slow %s: W %.4f (want %.4f, ci %v) util %.4f (want %.4f); no fault W %.4f (want 2)",
			tc.delay, s.Latency.Mean, want, s.CI.Mean, s.Utilization, lambda*es, plain.Services["s"].Latency.Mean)
		if !within(s.Latency.Mean, want, 0.02, &s.CI.Mean) {
			t.Errorf("slow %s: mean sojourn %.4f, want %.4f", tc.delay, s.Latency.Mean, want)
		}
		if !within(s.Utilization, lambda*es, 0.02, &s.CI.Utilization) {
			t.Errorf("slow %s: utilisation %.4f, want %.4f", tc.delay, s.Utilization, lambda*es)
		}
		if m := plain.Services["s"]; !within(m.Latency.Mean, 2, 0.02, &m.CI.Mean) {
			t.Errorf("no fault: mean sojourn %.4f, want M/M/1's 2", m.Latency.Mean)
		}
	}
}

// TestSlowFaultWithoutWork runs testdata/slowbare: a slow fault on a
// service without local work adds its delay all the same (it once added
// nothing: the delay was drawn only when local work ended), so s becomes
// an M/G/1 whose service time is the delay D: M/M/1 for exp(1 s), M/D/1
// for const(1 s), at λ = 0.5.
func TestSlowFaultWithoutWork(t *testing.T) {
	const lambda = 0.5
	for _, tc := range []struct {
		delay   string
		ed, ed2 float64 // E[D], E[D²]
	}{
		{"exp(1s)", 1, 2},
		{"const(1s)", 1, 1},
	} {
		sp := loadVars(t, "testdata/slowbare", map[string]string{"delay": tc.delay})
		res := mustRun(t, sp, Options{Seed: 6, Scenario: "slow", Replications: 4})
		checkMG1(t, "slow "+tc.delay+" without work", res.Services["s"], lambda, tc.ed, tc.ed2)
	}
}
