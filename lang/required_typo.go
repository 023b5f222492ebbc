package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// mergeMisspelledRequired makes a misspelled required argument one
// diagnostic: hcl reports "targt" as unsupported (Did you mean "target"?)
// and "target" as missing, for one mistake. The missing one is dropped,
// and the unsupported one says the argument is required. diags are those
// of one body.
func mergeMisspelledRequired(diags hcl.Diagnostics) hcl.Diagnostics {
	out := diags[:0:0]
	for _, d := range diags {
		if name, ok := missingRequired(d); ok {
			if u := unsupportedMeaning(diags, name); u != nil {
				u.Detail = strings.Replace(u.Detail, fmt.Sprintf("Did you mean %q?", name), fmt.Sprintf("Did you mean %q? This block requires it.", name), 1)
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// missingRequired returns the name of hcl's "Missing required argument".
func missingRequired(d *hcl.Diagnostic) (string, bool) {
	if d.Summary != "Missing required argument" {
		return "", false
	}
	rest, ok := strings.CutPrefix(d.Detail, `The argument "`)
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(rest, `" is required, but no definition was found.`)
	return name, ok
}

// unsupportedMeaning returns the "Unsupported argument" that suggests name.
func unsupportedMeaning(diags hcl.Diagnostics, name string) *hcl.Diagnostic {
	for _, d := range diags {
		if d.Summary == "Unsupported argument" && strings.Contains(d.Detail, fmt.Sprintf("Did you mean %q?", name)) {
			return d
		}
	}
	return nil
}
