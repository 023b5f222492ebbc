package cli

import (
	"context"
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// nameChecker is a backend that can tell which volumes and networks of a
// plan have names objects it does not own hold (compose: apply refuses
// them before any step).
type nameChecker interface {
	TakenNames(ctx context.Context, p *planner.Plan) ([]compose.TakenName, error)
}

// takenNameDiags warns, at the volume or network, about each one the plan
// creates whose name an object berth did not make already has (see
// warnPreflight).
func takenNameDiags(ctx context.Context, be any, spec *lang.Spec, p *planner.Plan) hcl.Diagnostics {
	taken := preflightFinds(be, func(c nameChecker) ([]compose.TakenName, error) { return c.TakenNames(ctx, p) })
	var diags hcl.Diagnostics
	for _, t := range taken {
		made := "that berth did not make (docker-compose, or docker by hand)"
		if t.Labelled {
			made = "with the project's label but not io.berth.backend=compose (made by hand, by an older berth, or by berth's swarm backend)"
		}
		d := &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  fmt.Sprintf("The %s name is taken", t.Kind),
			Detail: fmt.Sprintf("The engine has a %s named %s %s, so apply of this plan would stop before its first step: berth does not take over an object that is not the project's. Remove it if it may go (docker %s rm %s), or give the project another name.",
				t.Kind, t.Name, made, t.Kind, t.Name),
			Subject: spec.DeclRange.Ptr(),
		}
		if v := spec.Volumes[t.Address.Name]; t.Kind == "volume" && v != nil {
			d.Subject = v.DeclRange.Ptr()
		}
		if n := spec.Networks[t.Address.Name]; t.Kind == "network" && n != nil {
			d.Subject = n.DeclRange.Ptr()
		}
		diags = append(diags, d)
	}
	return diags
}
