package hist

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// For any data and any q, Quantile is within 1/128 of the exact
// nearest-rank order statistic.
func TestQuantileBoundProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vals := rapid.SliceOfN(rapid.Int64Range(0, math.MaxInt64), 1, 500).Draw(t, "vals")
		var h Histogram
		for _, v := range vals {
			h.Record(v)
		}
		slices.Sort(vals)
		q := rapid.Float64Range(0, 1).Draw(t, "q")
		want := exactQuantile(vals, q)
		got := h.QuantileNs(q)
		if d := math.Abs(float64(got) - float64(want)); d > relBound*float64(want) {
			t.Fatalf("q%v = %d, exact %d", q, got, want)
		}
	})
}
