package lang

import (
	"errors"
	"fmt"
	"math"
	"regexp"
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
	d, err := time.ParseDuration(t) // the common form first: a spec holds thousands
	if err != nil {
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return SecondsToDuration(f)
		}
		if m := scaledDurationRE.FindStringSubmatch(t); m != nil {
			return scaledDuration(s, m[1], m[2])
		}
		return 0, fmt.Errorf(`%q is not a duration; write a number with a unit (ns, us, ms, s, m, h), like "300ms", "1m30s", "1.5s" or "2.5e-3s", or a number of seconds`, s)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative; a duration must be zero or more", s)
	}
	return d, nil
}

// scaledDurationRE matches one number with a decimal exponent and a unit
// ("1e-2s", "2.5E3ms"), which time.ParseDuration does not read.
var scaledDurationRE = regexp.MustCompile(`^([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+)(ns|us|µs|μs|ms|s|m|h)$`)

// durationUnits are the units of time.ParseDuration, in seconds.
var durationUnits = map[string]float64{
	"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600,
}

// scaledDuration converts the number num (with an exponent) of unit.
func scaledDuration(s, num, unit string) (time.Duration, error) {
	f, err := strconv.ParseFloat(num, 64)
	if err != nil { // only out of range: the pattern is a valid float
		return 0, fmt.Errorf("%q is too long; a duration must be under 290 years", s)
	}
	if f < 0 {
		return 0, fmt.Errorf("%q is negative; a duration must be zero or more", s)
	}
	return SecondsToDuration(f * durationUnits[unit])
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
