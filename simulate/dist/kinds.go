package dist

import (
	"fmt"
	"math"
	"math/rand/v2"
)

type zero struct{}

func (zero) Sample(*rand.Rand) int64 { return 0 }

type constant int64

func (c constant) Sample(*rand.Rand) int64 { return int64(c) }

// exponential with the given mean in nanoseconds.
type exponential struct{ mean float64 }

func (e exponential) Sample(r *rand.Rand) int64 { return ns1(r.ExpFloat64() * e.mean) }

// lognormal: exp(mu + sigma·Z), in nanoseconds.
type lognormal struct{ mu, sigma float64 }

func newLognormal(median, p99 float64) (Sampler, error) {
	if median == 0 {
		return constant(0), nil
	}
	if p99 < median {
		return nil, fmt.Errorf("lognormal: p99 %v is below the median %v", p99, median)
	}
	return lognormal{mu: math.Log(median * 1e9), sigma: lognormalSigma(median, p99)}, nil
}

func (l lognormal) Sample(r *rand.Rand) int64 { return ns1(math.Exp(l.mu + l.sigma*r.NormFloat64())) }

// ns1 converts a non-negative nanosecond float to int64, rounding.
func ns1(v float64) int64 {
	v += 0.5
	if !(v > 0) {
		return 0
	}
	if v >= math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(v)
}

func lognormalSigma(median, p99 float64) float64 { return langSigma(median, p99) }

// normal(mean, sd) truncated at 0: negative draws are redrawn, so the
// result follows the normal density restricted to [0, ∞).
type normal struct{ mean, sd float64 }

func newNormal(mean, sd float64) Sampler {
	if sd == 0 {
		return constant(ns(mean))
	}
	return normal{mean: mean * 1e9, sd: sd * 1e9}
}

func (n normal) Sample(r *rand.Rand) int64 {
	for range 64 {
		if v := n.mean + n.sd*r.NormFloat64(); v >= 0 {
			return ns1(v)
		}
	}
	return 0 // P < 2⁻⁶⁴ since mean ≥ 0
}

// uniform on [lo, hi] nanoseconds.
type uniform struct{ lo, width float64 }

func newUniform(lo, hi float64) (Sampler, error) {
	if hi < lo {
		return nil, fmt.Errorf("uniform: max %v is below min %v", hi, lo)
	}
	if hi == lo {
		return constant(ns(lo)), nil
	}
	return uniform{lo: lo * 1e9, width: (hi - lo) * 1e9}, nil
}

func (u uniform) Sample(r *rand.Rand) int64 { return ns1(u.lo + u.width*r.Float64()) }

// empirical: each of the given samples with equal probability.
type empirical []int64

func newEmpirical(p []float64) (Sampler, error) {
	if len(p) == 0 {
		return nil, fmt.Errorf("empirical needs at least one sample")
	}
	e := make(empirical, len(p))
	for i, v := range p {
		e[i] = ns(v)
	}
	return e, nil
}

func (e empirical) Sample(r *rand.Rand) int64 { return e[r.IntN(len(e))] }
