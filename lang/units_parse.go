package lang

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	units "github.com/docker/go-units"
)

// maxDuration bounds parsed durations (about 290 years is time.Duration's
// limit; a spec never needs more than a few days).
const maxDuration = time.Duration(math.MaxInt64)

// ParseDuration parses a duration as Go writes it ("300ms", "1m30s", "2h",
// "1.5s") or a plain number of seconds ("2", "0.5"). Negative durations are
// rejected: no duration in a berth spec can be negative.
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New(`a duration cannot be empty; write it like "300ms", "1m30s" or "2h"`)
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil {
		return SecondsToDuration(f)
	}
	d, err := time.ParseDuration(t)
	if err != nil {
		return 0, fmt.Errorf(`%q is not a duration; write a number with a unit (ns, us, ms, s, m, h), like "300ms", "1m30s" or "1.5s", or a number of seconds`, s)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative; a duration must be zero or more", s)
	}
	return d, nil
}

// SecondsToDuration converts a number of seconds into a duration, rejecting
// negative, infinite and out-of-range values.
func SecondsToDuration(f float64) (time.Duration, error) {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0, errors.New("a duration must be a finite number of seconds")
	case f < 0:
		return 0, fmt.Errorf("%g seconds is negative; a duration must be zero or more", f)
	case f*1e9 >= float64(maxDuration):
		return 0, fmt.Errorf("%g seconds is too long; a duration must be under 290 years", f)
	}
	return time.Duration(math.Round(f * 1e9)), nil
}

// sizeForms lists the accepted forms of a size, for messages.
const sizeForms = `a number of bytes with an optional unit: k, m, g, t or p with an optional b, or KiB, MiB, GiB, TiB (all powers of 1024, as Docker reads them; case does not matter), like "512m", "1g", "256MiB" or "100b"`

// ParseSize parses a size as Docker does (its RAMInBytes, which docker run
// --memory and compose's mem_limit use): a number of bytes with an optional
// unit k, m, g, t or p, case-insensitive, followed by an optional b or ib,
// every unit a power of 1024 ("512m", "1g", "256MiB", "256mb", "100b",
// "1024"). "256Mi" (Kubernetes' spelling) is read as "256MiB".
func ParseSize(s string) (Size, error) {
	t := strings.TrimSpace(s)
	if n := len(t); n > 0 && (t[n-1] == 'i' || t[n-1] == 'I') {
		t += "b"
	}
	n, err := units.RAMInBytes(t)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not a size; write %s", s, sizeForms)
	case n < 0 || n == math.MaxInt64: // the float overflowed int64
		return 0, fmt.Errorf("%q is out of range; a size must be under 8 EiB", s)
	}
	return Size(n), nil
}

// sizeFromFloat converts a byte count into a Size, rejecting what does not fit.
func sizeFromFloat(f float64) (Size, error) {
	if math.IsNaN(f) || f < 0 || f >= math.MaxInt64 {
		return 0, fmt.Errorf("%g bytes is out of range; a size must be zero or more and under 8 EiB", f)
	}
	return Size(math.Round(f)), nil
}

// distArity gives the number of parameters of each kind; -1 = one or more.
var distArity = map[DistKind]int{
	DistConst: 1, DistExp: 1, DistLognormal: 2, DistNormal: 2,
	DistGamma: 2, DistUniform: 2, DistEmpirical: -1,
}

// distForms lists the accepted forms, for messages.
const distForms = `const(2ms), exp(10ms), lognormal(4ms, 20ms) (median, p99), normal(10ms, 2ms) (mean, sd), gamma(10ms, 2) (mean, coefficient of variation), uniform(1ms, 5ms), empirical(1ms, 2ms, 40ms), or a bare duration like "5ms"`

// ParseDist parses a distribution of durations: const(d), exp(mean),
// lognormal(median, p99), normal(mean, sd), gamma(mean, cv),
// uniform(min, max), empirical(d1, d2, ...), or a bare duration (const).
// Parameters are durations, except gamma's cv which is a plain number.
func ParseDist(s string) (Dist, error) {
	t := strings.TrimSpace(s)
	open := strings.IndexByte(t, '(')
	if open < 0 {
		d, err := ParseDuration(t)
		if err != nil {
			return Dist{}, fmt.Errorf("%q is not a distribution; write %s", s, distForms)
		}
		return Dist{Kind: DistConst, Params: []float64{d.Seconds()}, Source: s}, nil
	}
	kind := DistKind(strings.TrimSpace(t[:open]))
	arity, ok := distArity[kind]
	if !ok || !strings.HasSuffix(t, ")") {
		return Dist{}, fmt.Errorf("%q is not a distribution; write %s", s, distForms)
	}
	args := strings.Split(t[open+1:len(t)-1], ",")
	if (arity > 0 && len(args) != arity) || strings.TrimSpace(args[0]) == "" {
		return Dist{}, fmt.Errorf("%s takes %s; write %s", kind, distArityText(arity), distForms)
	}
	d := Dist{Kind: kind, Params: make([]float64, len(args)), Source: s}
	for i, a := range args {
		v, err := parseDistParam(kind, i, a)
		if err != nil {
			return Dist{}, fmt.Errorf("in %q: %v", s, err)
		}
		d.Params[i] = v
	}
	if err := d.check(); err != nil {
		return Dist{}, fmt.Errorf("in %q: %v", s, err)
	}
	return d, nil
}

func distArityText(n int) string {
	switch n {
	case -1:
		return "one or more durations"
	case 1:
		return "one parameter"
	}
	return fmt.Sprintf("%d parameters", n)
}

// parseDistParam parses the i-th parameter of kind: a duration in seconds,
// or for gamma's second parameter a plain number.
func parseDistParam(kind DistKind, i int, a string) (float64, error) {
	a = strings.TrimSpace(a)
	if kind == DistGamma && i == 1 {
		f, err := strconv.ParseFloat(a, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, fmt.Errorf("%q is not a number (gamma's second parameter is the coefficient of variation, like 0.5)", a)
		}
		return f, nil
	}
	d, err := ParseDuration(a)
	if err != nil {
		return 0, err
	}
	return d.Seconds(), nil
}

// check rejects parameters that make no distribution.
func (d Dist) check() error {
	p := d.Params
	switch d.Kind {
	case DistExp:
		if p[0] <= 0 {
			return errors.New("the mean of exp must be more than zero")
		}
	case DistLognormal:
		if p[0] <= 0 || p[1] < p[0] {
			return errors.New("lognormal(median, p99) needs 0 < median <= p99")
		}
	case DistGamma:
		if p[0] <= 0 || p[1] <= 0 {
			return errors.New("gamma(mean, cv) needs a mean and a coefficient of variation above zero")
		}
	case DistUniform:
		if p[1] < p[0] {
			return errors.New("uniform(min, max) needs min <= max")
		}
	}
	return nil
}
