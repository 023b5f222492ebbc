package simulate

import "testing"

// TestProbability: a call or publish with probability = 0 never happens,
// one without the attribute always does, and 0.5 about half the time.
func TestProbability(t *testing.T) {
	res := mustRun(t, loadVars(t, "testdata/probability", nil), Options{Seed: 1})
	n := res.Entry.Arrivals
	for _, tc := range []struct {
		svc    string
		lo, hi float64 // share of the entry's requests
	}{{"always", 1, 1}, {"never", 0, 0}, {"half", 0.45, 0.55}} {
		got := float64(res.Services[tc.svc].Arrivals) / float64(n)
		if got < tc.lo || got > tc.hi {
			t.Errorf("%s got %.3f of the %d requests, want %g–%g", tc.svc, got, n, tc.lo, tc.hi)
		}
	}
	if q := res.Queues["events"]; q == nil || q.Published != 0 {
		t.Errorf("queue events: %+v, want nothing published", q)
	}
}
