package report

import (
	"math"

	"gonum.org/v1/plot"
)

// niceTicks marks about n major ticks at a step of 1, 2 or 5 × 10^k, and
// a minor tick between two majors.
type niceTicks struct{ n int }

// Ticks implements plot.Ticker.
func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	step := niceStep((hi - lo) / float64(max(1, t.n)))
	if step <= 0 || math.IsNaN(step) || math.IsInf(step, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	var out []plot.Tick
	for i := math.Ceil(lo/step - 1e-9); ; i++ {
		v := i * step
		if v == 0 {
			v = 0 // not -0
		}
		if v > hi+step*1e-9 {
			break
		}
		out = append(out, plot.Tick{Value: v, Label: sig(v)})
		if m := v + step/2; m < hi {
			out = append(out, plot.Tick{Value: m})
		}
		if len(out) > 200 {
			break
		}
	}
	return out
}

// niceStep returns the smallest 1, 2 or 5 × 10^k that is at least raw.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}
