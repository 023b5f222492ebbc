package lang

import (
	"fmt"
	"math"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// duration decodes a duration: a string like "300ms" or a number of seconds.
func (a attrs) duration(name string, dst *time.Duration) {
	v, ok := a.value(name)
	if !ok {
		return
	}
	d, err := durationValue(v)
	if err != nil {
		a.add(errorAt(a.rng(name), "Invalid duration", "%s: %s.", name, err))
		return
	}
	if w := unitlessWarning(name, v, a.rng(name)); w != nil {
		a.add(w)
	}
	*dst = d
}

func durationValue(v cty.Value) (time.Duration, error) {
	switch v.Type() {
	case cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return SecondsToDuration(f)
	case cty.String:
		return ParseDuration(v.AsString())
	}
	return 0, fmt.Errorf(`a duration must be a string like "300ms" or a number of seconds, not %s`, v.Type().FriendlyName())
}

// size decodes a size: a string like "256MiB" or a number of bytes.
func (a attrs) size(name string, dst *Size) {
	v, ok := a.value(name)
	if !ok {
		return
	}
	var s Size
	var err error
	switch v.Type() {
	case cty.Number:
		f, _ := v.AsBigFloat().Float64()
		s, err = sizeFromFloat(f)
	case cty.String:
		s, err = ParseSize(v.AsString())
	default:
		err = fmt.Errorf(`a size must be a string like "256MiB" or a number of bytes, not %s`, v.Type().FriendlyName())
	}
	if err != nil {
		a.add(errorAt(a.rng(name), "Invalid size", "%s: %s.", name, err))
		return
	}
	*dst = s
}

// dist decodes a distribution: a string like "lognormal(4ms, 20ms)", a bare
// duration, or a number of seconds (const).
func (a attrs) dist(name string, dst *Dist) {
	v, ok := a.value(name)
	if !ok {
		return
	}
	var d Dist
	var err error
	switch v.Type() {
	case cty.Number:
		var dur time.Duration
		if dur, err = durationValue(v); err == nil {
			d = Const(dur)
		}
	case cty.String:
		d, err = ParseDist(v.AsString())
	default:
		err = fmt.Errorf(`a distribution must be a string like "exp(10ms)", not %s`, v.Type().FriendlyName())
	}
	if err != nil {
		a.add(errorAt(a.rng(name), "Invalid distribution", "%s: %s.", name, err))
		return
	}
	d.Range = a.rng(name)
	if w := truncatedNormalWarning(name, d); w != nil {
		a.add(w)
	}
	if w := unitlessWarning(name, v, a.rng(name)); w != nil {
		a.add(w)
	}
	*dst = d
}

// truncatedNormalWarning warns about a normal(mean, sd) that is negative
// in more than 1 % of draws: durations cannot be, so the simulator and the
// emulator redraw them, and the mean the spec states is not the mean it
// gets.
func truncatedNormalWarning(name string, d Dist) *hcl.Diagnostic {
	if d.Kind != DistNormal || len(d.Params) != 2 || d.Params[1] <= 0 {
		return nil
	}
	t := truncatedNormal(d.Params[0], d.Params[1])
	if t.below <= 0.01 {
		return nil
	}
	return warningAt(d.Range, "Normal distribution below zero",
		"%s: %s is below 0 in %.0f %% of draws. A duration cannot be, so those are drawn again, and the mean is about %s, not %s. For a time this variable, lognormal(median, p99) or gamma(mean, cv) keep the mean you write.",
		name, d.Source, t.below*100, secondsText(t.mean), secondsText(d.Params[0]))
}

// secondsText writes s seconds as a duration rounded for a message.
func secondsText(s float64) string {
	d := time.Duration(s * float64(time.Second))
	switch {
	case d >= time.Second:
		d = d.Round(time.Millisecond)
	case d >= time.Millisecond:
		d = d.Round(100 * time.Microsecond)
	}
	return d.String()
}

// perSecond decodes a rate of requests into requests/s: a number, or a
// string like "6000/min" (see ParseRate). ok is false when it is absent
// or wrong, with a diagnostic for the latter.
func (a attrs) perSecond(name string) (r float64, ok bool) {
	v, ok := a.value(name)
	if !ok {
		return 0, false
	}
	var err error
	switch v.Type() {
	case cty.Number:
		r, _ = v.AsBigFloat().Float64()
		if math.IsInf(r, 0) {
			err = fmt.Errorf("%s is too large", v.AsBigFloat().Text('g', 6))
		}
	case cty.String:
		r, err = ParseRate(v.AsString())
	default:
		err = fmt.Errorf("a rate must be %s, not %s", rateForms, v.Type().FriendlyName())
	}
	if err != nil {
		a.add(errorAt(a.rng(name), "Invalid rate", "%s: %s.", name, err))
		return 0, false
	}
	return r, true
}
