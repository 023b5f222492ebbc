package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// attachMissingArg folds "a kill fault needs service" into the body's
// first unsupported argument, when there is one: fault "kill" { target =
// "orders" } is one mistake, the wrong name for service, not two. It
// reports whether it did; bodyDiags are the diagnostics of the body's
// decoding.
func attachMissingArg(bodyDiags hcl.Diagnostics, what, name string) bool {
	for _, d := range bodyDiags {
		if d.Summary == "Unsupported argument" {
			d.Detail += fmt.Sprintf(" %s needs %q: did you mean it here?", what, name)
			return true
		}
	}
	return false
}
