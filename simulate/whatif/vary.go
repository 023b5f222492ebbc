package whatif

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/berth-dev/berth/lang"
)

// Attributes a dimension can vary, and whether their values are integers.
var attributes = map[string]bool{"replicas": true, "workers": true, "queue": true, "cpus": false}

// Dimension is one --vary: an attribute of a service over ascending
// values. More replicas, workers or cpus never hurt (the search treats
// them as monotone); a deeper queue trades rejections for latency, so
// queue is swept (see Monotone).
type Dimension struct {
	Service string    `json:"service"`
	Attr    string    `json:"attribute"` // replicas | workers | queue | cpus
	Values  []float64 `json:"values"`
}

// Monotone reports whether more of the attribute never hurts, so that the
// search may bisect along it and decide by dominance: replicas, workers
// and cpus. A deeper queue rejects less but waits longer (p99 can rise),
// so every queue value is simulated.
func (d Dimension) Monotone() bool { return d.Attr != "queue" }

// Name is "service.attribute".
func (d Dimension) Name() string { return d.Service + "." + d.Attr }

// ParseVary parses "service.attribute=RANGE", where RANGE is "lo..hi"
// (every integer; for cpus every 0.25), "lo..hi:step", or a list
// "a,b,c".
func ParseVary(s string) (Dimension, error) {
	target, rng, ok := strings.Cut(s, "=")
	svc, attr, ok2 := strings.Cut(strings.TrimSpace(target), ".")
	if !ok || !ok2 || svc == "" {
		return Dimension{}, fmt.Errorf("invalid --vary %q: write it as service.attribute=lo..hi, for example orders.replicas=1..8", s)
	}
	integer, known := attributes[attr]
	if !known {
		return Dimension{}, fmt.Errorf("invalid --vary %q: the attribute %q cannot vary; use replicas, workers, queue or cpus", s, attr)
	}
	step := 1.0
	if !integer {
		step = 0.25
	}
	values, err := parseRange(rng, step, integer)
	if err != nil {
		return Dimension{}, fmt.Errorf("invalid --vary %q: %v", s, err)
	}
	if values[0] <= 0 {
		return Dimension{}, fmt.Errorf("invalid --vary %q: %s must be more than 0", s, attr)
	}
	return Dimension{Service: svc, Attr: attr, Values: values}, nil
}

// ParseScale parses a --load-scale range of load multipliers: "lo..hi"
// (every 0.1), "lo..hi:step" or "a,b,c".
func ParseScale(s string) ([]float64, error) {
	values, err := parseRange(s, 0.1, false)
	if err != nil {
		return nil, fmt.Errorf("invalid --load-scale %q: %v", s, err)
	}
	if values[0] <= 0 {
		return nil, fmt.Errorf("invalid --load-scale %q: multipliers must be more than 0", s)
	}
	return values, nil
}

// maxValues bounds a dimension, so a typo cannot ask for a million runs.
const maxValues = 1000

func parseRange(s string, step float64, integer bool) ([]float64, error) {
	s = strings.TrimSpace(s)
	var out []float64
	if lo, hi, ok := strings.Cut(s, ".."); ok {
		if h, st, ok := strings.Cut(hi, ":"); ok {
			hi = h
			v, err := strconv.ParseFloat(strings.TrimSpace(st), 64)
			if err != nil || v <= 0 {
				return nil, fmt.Errorf("the step %q is not a positive number", st)
			}
			step = v
		}
		a, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		b, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if err1 != nil || err2 != nil || b < a || !finite(a) || !finite(b) || !finite(step) {
			return nil, fmt.Errorf("%q is not a range lo..hi of numbers with lo ≤ hi", s)
		}
		if (b-a)/step > maxValues {
			return nil, fmt.Errorf("%q has more than %d values; give a step (lo..hi:step)", s, maxValues)
		}
		for i := 0; ; i++ {
			v := a + float64(i)*step
			if v > b+step*1e-9 {
				break
			}
			out = append(out, math.Round(v*1e9)/1e9)
		}
	} else {
		for _, p := range strings.Split(s, ",") {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a number", p)
			}
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no values")
	}
	for _, v := range out {
		if !finite(v) {
			return nil, fmt.Errorf("%g is not a finite number", v)
		}
		if integer && v != math.Trunc(v) {
			return nil, fmt.Errorf("%g is not a whole number", v)
		}
		if integer && v > math.MaxInt32 {
			return nil, fmt.Errorf("%g is above the largest whole number berth takes here (%d)", v, math.MaxInt32)
		}
	}
	sort.Float64s(out)
	return dedupe(out), nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func dedupe(xs []float64) []float64 {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Check reports an error when a dimension names a service the spec does
// not have.
func (d Dimension) Check(spec *lang.Spec) error {
	if spec.Services[d.Service] == nil {
		names := make([]string, 0, len(spec.Services))
		for n := range spec.Services {
			names = append(names, n)
		}
		sort.Strings(names)
		hint := lang.DidYouMean(d.Service, names)
		if hint == "" {
			hint = " The services are " + strings.Join(names, ", ") + "."
		}
		return fmt.Errorf("--vary %s: there is no service %q.%s Give one of the spec's services.", d.Name(), d.Service, hint)
	}
	return nil
}

// apply sets the dimension's attribute on a (cloned) spec.
func (d Dimension) apply(spec *lang.Spec, v float64) {
	s := spec.Services[d.Service]
	switch d.Attr {
	case "replicas":
		s.Replicas = int(v)
	case "workers":
		s.Capacity.Workers = int(v)
	case "queue":
		s.Capacity.Queue = int(v)
	case "cpus":
		s.Resources.CPUs = v
	}
}

// current returns the attribute's value in spec.
func (d Dimension) current(spec *lang.Spec) float64 {
	s := spec.Services[d.Service]
	switch d.Attr {
	case "replicas":
		return float64(s.Replicas)
	case "workers":
		return float64(s.Capacity.Workers)
	case "queue":
		return float64(s.Capacity.Queue)
	}
	return s.Resources.CPUs
}

// scaleLoads multiplies every load's rates by k, and the users of a
// closed load (rounded, at least 1).
func scaleLoads(spec *lang.Spec, k float64) {
	for _, l := range spec.Loads {
		l.Profile = l.Profile.Scaled(k)
		if l.Closed() {
			l.Users = max(1, int(math.Round(float64(l.Users)*k)))
		}
	}
}
