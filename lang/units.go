package lang

import (
	"math"
	"sort"
	"time"

	"github.com/hashicorp/hcl/v2"
	"gonum.org/v1/gonum/stat/distuv"
)

// DistKind names a service-time distribution.
type DistKind string

// Distribution kinds, as written in the spec.
const (
	DistConst     DistKind = "const"     // const(d)
	DistExp       DistKind = "exp"       // exp(mean)
	DistLognormal DistKind = "lognormal" // lognormal(median, p99)
	DistNormal    DistKind = "normal"    // normal(mean, sd), truncated at 0
	DistGamma     DistKind = "gamma"     // gamma(mean, cv)
	DistUniform   DistKind = "uniform"   // uniform(min, max)
	DistEmpirical DistKind = "empirical" // empirical(d1, d2, ...): uniform over the samples
)

// Dist is a parsed distribution of durations. Params are in seconds, in the
// order the spec writes them (see the DistKind constants). A zero Dist
// (Kind == "") means "no time at all".
type Dist struct {
	Kind   DistKind  `json:"kind,omitempty"`
	Params []float64 `json:"params,omitempty"`
	// Source is the text it was parsed from, for messages.
	Source string    `json:"source,omitempty"`
	Range  hcl.Range `json:"-"`
}

// IsZero reports whether d is the empty distribution.
func (d Dist) IsZero() bool { return d.Kind == "" }

// Const returns a constant distribution of d.
func Const(d time.Duration) Dist {
	return Dist{Kind: DistConst, Params: []float64{d.Seconds()}, Source: "const(" + d.String() + ")"}
}

// lognormal p99 = median · exp(z99·σ)
const z99 = 2.3263478740408408

// LognormalSigma returns σ of lognormal(median, p99).
func LognormalSigma(median, p99 float64) float64 {
	if median <= 0 || p99 <= median {
		return 0
	}
	return math.Log(p99/median) / z99
}

// Mean returns the mean in seconds.
func (d Dist) Mean() float64 {
	p := d.Params
	switch d.Kind {
	case DistConst, DistExp, DistGamma:
		return p[0]
	case DistNormal: // truncated at 0, as it is drawn: above p[0] when p[1] is not small
		return truncatedNormal(p[0], p[1]).mean
	case DistLognormal:
		s := LognormalSigma(p[0], p[1])
		return p[0] * math.Exp(s*s/2)
	case DistUniform:
		return (p[0] + p[1]) / 2
	case DistEmpirical:
		sum := 0.0
		for _, v := range p {
			sum += v
		}
		return sum / float64(len(p))
	}
	return 0
}

// Median returns the median in seconds.
func (d Dist) Median() float64 {
	p := d.Params
	switch d.Kind {
	case DistConst, DistLognormal:
		return p[0]
	case DistNormal:
		return truncatedNormal(p[0], p[1]).p50
	case DistExp:
		return p[0] * math.Ln2
	case DistUniform:
		return (p[0] + p[1]) / 2
	case DistGamma:
		if p[0] <= 0 || p[1] <= 0 {
			return p[0]
		}
		k := 1 / (p[1] * p[1]) // shape; the scale is mean / k
		return distuv.Gamma{Alpha: k, Beta: k / p[0]}.Quantile(0.5)
	case DistEmpirical:
		// the lower middle sample: a duration below it is exceeded by more
		// than half of the draws, one at or above it by at most half
		sorted := append([]float64(nil), p...)
		sort.Float64s(sorted)
		return sorted[(len(sorted)-1)/2]
	}
	return 0
}

// SCV returns the squared coefficient of variation (Cs²).
func (d Dist) SCV() float64 {
	p := d.Params
	switch d.Kind {
	case DistExp:
		return 1
	case DistNormal:
		t := truncatedNormal(p[0], p[1])
		if t.mean == 0 {
			return 0
		}
		return t.variance / (t.mean * t.mean)
	case DistGamma:
		return p[1] * p[1]
	case DistLognormal:
		s := LognormalSigma(p[0], p[1])
		return math.Exp(s*s) - 1
	case DistUniform:
		m := d.Mean()
		if m == 0 {
			return 0
		}
		w := p[1] - p[0]
		return w * w / 12 / (m * m)
	case DistEmpirical:
		m := d.Mean()
		if m == 0 {
			return 0
		}
		v := 0.0
		for _, x := range p {
			v += (x - m) * (x - m)
		}
		return v / float64(len(p)) / (m * m)
	}
	return 0
}

// Size is a number of bytes parsed from "256MiB", "512m", "1g" and so on
// (binary units, as Docker reads them: see ParseSize).
type Size int64
