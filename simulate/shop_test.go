package simulate

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// loadDir loads a spec directory with the real loader.
func loadDir(t testing.TB, dir string) *lang.Spec { return loadVars(t, dir, nil) }

// loadVars loads a spec directory with -var values; any diagnostic fails.
func loadVars(t testing.TB, dir string, vars map[string]string) *lang.Spec {
	t.Helper()
	sp, diags := lang.NewLoader().Load(dir, lang.Options{Environ: []string{}, Vars: vars})
	if len(diags) > 0 || sp == nil {
		t.Fatalf("load %s: %v", dir, diags)
	}
	return sp
}

var shopDir = filepath.Join("..", "examples", "shop")

// TestShop runs every load and scenario of examples/shop and checks the
// simulator's own invariants on each.
func TestShop(t *testing.T) {
	sp := loadDir(t, shopDir)
	res, diags := Run(sp, Options{Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, r := range res.Runs {
		t.Logf("%-30s entry %.0f/s err %.4f p50 %.1fms p99 %.1fms pass=%v", r.Name, r.Entry.Throughput, r.Entry.ErrorRate,
			r.Entry.Latency.P50*1e3, r.Entry.Latency.P99*1e3, r.Pass)
		for _, v := range r.Verdicts {
			if !v.Pass {
				t.Logf("   FAIL %s %s %s %s %g measured %g (%s)", v.Source, v.Target, v.Metric, v.Op, v.Bound, v.Measured, v.Pos)
			}
		}
	}
}

// BenchmarkShop: examples/shop at its peak load for 1,000,000 gateway
// requests, one core.
func BenchmarkShop(b *testing.B) {
	sp := loadDir(b, shopDir)
	ld := sp.Loads["peak"]
	want := 1e6
	if v, err := strconv.ParseFloat(os.Getenv("BERTH_BENCH_REQUESTS"), 64); err == nil && v > 0 {
		want = v // shorter runs for A/B comparisons on a busy machine
	}
	dur := time.Duration(want / ld.Profile.Rate * 1e9)
	b.ReportAllocs()
	cpu0 := cpuNow()
	var n int64
	for i := 0; i < b.N; i++ {
		res, diags := Run(sp, Options{Seed: uint64(i + 1), Load: "peak", Duration: dur})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		n += res.Entry.Arrivals
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "requests/s")
	b.ReportMetric(float64(cpuNow()-cpu0)/float64(b.N)/1e9, "cpu-s/op")
	b.ReportMetric(float64(cpuNow()-cpu0)/float64(n), "cpu-ns/request")
}
