package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// errorAt returns an error diagnostic whose Subject is rng.
func errorAt(rng hcl.Range, summary, detail string, args ...any) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   fmt.Sprintf(detail, args...),
		Subject:  rng.Ptr(),
	}
}

// warningAt returns a warning diagnostic whose Subject is rng.
func warningAt(rng hcl.Range, summary, detail string, args ...any) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagWarning,
		Summary:  summary,
		Detail:   fmt.Sprintf(detail, args...),
		Subject:  rng.Ptr(),
	}
}

// at formats a range as file:line:column, as berth validate prints every
// position, for messages that point at a second place (a duplicate's
// first declaration).
func at(rng hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", rng.Filename, rng.Start.Line, rng.Start.Column)
}
