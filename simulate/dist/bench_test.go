package dist

import (
	"math/rand/v2"
	"testing"

	"github.com/berth-dev/berth/lang"
)

var sink int64

func BenchmarkSample(b *testing.B) {
	for _, d := range []lang.Dist{
		dist(lang.DistConst, 0.004),
		dist(lang.DistExp, 0.010),
		dist(lang.DistLognormal, 0.004, 0.020),
		dist(lang.DistNormal, 0.050, 0.005),
		dist(lang.DistGamma, 0.020, 2),
		dist(lang.DistGamma, 0.020, 0.5),
		dist(lang.DistUniform, 0.01, 0.03),
		dist(lang.DistEmpirical, 0.001, 0.002, 0.006),
	} {
		s, err := New(d)
		if err != nil {
			b.Fatal(err)
		}
		name := string(d.Kind)
		if d.Kind == lang.DistGamma {
			name += map[float64]string{2: "_cv2", 0.5: "_cv0.5"}[d.Params[1]]
		}
		b.Run(name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			b.ReportAllocs()
			for b.Loop() {
				sink += s.Sample(r)
			}
		})
	}
}
