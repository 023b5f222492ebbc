package dist

import (
	"fmt"
	"testing"

	"github.com/berth-dev/berth/lang"
)

// TestNormalMomentsAsDrawn: lang.Dist's Mean, Median and SCV of
// normal(m, sd) are those of the distribution the simulator draws, which
// redraws negative samples: whatif's and diff's analyses use them, so a
// wide normal counted at its declared m understated the work (with sd =
// m the drawn mean is 1.288 m, with m = 0 it is 0.798 sd).
func TestNormalMomentsAsDrawn(t *testing.T) {
	const n = 400_000
	for i, p := range [][2]float64{{0.010, 0.002}, {0.010, 0.005}, {0.010, 0.010}, {0.010, 0.030}, {0, 0.010}} {
		d := dist(lang.DistNormal, p[0], p[1])
		t.Run(fmt.Sprintf("normal(%gms, %gms)", p[0]*1e3, p[1]*1e3), func(t *testing.T) {
			xs := draw(t, d, n, uint64(100+i))
			m := mean(xs)
			v := 0.0
			for _, x := range xs {
				v += (x - m) * (x - m)
			}
			v /= float64(n - 1)
			within(t, "Mean", d.Mean(), m, 0.005)
			within(t, "Median", d.Median(), quantile(xs, 0.5), 0.01)
			within(t, "SCV", d.SCV(), v/(m*m), 0.02)
		})
	}
}
