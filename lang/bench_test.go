package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/internal/gcpolicy"
)

// genSpec writes a spec of n services; service i calls the next three
// (no cycles) and declares a link with a timeout for each call. A rich
// spec gives every service an image, replicas from a variable, networks,
// env from a merge and a capacity block, and every link a retry and a
// circuit breaker too.
func genSpec(n int, rich bool) string {
	var sb strings.Builder
	sb.WriteString("berth {\n  project = \"bench\"\n  nodes   = 4\n}\n\nnetwork \"backend\" {}\n\n")
	sb.WriteString("variable \"replicas\" {\n  type    = number\n  default = 2\n}\n\nlocals {\n  env = { LOG_LEVEL = \"info\" }\n}\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "service \"s%d\" {\n", i)
		if rich {
			fmt.Fprintf(&sb, "  image    = \"bench/s%d:1\"\n  replicas = var.replicas\n  networks = [network.backend]\n  env      = merge(local.env, { ID = \"%d\" })\n", i, i)
			sb.WriteString("  capacity {\n    workers      = 32\n    service_time = \"lognormal(2ms, 10ms)\"\n  }\n")
		} else {
			sb.WriteString("  replicas = 2\n  capacity {\n    service_time = \"exp(2ms)\"\n  }\n")
		}
		sb.WriteString("  endpoint \"get\" {\n")
		for k := 1; k <= 3 && i+k < n; k++ {
			fmt.Fprintf(&sb, "    call \"s%d\" {}\n", i+k)
		}
		sb.WriteString("  }\n}\n\n")
		for k := 1; k <= 3 && i+k < n; k++ {
			fmt.Fprintf(&sb, "link \"s%d\" \"s%d\" {\n  timeout = \"300ms\"\n", i, i+k)
			if rich {
				sb.WriteString("  retry {\n    attempts = 2\n  }\n  circuit_breaker {\n    failure_rate = 0.5\n  }\n")
			}
			sb.WriteString("}\n\n")
		}
	}
	sb.WriteString("load \"peak\" {\n  entry = service.s0\n  rate  = 100\n}\n")
	return sb.String()
}

// BenchmarkLoad1000 loads and validates a generated spec of 1,000
// services with 3 calls and 3 links each (target: ≤ 50 ms and < 100 MB).
// It runs twice: gc=default at the runtime's GC setting (what a library
// user gets), gc=berth at the berth command's (internal/gcpolicy).
func BenchmarkLoad1000(b *testing.B) { benchGCSettings(b, genSpec(1000, false)) }

// BenchmarkLoad1000Rich is the same graph with every service and link
// carrying the attributes of a production spec (about 2.7 times the text).
func BenchmarkLoad1000Rich(b *testing.B) { benchGCSettings(b, genSpec(1000, true)) }

func benchGCSettings(b *testing.B, src string) {
	b.Run("gc=default", func(b *testing.B) { benchLoad(b, src) })
	b.Run("gc=berth", func(b *testing.B) {
		defer gcpolicy.Set()()
		benchLoad(b, src)
	})
}

func benchLoad(b *testing.B, src string) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	runtime.GC()
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, diags := NewLoader().Load(dir, Options{Environ: []string{}})
		if diags.HasErrors() || len(s.Services) != 1000 || len(s.Links) != 2994 {
			b.Fatalf("load: %d services, %d links\n%s", len(s.Services), len(s.Links), diagText(diags))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(peakHeapMB(func() { NewLoader().Load(dir, Options{Environ: []string{}}) }), "peak-heap-MB")
}

// peakHeapMB runs fn once and returns the highest live heap seen while it
// ran (sampled every half millisecond, after a GC), in MB.
func peakHeapMB(fn func()) float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base, peak := read(), uint64(0)
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(500 * time.Microsecond)
		defer tick.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	done <- struct{}{}
	return float64(peak-min(base, peak)) / 1e6
}
