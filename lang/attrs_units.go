package lang

import (
	"fmt"
	"time"

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
	*dst = d
}
