package cli

import (
	"context"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// warnPreflight warns about what would stop the apply of p before its
// first step, or leave it waiting, each at the spec's object it concerns:
// images the engine lacks, bind sources the host lacks, names that
// objects berth did not make hold, host ports other projects' containers
// hold, swarm constraints no node matches, and
// start-first updates with no node free for a host port. The plan itself
// is fine. A check the backend cannot make, or
// that fails, is left to apply, which makes it again.
func warnPreflight(ctx context.Context, cmd *cobra.Command, be any, spec *lang.Spec, p *planner.Plan) error {
	var diags hcl.Diagnostics
	for _, check := range []func(context.Context, any, *lang.Spec, *planner.Plan) hcl.Diagnostics{
		missingImageDiags, missingBindDiags, takenNameDiags, takenPortDiags, unplaceableDiags, stuckHostPortDiags,
	} {
		diags = append(diags, check(ctx, be, spec, p)...)
	}
	return reportDiags(cmd, diags)
}

// preflightFinds runs find on the backend when it has the check C, and
// returns what it found: nothing when it has not, or when the check fails
// (apply makes the check again and reports it).
func preflightFinds[C, T any](be any, find func(C) ([]T, error)) []T {
	c, ok := be.(C)
	if !ok {
		return nil
	}
	found, err := find(c)
	if err != nil {
		return nil
	}
	return found
}
