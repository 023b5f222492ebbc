package lang

import (
	"fmt"
	"strconv"

	"github.com/zclconf/go-cty/cty"
)

// validatedValue says, for a failed validation, which value was checked
// and where it came from: ", whose value is 80 (from -var-file
// prod.tfvars)". The rule's condition alone does not say whether -var,
// the environment or a file gave the value. A sensitive value is not
// shown, and a collection is shown by its type and length.
func validatedValue(va *Variable, from string) string {
	if from == "" {
		return ""
	}
	v, what := va.Value, ""
	switch {
	case va.Sensitive || v.IsMarked() || !v.IsWhollyKnown():
	case v.IsNull():
		what = "null"
	case v.Type() == cty.String:
		if s := v.AsString(); len(s) <= 60 {
			what = strconv.Quote(s)
		}
	case v.Type() == cty.Number:
		what = v.AsBigFloat().Text('g', -1)
	case v.Type() == cty.Bool:
		what = strconv.FormatBool(v.True())
	default:
		what = "a " + describeValue(v)
	}
	if what == "" {
		return fmt.Sprintf(", whose value came from %s", from)
	}
	return fmt.Sprintf(", whose value is %s (from %s)", what, from)
}
