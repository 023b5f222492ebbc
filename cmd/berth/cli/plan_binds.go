package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// bindChecker is a backend that can tell which bind sources of a plan do
// not exist (compose: apply refuses them before any step).
type bindChecker interface {
	MissingBindSources(ctx context.Context, p *planner.Plan) ([]compose.BindSource, error)
}

// missingBindDiags warns, at each service that mounts one, about the bind
// sources the plan's new containers need and the host does not have (see
// warnPreflight).
func missingBindDiags(ctx context.Context, be any, spec *lang.Spec, p *planner.Plan) hcl.Diagnostics {
	missing := preflightFinds(be, func(c bindChecker) ([]compose.BindSource, error) { return c.MissingBindSources(ctx, p) })
	var diags hcl.Diagnostics
	for _, m := range missing {
		seen := map[string]bool{}
		for _, u := range m.Users {
			name, _, _ := strings.Cut(u.Name, "[")
			if seen[name] {
				continue
			}
			seen[name] = true
			d := &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Bind source does not exist",
				Detail:   fmt.Sprintf("Service %q mounts %s, which does not exist, and Docker does not create a bind's source, so apply of this plan would stop before its first step. Create it first (mkdir -p %s), or change the mount's source.", name, m.Path, m.Path),
			}
			if svc := spec.Services[name]; svc != nil {
				d.Subject = svc.DeclRange.Ptr()
			}
			diags = append(diags, d)
		}
	}
	return diags
}
