package whatif

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/lang"
)

// pruneLoadSpec is one worker taking 10 ms a request behind load "l"
// (its lines given), with a p99 objective.
func pruneLoadSpec(t *testing.T, load, p99 string) *lang.Spec {
	t.Helper()
	src := fmt.Sprintf(`
service "api" {
  capacity {
    workers      = 1
    queue        = 100000
    service_time = "10ms"
  }
}

load "l" {
  entry    = service.api
  duration = "20s"
%s
}

slo "tail" {
  service = "api"
  p99     = %q
}
`, load, p99)
	spec, diags := lang.NewLoader().Load("p", lang.Options{FS: fstest.MapFS{"p/main.berth.hcl": {Data: []byte(src)}}, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return spec
}

// TestPruneBurstyAndClosedLoads: pruning fails a configuration without
// simulating it, so it may only use a rate the load offers for sure.
//
// A bursty load is pruned at its mean rate, never at the height of its
// bursts: 50/s in 1 s bursts every 5 s sends 250/s during a burst, ρ =
// 2.5 on one 10 ms worker, but the backlog of a burst (1.5 s of work)
// drains before the next one and the configuration passes a p99 of 5 s.
// At 3× the mean rate alone is ρ = 1.5: pruned, and simulated it fails.
//
// A closed load is never pruned: its users wait for their answers, so it
// never drives ρ to 1 or more (its throughput is at most min(users /
// (R0 + Z), capacity)); users / (R0 + Z), an upper bound, puts 50 users
// at ρ = 45, yet they pass a p99 of 2 s (R ≈ 50 × 10 ms). 1000 users fail
// a p99 of 100 ms, found by simulating them.
func TestPruneBurstyAndClosedLoads(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates")
	}
	bursty := `  rate    = 50
  arrival = "bursty"
  burst {
    on  = "1s"
    off = "4s"
  }`
	for _, tc := range []struct {
		name, load, p99 string
		scale           float64
		want            string // status with pruning
		// overRho is a rate the load never offers for sure at which the
		// worker's ρ ≥ 1 (burst height, closed upper bound): pruning at it
		// would discard a passing configuration.
		overRho float64
	}{
		{"bursty 1x", bursty, "5s", 1, StatusPass, 250},
		{"bursty 1.5x", bursty, "5s", 1.5, StatusPass, 375},
		{"bursty 3x", bursty, "5s", 3, StatusPruned, 0},
		{"closed 50 users", "  users = 50\n  think_time = \"1ms\"", "2s", 1, StatusPass, 50 / 0.011},
		{"closed 50 users thinking", "  users = 50\n  think_time = \"exp(100ms)\"", "2s", 1, StatusPass, 50 / 0.11},
		{"closed 1000 users", "  users = 1000\n  think_time = \"1ms\"", "100ms", 1, StatusFail, 0},
		// A closed load built with a rate left in its profile (the
		// decoder refuses one; a caller of the API can leave it): the
		// simulator ignores it, and so must pruning.
		{"closed 50 users, stray rate", "  users = 50\n  think_time = \"1ms\"", "2s", 1, StatusPass, 50 / 0.011},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := pruneLoadSpec(t, tc.load, tc.p99)
			ld := spec.Loads["l"]
			if tc.name == "closed 50 users, stray rate" {
				ld.Profile = lang.RateProfile{Kind: lang.ProfileConstant, Rate: 1000}
			}
			if ld.Closed() {
				if x := float64(ld.Users) / (ResponseTime(spec, ld) + ld.ThinkTime.Mean()); tc.overRho > 0 && x < tc.overRho*0.99 {
					t.Fatalf("users / (R0 + Z) = %g, want %g", x, tc.overRho)
				}
			}
			if tc.overRho > 0 {
				if rho := OfferedLoad(spec, ld, tc.overRho*tc.scale).Local["api"]; rho < 1 {
					t.Fatalf("ρ(api) at %g/s = %g; the case needs it ≥ 1", tc.overRho*tc.scale, rho)
				}
			}
			for _, noPrune := range []bool{false, true} {
				res, diags := Search(spec, Options{Scales: []float64{tc.scale}, Replications: 1, Seed: 1, NoPrune: noPrune})
				if diags.HasErrors() {
					t.Fatal(diags)
				}
				if len(res.Trials) != 1 {
					t.Fatalf("no-prune %v: %d trials, want 1", noPrune, len(res.Trials))
				}
				tr, want := res.Trials[0], tc.want
				if noPrune && want == StatusPruned {
					want = StatusFail // what pruning said, simulated
				}
				t.Logf("no-prune %v: %s %s p99 %.3fs", noPrune, tr.Status, tr.Reason, tr.P99)
				if tr.Status != want {
					t.Errorf("no-prune %v: %s (%s, p99 %.3fs), want %s", noPrune, tr.Status, tr.Reason, tr.P99, want)
				}
			}
		})
	}
}
