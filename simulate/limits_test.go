package simulate

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestCheckSize: a run beyond the bounds is an error naming what is too
// large, before anything is built; one just inside them is not.
func TestCheckSize(t *testing.T) {
	for _, tc := range []struct {
		name     string
		replicas int
		rate     float64
		dur      time.Duration
		parts    int
		want     string
	}{
		{"within", MaxReplicas, 1000, time.Hour, 10, ""},
		{"replicas", MaxReplicas + 1, 10, time.Second, 1, "Too many replicas to simulate"},
		{"arrivals", 1, 1e6, 2000 * time.Second, 1, "Load too large to simulate"},
		{"partitions", 1, 10, time.Second, MaxPartitions + 1, "Too many partitions to simulate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := newSpec()
			svc := addService(sp, "api", tc.replicas, 1, 0, pd(t, "const(1ms)"))
			svc.Consumes = []*lang.Consume{{Queue: "q"}}
			sp.Queues["q"] = &lang.Queue{Name: "q", Kind: "kafka", Partitions: tc.parts}
			ld := addLoad(sp, "l", "api", tc.rate, tc.dur, 0)
			diags := checkSize(sp, ld, tc.dur)
			switch {
			case tc.want == "" && diags.HasErrors():
				t.Errorf("unexpected error: %v", diags)
			case tc.want != "" && (len(diags) != 1 || diags[0].Summary != tc.want):
				t.Errorf("got %v, want one error %q", diags, tc.want)
			}
		})
	}
}
