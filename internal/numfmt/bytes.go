package numfmt

import "strconv"

// binaryUnits are the units Bytes writes, largest first.
var binaryUnits = []struct {
	name string
	n    int64
}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}}

// Bytes writes a number of bytes exactly, in the largest binary unit that
// divides it (268435456 is "256MiB", 1536 MiB "1536MiB"), else in bytes
// ("1000B"): the units a spec's sizes and Docker's --memory read.
func Bytes(n int64) string {
	if n != 0 {
		for _, u := range binaryUnits {
			if n%u.n == 0 {
				return strconv.FormatInt(n/u.n, 10) + u.name
			}
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}
