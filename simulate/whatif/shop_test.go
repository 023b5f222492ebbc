package whatif

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// loadShop loads the shop, with old → new replaced once in main.berth.hcl
// when given.
func loadShop(t *testing.T, replace ...string) (*lang.Spec, *lang.Loader) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"main.berth.hcl", "services.berth.hcl", "links.berth.hcl", "load.berth.hcl", "secrets/db_password.txt"} {
		src, err := os.ReadFile(filepath.Join("../../examples/shop", name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "main.berth.hcl" && len(replace) == 2 {
			if !strings.Contains(string(src), replace[0]) {
				t.Fatalf("main.berth.hcl holds no %q", replace[0])
			}
			src = []byte(strings.Replace(string(src), replace[0], replace[1], 1))
		}
		fsys["shop/"+name] = &fstest.MapFile{Data: src}
	}
	l := lang.NewLoader()
	spec, diags := l.Load("shop", lang.Options{FS: fsys, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return spec, l
}

// TestShopSurvivesReplicaLoss: does the shop survive losing an orders
// replica at peak, and what capacity makes it survive? With one orders
// replica (var.orders_replicas defaulting to 1) the kill leaves none
// until compose restarts it, so the scenario fails; the search answers 2
// and writes the change as the variable's new default.
func TestShopSurvivesReplicaLoss(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates the shop")
	}
	spec, l := loadShop(t, "default     = 2", "default     = 1")
	dim, _ := ParseVary("orders.replicas=1..4")
	cases := []simulate.Case{{Load: "peak", Scenario: "orders-replica-loss"}}
	res, diags := Search(spec, Options{Cases: cases, Dims: []Dimension{dim}, Replications: 3, Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	status := map[float64]string{}
	for _, tr := range res.Trials {
		status[tr.Values[0]] = tr.Status
	}
	if status[1] != StatusFail {
		t.Errorf("one orders replica: %q, want the loss of it to fail the scenario (trials %v)", status[1], status)
	}
	best := res.Best[0].Trial
	if best == nil || best.Values[0] != 2 {
		t.Fatalf("cheapest passing: %+v, want 2 orders replicas (trials %v)", best, status)
	}
	e, err := EditFor(spec, l.Files(), res.Dims, best.Values)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Diff, "-  default     = 1\n+  default     = 2\n") {
		t.Errorf("the edit should set var.orders_replicas's default to 2:\n%s", e.Diff)
	}
}

// TestShopBreakingLoad: the load multiplier at which the gateway starts
// to fail its SLO (list_orders p99 ≤ 500 ms). It holds at 1× and cannot
// hold past the analytic saturation of the bottleneck (orders-db's cores
// at ρ = 0.5 per 1×, so 2×); the search must land in between, and the
// next multiplier must have failed in simulation.
func TestShopBreakingLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates the shop")
	}
	spec, _ := loadShop(t)
	scales, _ := ParseScale("0.5..3")
	res, diags := Search(spec, Options{Cases: []simulate.Case{{Load: "peak"}}, Scales: scales, Replications: 2, Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ld := spec.Loads["peak"]
	_, rho := OfferedLoad(spec, ld, ld.Profile.Peak()).Bottleneck()
	saturation := 1 / rho
	if res.MaxScale < 1 || res.MaxScale >= saturation {
		t.Errorf("breaking multiplier %.1f: want it in [1, %.2f) (the shop passes at 1×; ρ = %.2f saturates at %.2f×)", res.MaxScale, saturation, rho, saturation)
	}
	failedNext := false
	for _, tr := range res.Trials {
		if tr.Scale > res.MaxScale && tr.Scale < res.MaxScale+0.15 && tr.Status != StatusPass {
			failedNext = true
		}
		if tr.Scale > saturation && tr.Status != StatusPruned {
			t.Errorf("%.1f× is past saturation and was simulated, not pruned", tr.Scale)
		}
	}
	if !failedNext {
		t.Errorf("the multiplier after %.1f was not shown to fail; trials: %+v", res.MaxScale, res.Trials)
	}
	t.Logf("the gateway's SLO holds up to %.1f× the peak (%.0f/s); saturation at %.2f×", res.MaxScale, res.MaxScale*ld.Profile.Peak(), saturation)
}
