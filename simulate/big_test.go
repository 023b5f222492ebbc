package simulate

import (
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestBigRun is the memory check, run by hand:
//
//	BERTH_BIG=100000000 go test ./simulate -run TestBigRun -v -timeout 2h
//
// It simulates that many requests (M/M/4 at ρ = 0.9; BERTH_BIG_SPEC=shop
// runs examples/shop at its peak instead) and reports the peak RSS, which
// must stay under 200 MB: memory does not grow with the number of
// requests (pooled jobs, fixed histograms, at most MaxPoints per series).
func TestBigRun(t *testing.T) {
	n, _ := strconv.ParseFloat(os.Getenv("BERTH_BIG"), 64)
	if n <= 0 {
		t.Skip("set BERTH_BIG=<requests> to run")
	}
	sp := mmc(t, 3.6, 1, 4, n)
	opts := Options{Seed: 1}
	if os.Getenv("BERTH_BIG_SPEC") == "shop" {
		sp = loadDir(t, shopDir)
		opts.Load = "peak"
		opts.Duration = time.Duration(n / sp.Loads["peak"].Profile.Rate * 1e9)
	}
	start := time.Now()
	res := mustRun(t, sp, opts)
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%.0f requests (entry arrivals %d) in %v; peak RSS %.1f MB; Go heap in use %.1f MB, total allocated %.1f MB",
		n, res.Entry.Arrivals, time.Since(start).Round(time.Millisecond), float64(ru.Maxrss)/1024, float64(ms.HeapInuse)/1e6, float64(ms.TotalAlloc)/1e6)
	if rss := float64(ru.Maxrss) / 1024; rss > 200 {
		t.Errorf("peak RSS %.1f MB, want ≤ 200 MB", rss)
	}
}
