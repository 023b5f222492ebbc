// Package numfmt owns how berth prints plain numbers for people: with a
// few significant digits and never in exponent notation (a cost of 12,345
// CPUs reads 12345, not 1.234e+04).
package numfmt

import (
	"strconv"
	"strings"
)

// Sig formats v with n significant digits, or as a whole number when that
// would need an exponent.
func Sig(v float64, n int) string {
	s := strconv.FormatFloat(v, 'g', n, 64)
	if strings.Contains(s, "e+") {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return s
}
