package simulate

import (
	"fmt"
	"math"
	"testing"
)

// TestTandemTheory runs testdata/tandem, a Jackson tandem front → a → b of
// exponential stations (μ = 2, 1.25, 1) at λ = 0.5, where b sees λ·p:
// front's mean latency is Σ 1/(μᵢ − λᵢ), with b's term weighted by p, plus
// the link latency L each way of each hop taken (2L to a, 2L·p to b). b's
// own sojourn is that of an M/M/1 at λp, and its throughput λp.
func TestTandemTheory(t *testing.T) {
	const lambda = 0.5
	for _, tc := range []struct {
		name    string
		p, hop  float64 // call probability a → b, mean link latency (s)
		latency string
	}{
		{"p=1", 1, 0, "const(0s)"},
		{"p=0.4", 0.4, 0, "const(0s)"},
		{"p=1, 100ms hops", 1, 0.1, "const(100ms)"},
		{"p=0.4, exp(100ms) hops", 0.4, 0.1, "exp(100ms)"},
	} {
		sp := loadVars(t, "testdata/tandem", map[string]string{"probability": fmt.Sprint(tc.p), "latency": tc.latency})
		res := mustRun(t, sp, Options{Seed: 3, Replications: 4})
		f, b := res.Services["front"], res.Services["b"]
		wb := 1 / (1 - lambda*tc.p)
		want := 1/(2-lambda) + 1/(1.25-lambda) + tc.p*wb + 2*tc.hop*(1+tc.p)
		t.Logf("%s: front W %.4f (want %.4f, ci %v); b W %.4f (want %.4f), throughput %.4f (want %.4f)",
			tc.name, f.Latency.Mean, want, f.CI.Mean, b.Latency.Mean, wb, b.Throughput, lambda*tc.p)
		if !within(f.Latency.Mean, want, 0.02, &f.CI.Mean) {
			t.Errorf("%s: front mean %.4f, want %.4f", tc.name, f.Latency.Mean, want)
		}
		if !within(b.Latency.Mean, wb, 0.02, &b.CI.Mean) {
			t.Errorf("%s: b mean %.4f, want 1/(μ − λp) = %.4f", tc.name, b.Latency.Mean, wb)
		}
		if !within(b.Throughput, lambda*tc.p, 0.02, &b.CI.Throughput) {
			t.Errorf("%s: b throughput %.4f, want λp = %.4f", tc.name, b.Throughput, lambda*tc.p)
		}
		if e := res.Entry.Latency.Mean; math.Abs(e-f.Latency.Mean) > 1e-9 {
			t.Errorf("%s: entry mean %.4f, front %.4f: the load has no hop of its own", tc.name, e, f.Latency.Mean)
		}
	}
}
