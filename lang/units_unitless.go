package lang

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// unitlessWarning warns about a duration written as a string without a
// unit ("100", or the 10 of "exp(10)"): it is read as seconds, as a
// number is, but a quoted number is more often a unit forgotten
// (timeout = "100" meant as 100ms). A zero, and a number not in quotes,
// are not warned about.
func unitlessWarning(name string, v cty.Value, rng hcl.Range) *hcl.Diagnostic {
	if v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return nil
	}
	s := v.AsString()
	n := unitlessDuration(s)
	if n == "" {
		return nil
	}
	what := fmt.Sprintf("%q has no unit", s)
	if strings.TrimSpace(s) != n {
		what = fmt.Sprintf("in %q, %s has no unit", s, n)
	}
	return warningAt(rng, "Duration without a unit",
		"%s: %s, so it is read as %s seconds. Write the unit: %q if seconds are meant, %q for milliseconds.",
		name, what, n, n+"s", n+"ms")
}

// unitlessDuration returns the first duration of s, a duration or a
// distribution, written as a plain non-zero number, or "". The second
// parameter of gamma (a coefficient of variation) and erlang (a count)
// has no unit.
func unitlessDuration(s string) string {
	t := strings.TrimSpace(s)
	if plainNonZero(t) {
		return t
	}
	open := strings.IndexByte(t, '(')
	if open < 0 || !strings.HasSuffix(t, ")") {
		return ""
	}
	fn := strings.ToLower(strings.TrimSpace(t[:open]))
	for i, arg := range strings.Split(t[open+1:len(t)-1], ",") {
		if i == 1 && (fn == "gamma" || fn == "erlang") {
			continue
		}
		if arg = strings.TrimSpace(arg); plainNonZero(arg) {
			return arg
		}
	}
	return ""
}

func plainNonZero(s string) bool {
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && f != 0
}
