package dist

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/berth-dev/berth/lang"
	"gonum.org/v1/gonum/stat/distuv"
)

func dist(kind lang.DistKind, p ...float64) lang.Dist { return lang.Dist{Kind: kind, Params: p} }

// draw returns n sorted samples in seconds.
func draw(t testing.TB, d lang.Dist, n int, seed uint64) []float64 {
	t.Helper()
	s, err := New(d)
	if err != nil {
		t.Fatalf("New(%v): %v", d, err)
	}
	r := rand.New(rand.NewPCG(seed, 1))
	xs := make([]float64, n)
	for i := range xs {
		v := s.Sample(r)
		if v < 0 {
			t.Fatalf("%v: negative sample %d", d, v)
		}
		xs[i] = float64(v) / 1e9
	}
	slices.Sort(xs)
	return xs
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func quantile(sorted []float64, q float64) float64 {
	return sorted[int(math.Ceil(q*float64(len(sorted))))-1]
}

func within(t *testing.T, what string, got, want, rel float64) {
	t.Helper()
	if math.Abs(got-want) > rel*math.Abs(want) {
		t.Errorf("%s = %.6g, want %.6g ± %.1f%%", what, got, want, rel*100)
	}
}

func TestMoments(t *testing.T) {
	const n = 200_000
	tests := []struct {
		d                    lang.Dist
		mean, median, p99    float64 // 0 = not checked
		meanTol, quantileTol float64
	}{
		{d: dist(lang.DistConst, 0.004), mean: 0.004, median: 0.004, p99: 0.004, meanTol: 1e-9, quantileTol: 1e-9},
		{d: dist(lang.DistExp, 0.010), mean: 0.010, median: 0.010 * math.Ln2, p99: 0.010 * math.Log(100), meanTol: 0.01, quantileTol: 0.03},
		{d: dist(lang.DistLognormal, 0.004, 0.020), mean: dist(lang.DistLognormal, 0.004, 0.020).Mean(), median: 0.004, p99: 0.020, meanTol: 0.01, quantileTol: 0.03},
		{d: dist(lang.DistNormal, 0.050, 0.005), mean: 0.050, median: 0.050, p99: 0.050 + 2.3263478740408408*0.005, meanTol: 0.005, quantileTol: 0.01},
		{d: dist(lang.DistGamma, 0.020, 2), mean: 0.020, meanTol: 0.03},
		{d: dist(lang.DistGamma, 0.020, 0.5), mean: 0.020, meanTol: 0.01},
		{d: dist(lang.DistGamma, 0.020, 1), mean: 0.020, median: 0.020 * math.Ln2, p99: 0.020 * math.Log(100), meanTol: 0.01, quantileTol: 0.03},
		{d: dist(lang.DistUniform, 0.010, 0.030), mean: 0.020, median: 0.020, p99: 0.0298, meanTol: 0.005, quantileTol: 0.01},
		{d: dist(lang.DistEmpirical, 0.001, 0.002, 0.006), mean: 0.003, median: 0.002, p99: 0.006, meanTol: 0.01, quantileTol: 1e-9},
	}
	for _, tt := range tests {
		t.Run(string(tt.d.Kind), func(t *testing.T) {
			xs := draw(t, tt.d, n, 7)
			within(t, "mean", mean(xs), tt.mean, tt.meanTol)
			if tt.median > 0 {
				within(t, "median", quantile(xs, 0.5), tt.median, tt.quantileTol)
			}
			if tt.p99 > 0 {
				within(t, "p99", quantile(xs, 0.99), tt.p99, tt.quantileTol)
			}
		})
	}
}

// A gamma with cv = 2 has Cs² = 4, the M/G/1 case of the simulator tests.
func TestGammaSCV(t *testing.T) {
	xs := draw(t, dist(lang.DistGamma, 0.010, 2), 400_000, 3)
	m := mean(xs)
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	v /= float64(len(xs))
	within(t, "Cs²", v/(m*m), 4, 0.05)
}

// normal(mean, sd) with mean 0 is truncated: the half-normal, mean sd·√(2/π).
func TestNormalTruncated(t *testing.T) {
	xs := draw(t, dist(lang.DistNormal, 0, 0.010), 200_000, 5)
	if xs[0] < 0 {
		t.Fatalf("negative sample %v", xs[0])
	}
	within(t, "mean", mean(xs), 0.010*math.Sqrt(2/math.Pi), 0.01)
}

func TestZero(t *testing.T) {
	s, err := New(lang.Dist{})
	if err != nil {
		t.Fatal(err)
	}
	if v := s.Sample(rand.New(rand.NewPCG(1, 2))); v != 0 {
		t.Fatalf("zero dist sampled %d", v)
	}
}

func TestDeterministic(t *testing.T) {
	for _, k := range []lang.DistKind{lang.DistExp, lang.DistLognormal, lang.DistGamma, lang.DistNormal, lang.DistUniform} {
		d := dist(k, 0.01, 0.05)
		if k == lang.DistExp {
			d = dist(k, 0.01)
		}
		a, b := draw(t, d, 100, 9), draw(t, d, 100, 9)
		if !slices.Equal(a, b) {
			t.Errorf("%s: same seed gave different samples", k)
		}
	}
}

func TestErrors(t *testing.T) {
	bad := []lang.Dist{
		{Kind: "weibull", Params: []float64{1}},
		dist(lang.DistExp),
		dist(lang.DistExp, 1, 2),
		dist(lang.DistConst, -1),
		dist(lang.DistLognormal, 0.02, 0.01),
		dist(lang.DistUniform, 2, 1),
		dist(lang.DistEmpirical),
		dist(lang.DistNormal, math.NaN(), 1),
		dist(lang.DistGamma, math.Inf(1), 1),
	}
	for _, d := range bad {
		if _, err := New(d); err == nil {
			t.Errorf("New(%s %v) succeeded", d.Kind, d.Params)
		}
	}
}

// The lognormal sampler computes distuv.LogNormal.Rand's transform on the
// caller's generator: the same samples, draw for draw.
func TestLognormalMatchesDistuv(t *testing.T) {
	for _, p := range [][2]float64{{0.004, 0.020}, {0.0003, 0.001}, {1, 1}, {2e-6, 0.5}} {
		s, err := New(dist(lang.DistLognormal, p[0], p[1]))
		if err != nil {
			t.Fatal(err)
		}
		ref := distuv.LogNormal{Mu: math.Log(p[0] * 1e9), Sigma: lang.LognormalSigma(p[0], p[1])}
		r1, r2 := rand.New(rand.NewPCG(11, 3)), rand.New(rand.NewPCG(11, 3))
		ref.Src = r2
		for i := range 100_000 {
			if got, want := s.Sample(r1), ns1(ref.Rand()); got != want {
				t.Fatalf("lognormal%v draw %d: %d, distuv gives %d", p, i, got, want)
			}
		}
	}
}
