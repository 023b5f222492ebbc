package simulate

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tailSpec is a front that calls n leaves in parallel (one dynamic call
// block, one link for the for_each leaves) and answers when the last one
// does. A leaf takes 1 ms, or 100 ms one time in a hundred (an
// empirical distribution of 99 fast samples and one slow one, written with
// the language's for expressions). Nothing queues: every service has more
// workers than it can ever use.
func tailSpec(n int, requests float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, `locals {
  leaf_time = format("empirical(%%s, 100ms)", join(", ", [for i in range(99) : "1ms"]))
}

service "leaf" {
  for_each = toset([for i in range(%d) : tostring(i)])
  capacity {
    workers      = 100000
    service_time = local.leaf_time
  }
}

service "front" {
  capacity {
    workers      = 100000
    service_time = "const(0s)"
  }
  endpoint "page" {
    parallel {
      dynamic "call" {
        for_each = range(%d)
        labels   = ["leaf-${call.value}"]
        content {}
      }
    }
  }
}

link "front" "leaf" {
  timeout = "1s"
}
`, n, n)
	dur := time.Duration(requests / 100 * 1e9)
	fmt.Fprintf(&b, "\nload \"steady\" {\n  entry    = service.front\n  rate     = 100\n  duration = %q\n  warmup   = \"1s\"\n}\n", dur)
	return b.String()
}

// The tail at scale (anchors/defaults.md): when each of 100 leaves is slow
// 1 % of the time, 1 − 0.99¹⁰⁰ = 63.4 % of the pages that wait for all of
// them are slow. The front's mean is fast + (slow − fast)·(1 − 0.99ⁿ), and
// its percentiles fall on the slow value exactly where that share says.
func TestTailAtScale(t *testing.T) {
	const fast, slow = 0.001, 0.100
	for _, tc := range []struct {
		n        int
		requests float64
		// the percentiles that must be slow (the rest must be fast)
		slowP50, slowP90, slowP99 bool
	}{
		{n: 100, requests: 30_000, slowP50: true, slowP90: true, slowP99: true}, // 63.4 % slow
		{n: 10, requests: 200_000, slowP99: true},                               // 9.6 % slow
		{n: 1, requests: 200_000},                                               // 1 %: p99 is on the edge, not checked
	} {
		t.Run(fmt.Sprintf("fanout=%d", tc.n), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(tailSpec(tc.n, tc.requests)), 0o644); err != nil {
				t.Fatal(err)
			}
			res := mustRun(t, loadVars(t, dir, nil), Options{Seed: 13, Replications: 4})
			m := res.Entry
			share := 1 - math.Pow(0.99, float64(tc.n))
			want := fast + (slow-fast)*share
			t.Logf("fan-out %d: %.1f %% slow, mean %.5f s (want %.5f, ci %v), p50 %.3f p90 %.3f p99 %.3f",
				tc.n, 100*share, m.Latency.Mean, want, m.CI.Mean, m.Latency.P50, m.Latency.P90, m.Latency.P99)
			if !within(m.Latency.Mean, want, 0.02, &m.CI.Mean) {
				t.Errorf("mean %.5f s, want %.5f s", m.Latency.Mean, want)
			}
			for _, p := range []struct {
				name      string
				got       float64
				wantSlow  bool
				checkable bool
			}{
				{"p50", m.Latency.P50, tc.slowP50, true},
				{"p90", m.Latency.P90, tc.slowP90, true},
				{"p99", m.Latency.P99, tc.slowP99, tc.n > 1},
			} {
				if !p.checkable {
					continue
				}
				want := fast
				if p.wantSlow {
					want = slow
				}
				if math.Abs(p.got-want) > 0.05*want {
					t.Errorf("%s = %.4f s, want %.4f s", p.name, p.got, want)
				}
			}
			if m.Failed != 0 || m.Timeouts != 0 {
				t.Errorf("failed %d, timeouts %d: nothing should fail", m.Failed, m.Timeouts)
			}
		})
	}
}
