package lang

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// distForm is one way to write a distribution: the kind it makes and its
// number of parameters (-1: one or more).
type distForm struct {
	kind  DistKind
	arity int
}

// distNames maps every name a spec may write to its form. The aliases
// are the names queueing texts use: exponential = exp, deterministic =
// const, and erlang(mean, k) = gamma(mean, 1/√k).
var distNames = map[string]distForm{
	"const": {DistConst, 1}, "deterministic": {DistConst, 1},
	"exp": {DistExp, 1}, "exponential": {DistExp, 1},
	"lognormal": {DistLognormal, 2}, "normal": {DistNormal, 2},
	"gamma": {DistGamma, 2}, "erlang": {DistGamma, 2},
	"uniform": {DistUniform, 2}, "empirical": {DistEmpirical, -1},
}

// distForms lists the accepted forms, for messages.
const distForms = `const(2ms) or deterministic(2ms), exp(10ms) or exponential(10ms) (mean), lognormal(4ms, 20ms) (median, p99), normal(10ms, 2ms) (mean, sd), gamma(10ms, 2) (mean, coefficient of variation), erlang(10ms, 4) (mean, k phases), uniform(1ms, 5ms) (min, max), empirical(1ms, 2ms, 40ms), or a bare duration like "5ms"`

// ParseDist parses a distribution of durations: const(d), exp(mean),
// lognormal(median, p99), normal(mean, sd), gamma(mean, cv),
// uniform(min, max), empirical(d1, d2, ...), the aliases deterministic(d),
// exponential(mean) and erlang(mean, k) (a gamma of cv 1/√k), or a bare
// duration (const). Parameters are durations, except gamma's cv and
// erlang's k, which are plain numbers.
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
	name := strings.TrimSpace(t[:open])
	form, ok := distNames[name]
	if !ok || !strings.HasSuffix(t, ")") {
		hint := ""
		if c := suggest(name, keysOf(distNames)); !ok && c != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", c)
		}
		return Dist{}, fmt.Errorf("%q is not a distribution%s; write %s", s, hint, distForms)
	}
	args := strings.Split(t[open+1:len(t)-1], ",")
	if (form.arity > 0 && len(args) != form.arity) || strings.TrimSpace(args[0]) == "" {
		return Dist{}, fmt.Errorf("%s takes %s; write %s", name, distArityText(form.arity), distForms)
	}
	d := Dist{Kind: form.kind, Params: make([]float64, len(args)), Source: s}
	for i, a := range args {
		v, err := parseDistParam(name, i, a)
		if err != nil {
			return Dist{}, fmt.Errorf("in %q: %v", s, err)
		}
		d.Params[i] = v
	}
	if err := d.check(name); err != nil {
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

// parseDistParam parses the i-th parameter of the distribution written
// name: a duration in seconds, gamma's cv (a plain number), or erlang's k
// (a whole number, returned as the cv 1/√k).
func parseDistParam(name string, i int, a string) (float64, error) {
	a = strings.TrimSpace(a)
	switch {
	case name == "gamma" && i == 1:
		f, err := strconv.ParseFloat(a, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, fmt.Errorf("%q is not a number (gamma's second parameter is the coefficient of variation, like 0.5)", a)
		}
		return f, nil
	case name == "erlang" && i == 1:
		k, err := strconv.ParseFloat(a, 64)
		if err != nil || k < 1 || k != math.Trunc(k) || math.IsInf(k, 0) {
			return 0, fmt.Errorf("%q is not a whole number of 1 or more (erlang's second parameter is k, the number of exponential phases, like 4; erlang(mean, k) is gamma(mean, 1/√k))", a)
		}
		return 1 / math.Sqrt(k), nil
	}
	d, err := ParseDuration(a)
	if err != nil {
		return 0, err
	}
	return d.Seconds(), nil
}

// check rejects parameters that make no distribution; name is the name
// the spec wrote.
func (d Dist) check(name string) error {
	p := d.Params
	switch d.Kind {
	case DistExp:
		if p[0] <= 0 {
			return fmt.Errorf("the mean of %s must be more than zero", name)
		}
	case DistLognormal:
		if p[0] <= 0 || p[1] < p[0] {
			return errors.New("lognormal(median, p99) needs 0 < median <= p99")
		}
	case DistGamma:
		if name == "erlang" && p[0] <= 0 {
			return errors.New("erlang(mean, k) needs a mean above zero")
		}
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
