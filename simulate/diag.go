package simulate

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

func errorAt(rng hcl.Range, summary, detail string, args ...any) *hcl.Diagnostic {
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(detail, args...)}
	if rng.Filename != "" {
		r := rng
		d.Subject = &r
	}
	return d
}

func warningAt(rng hcl.Range, summary, detail string, args ...any) *hcl.Diagnostic {
	d := errorAt(rng, summary, detail, args...)
	d.Severity = hcl.DiagWarning
	return d
}
