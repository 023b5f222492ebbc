package simulate

import (
	"strings"
	"testing"
	"time"
)

// TestOverflowStops: a load the services cannot serve, into a waiting room
// that never fills, holds more requests with every arrival; at the bound
// of requests held (lowered here to 20,000; 4 million, about 800 MB, in a
// real run) the run stops with an error that names the service where they
// pile up, instead of taking all the machine's memory. A queue whose
// consumers cannot keep up stops the same way at its backlog bound. A
// run that stays below the bounds is not touched.
func TestOverflowStops(t *testing.T) {
	defer func(h int, b int64) { maxHeld, maxBacklog = h, b }(maxHeld, maxBacklog)
	maxHeld, maxBacklog = 20_000, 5_000
	for _, tc := range []struct {
		name, dir string
		vars      map[string]string
		want      []string // in the detail
	}{
		{"M/M/1 offered 2μ", "testdata/mmc", map[string]string{"rate": "2", "duration": "100000s", "warmup": "0s"},
			[]string{"requests were in flight", `service "s"`, "capacity.queue"}},
		{"consumers offered 2cμ", "testdata/mq", map[string]string{"rate": "8"},
			[]string{`Queue "jobs"`, `service "workers"`, "consume.concurrency"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			res, diags := Run(loadVars(t, tc.dir, tc.vars), Options{Seed: 1, Replications: 3})
			if !diags.HasErrors() || res != nil {
				t.Fatalf("an unbounded overload ran to its end: %v", diags)
			}
			d := diags[len(diags)-1]
			t.Logf("%s in %v: %s: %s", tc.name, time.Since(start), d.Summary, d.Detail)
			if d.Summary != "Overloaded beyond what berth can hold" || d.Subject == nil {
				t.Errorf("diagnostic %q at %v, want the overload, at a declaration", d.Summary, d.Subject)
			}
			for _, w := range tc.want {
				if !strings.Contains(d.Detail, w) {
					t.Errorf("detail %q does not say %q", d.Detail, w)
				}
			}
		})
	}
	res := mustRun(t, loadVars(t, "testdata/mmc", map[string]string{"rate": "0.5", "duration": "20000s", "warmup": "0s"}), Options{Seed: 1})
	if s := res.Services["s"]; !within(s.Latency.Mean, 2, 0.05, &s.CI.Mean) {
		t.Errorf("M/M/1 at ρ = 0.5 under the bounds: mean %.4f, want 2", s.Latency.Mean)
	}
}
