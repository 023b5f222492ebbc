package lang

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty/function"
)

// explainFunctionErrors rewrites the diagnostics of function calls whose
// error is Go's, not the spec author's:
//   - a function that panicked (cty's log(-1, 10) makes a NaN, which a cty
//     number cannot hold): cty recovers and puts the panic with its Go
//     stack trace in the error, which hcl puts in the detail;
//   - timeadd's duration, which Go's time.ParseDuration reads ("time:
//     unknown unit " hour" in duration "1 hour"");
//   - toset, tolist and tomap of elements of different types: cty's
//     "cannot convert tuple to set of any single type" (mixedTypesWhy);
//   - jsondecode's "invalid character 'b'", which does not say it is about
//     JSON, and Go's "error parsing regexp:" of a bad pattern.
func explainFunctionErrors(diags hcl.Diagnostics) {
	for _, d := range diags {
		extra, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d)
		if !ok || extra.FunctionCallError() == nil {
			continue
		}
		err, name := extra.FunctionCallError(), extra.CalledFunctionName()
		why := functionErrorWhy(name, err)
		if name == "toset" || name == "tolist" || name == "tomap" {
			why = mixedTypesWhy(name, d)
		}
		if why != "" {
			d.Detail = fmt.Sprintf("Call to function %q failed: %s", name, why)
		}
	}
}

// functionErrorWhy says in words why the function name failed with err,
// or "" to keep hcl's detail.
func functionErrorWhy(name string, err error) string {
	var pe function.PanicError
	switch {
	case errors.As(err, &pe) && strings.Contains(fmt.Sprint(pe.Value), "NaN"):
		return "the result is not a number (NaN): the logarithm of a negative number or to base 1, and a negative number to a fractional power, have none. Change the arguments."
	case errors.As(err, &pe):
		return "it has no result for these arguments. Change them."
	case name == "timeadd" && strings.HasPrefix(err.Error(), "time: "):
		return strings.TrimPrefix(err.Error(), "time: ") + `. The duration is written as "1h", "30m", "1h30m" or "-10s" (units ns, us, ms, s, m, h, no spaces).`
	case strings.HasPrefix(err.Error(), "error parsing regexp: "):
		return "the pattern is not a regular expression (Go's RE2 syntax): " + strings.TrimPrefix(err.Error(), "error parsing regexp: ") + "."
	case name == "jsondecode":
		return "the string is not valid JSON: " + err.Error() + "."
	}
	return ""
}
