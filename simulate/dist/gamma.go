package dist

import (
	"math/rand/v2"

	"github.com/berth-dev/berth/lang"
	"gonum.org/v1/gonum/stat/distuv"
)

var langSigma = lang.LognormalSigma

// gamma(mean, cv): shape α = 1/cv², rate β = α/mean (per nanosecond),
// drawn by distuv.Gamma with the caller's generator as its Src.
type gamma struct{ g distuv.Gamma }

func newGamma(mean, cv float64) Sampler {
	if cv == 0 || mean == 0 {
		return constant(ns(mean))
	}
	a := 1 / (cv * cv)
	return gamma{g: distuv.Gamma{Alpha: a, Beta: a / (mean * 1e9)}}
}

func (g gamma) Sample(r *rand.Rand) int64 {
	d := g.g
	d.Src = r
	return ns1(d.Rand())
}
