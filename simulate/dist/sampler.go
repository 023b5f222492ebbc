package dist

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/berth-dev/berth/lang"
)

// Sampler draws durations in nanoseconds. A sample is never negative.
type Sampler interface {
	Sample(r *rand.Rand) int64
}

// New returns the Sampler of d. The zero Dist gives a sampler that always
// returns 0. Parameters are in seconds, as lang stores them.
func New(d lang.Dist) (Sampler, error) {
	if d.IsZero() {
		return zero{}, nil
	}
	want, ok := paramCount[d.Kind]
	if !ok {
		return nil, fmt.Errorf("unknown distribution %q", d.Kind)
	}
	if want >= 0 && len(d.Params) != want {
		return nil, fmt.Errorf("%s takes %d parameters, got %d", d.Kind, want, len(d.Params))
	}
	for _, p := range d.Params {
		if p < 0 || math.IsNaN(p) || math.IsInf(p, 0) {
			return nil, fmt.Errorf("%s: parameter %v must be a finite non-negative number", d.Kind, p)
		}
	}
	return build(d)
}

// paramCount is the number of parameters of each kind; -1 means one or more.
var paramCount = map[lang.DistKind]int{
	lang.DistConst:     1,
	lang.DistExp:       1,
	lang.DistLognormal: 2,
	lang.DistNormal:    2,
	lang.DistGamma:     2,
	lang.DistUniform:   2,
	lang.DistEmpirical: -1,
}

func build(d lang.Dist) (Sampler, error) {
	p := d.Params
	switch d.Kind {
	case lang.DistConst:
		return constant(ns(p[0])), nil
	case lang.DistExp:
		return newExp(p[0]), nil
	case lang.DistLognormal:
		return newLognormal(p[0], p[1])
	case lang.DistNormal:
		return newNormal(p[0], p[1]), nil
	case lang.DistGamma:
		return newGamma(p[0], p[1]), nil
	case lang.DistUniform:
		return newUniform(p[0], p[1])
	case lang.DistEmpirical:
		return newEmpirical(p)
	}
	return nil, fmt.Errorf("unknown distribution %q", d.Kind)
}

// ns converts seconds to nanoseconds (rounded, clamped to [0, MaxInt64]).
func ns(sec float64) int64 { return ns1(sec * 1e9) }
