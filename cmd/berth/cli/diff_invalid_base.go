package cli

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/review"
)

// invalidBase handles an OLD side that does not validate while NEW does:
// the pull request that fixes a broken base must still be reviewable.
// OLD becomes an empty spec (so every object of NEW shows as created,
// and the simulation is NEW's alone) whose Invalid lists the errors, one
// line each with its file:line:col (REV:path for a revision), which the
// review shows at its top. A NEW side that fails stays an error, as does
// an OLD side that fails with no NEW spec to show.
func invalidBase(cmd *cobra.Command, old *review.Side, odiags hcl.Diagnostics, new review.Side) bool {
	if !odiags.HasErrors() || new.Spec == nil || new.Absent {
		return false
	}
	dir := new.Spec.Dir
	if old.Spec != nil {
		dir = old.Spec.Dir
	}
	old.Invalid = diagLines(odiags)
	old.Spec, old.Files, old.Absent = lang.EmptySpec(dir, new.Spec.Project), nil, true
	fmt.Fprintf(cmd.ErrOrStderr(), "berth diff: warning: %s does not validate (%s), so the whole spec of %s shows as added:\n", old.Label, words.Count(len(old.Invalid), "error"), new.Label)
	for _, l := range old.Invalid {
		fmt.Fprintf(cmd.ErrOrStderr(), "  %s\n", l)
	}
	return true
}

// diagLines are the errors of diags as one line each:
// "file:line:col: summary: detail" (no position when they have none).
func diagLines(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		line := strings.Join(strings.Fields(d.Summary), " ")
		if d.Detail != "" {
			line += ": " + strings.Join(strings.Fields(d.Detail), " ")
		}
		if r := d.Subject; r != nil {
			line = fmt.Sprintf("%s:%d:%d: %s", r.Filename, r.Start.Line, r.Start.Column, line)
		}
		out = append(out, line)
	}
	return out
}
