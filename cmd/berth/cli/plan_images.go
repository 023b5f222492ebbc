package cli

import (
	"context"
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// imageChecker is a backend that can tell which images of a plan the
// engine lacks (compose: apply refuses them unless it may pull).
type imageChecker interface {
	MissingImages(ctx context.Context, p *planner.Plan) ([]string, error)
}

// missingImageDiags warns, at each service that runs one, about the
// images the plan needs and the engine does not have (see warnPreflight).
func missingImageDiags(ctx context.Context, be any, spec *lang.Spec, p *planner.Plan) hcl.Diagnostics {
	missing := preflightFinds(be, func(c imageChecker) ([]string, error) { return c.MissingImages(ctx, p) })
	var diags hcl.Diagnostics
	for _, ref := range missing {
		d := &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Image not on the engine",
			Detail:   fmt.Sprintf("The engine has no image %s, and berth does not pull unless asked, so apply of this plan would stop before its first step. Build or load it first (docker build, docker load), or apply with --pull missing.", ref),
		}
		for _, svc := range spec.SortedServices() {
			if svc.Image == ref {
				d.Subject = svc.DeclRange.Ptr()
				break
			}
		}
		diags = append(diags, d)
	}
	return diags
}
