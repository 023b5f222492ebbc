package whatif

import (
	"testing"

	"github.com/berth-dev/berth/simulate"
)

// BenchmarkWhatif8x8 is issue 6's speed case: 8 × 8 configurations of the
// shop under the loss of an orders replica, 3 replications each. Target:
// ≤ 60 s.
func BenchmarkWhatif8x8(b *testing.B) {
	spec, _ := loadShop(&testing.T{})
	d1, _ := ParseVary("orders.workers=1..8")
	d2, _ := ParseVary("gateway.workers=2..16:2")
	b.ResetTimer()
	for range b.N {
		res, diags := Search(spec, Options{
			Cases: []simulate.Case{{Load: "peak", Scenario: "orders-replica-loss"}},
			Dims:  []Dimension{d1, d2}, Replications: 3, Seed: 1,
		})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		b.ReportMetric(float64(res.Simulations), "simulated/op")
	}
}
