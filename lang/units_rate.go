package lang

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// rateForms lists the accepted forms of a rate, for messages.
const rateForms = `a number of requests per second (a bare number, like 800, means requests/s), or a string with a unit: "100/s", "6000/min", "360000/h", "5/ms", "100rps" or "6000rpm" (decimals and exponents allowed, like "1.5e3/min")`

// rateRE matches a rate: a decimal number (with an optional exponent) and
// an optional unit.
var rateRE = regexp.MustCompile(`^((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*(/\s*(?:ms|s|min|h)|rps|rpm)?$`)

// callLikeRE matches a function-like string ("step(100, 200 at 20s)"):
// a rate profile written as a function, which berth writes as blocks.
var callLikeRE = regexp.MustCompile(`^[a-z_]+\s*\(`)

// rateUnits are the rate units, as the number of seconds they count over.
var rateUnits = map[string]float64{"": 1, "/ms": 1e-3, "/s": 1, "/min": 60, "/h": 3600, "rps": 1, "rpm": 60}

// ParseRate parses a rate of requests into requests per second: a bare
// number ("800", requests/s), or a number with a unit: "100/s", "6000/min",
// "360000/h", "5/ms", "100rps" or "6000rpm". The number may have decimals
// and an exponent ("1.5e3/min"); units are case-insensitive.
func ParseRate(s string) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(t, "-") && rateRE.MatchString(t[1:]) {
		return 0, fmt.Errorf("%q is negative; a rate must be 0 or more requests/s", s)
	}
	m := rateRE.FindStringSubmatch(t)
	if m == nil && callLikeRE.MatchString(t) {
		return 0, fmt.Errorf("%q is not a rate; write %s. A rate that changes during a load is not a function but a block of the load: "+
			"ramp { from, to, over } or diurnal { min, max, period } in place of rate, or step { at, rate } blocks after it", s, rateForms)
	}
	if m == nil {
		return 0, fmt.Errorf("%q is not a rate; write %s", s, rateForms)
	}
	f, err := strconv.ParseFloat(m[1], 64)
	unit := strings.Join(strings.Fields(m[2]), "")
	if r := f / rateUnits[unit]; err == nil && !math.IsInf(r, 0) {
		return r, nil
	}
	return 0, fmt.Errorf("%q is too large a rate", s)
}
