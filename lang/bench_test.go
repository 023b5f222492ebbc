package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// genSpec writes a spec of n services; service i calls the next three
// (no cycles), each call with a link carrying a timeout, retry and breaker.
func genSpec(n int) string {
	var sb strings.Builder
	sb.WriteString("berth {\n  project = \"bench\"\n  nodes   = 4\n}\n\nnetwork \"backend\" {}\n\n")
	sb.WriteString("variable \"replicas\" {\n  type    = number\n  default = 2\n}\n\nlocals {\n  env = { LOG_LEVEL = \"info\" }\n}\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "service \"s%d\" {\n  image    = \"bench/s%d:1\"\n  replicas = var.replicas\n  networks = [network.backend]\n  env      = merge(local.env, { ID = \"%d\" })\n", i, i, i)
		sb.WriteString("  capacity {\n    workers      = 32\n    service_time = \"lognormal(2ms, 10ms)\"\n  }\n  endpoint \"get\" {\n")
		for k := 1; k <= 3 && i+k < n; k++ {
			fmt.Fprintf(&sb, "    call \"s%d\" {}\n", i+k)
		}
		sb.WriteString("  }\n}\n\n")
		for k := 1; k <= 3 && i+k < n; k++ {
			fmt.Fprintf(&sb, "link \"s%d\" \"s%d\" {\n  timeout = \"300ms\"\n  retry {\n    attempts = 2\n  }\n  circuit_breaker {\n    failure_rate = 0.5\n  }\n}\n\n", i, i+k)
		}
	}
	sb.WriteString("load \"peak\" {\n  entry = service.s0\n  rate  = 100\n}\n")
	return sb.String()
}

// BenchmarkLoad1000 loads and validates a generated spec of 1,000
// services with 3 links each (target: ≤ 50 ms and < 100 MB per load).
func BenchmarkLoad1000(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(genSpec(1000)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, diags := NewLoader().Load(dir, Options{Environ: []string{}})
		if diags.HasErrors() || len(s.Services) != 1000 || len(s.Links) != 2994 {
			b.Fatalf("load: %d services, %d links\n%s", len(s.Services), len(s.Links), diagText(diags))
		}
	}
}
