package cli

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/planner"
)

// applyPlanFile performs a saved plan after checking it is not stale.
func applyPlanFile(ctx context.Context, cmd *cobra.Command, path string, af *applyFlags) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	jp, err := planner.ReadJSON(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	p, err := jp.Plan()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	be, err := openBackend(ctx, jp.Backend)
	if err != nil {
		return err
	}
	defer be.Close()
	release, err := lockProject(cmd, jp.Project, af.forceUnlock)
	if err != nil {
		return err
	}
	defer release()
	obs, err := be.Observe(ctx, jp.Project)
	if err != nil {
		return err
	}
	if fp := obs.Fingerprint(); fp != jp.ObservedFingerprint {
		return &exitError{code: ExitError, err: staleError(path, jp, obs)}
	}
	af.autoApprove = true // the plan file is the approval
	return confirmAndApply(ctx, cmd, be, p, jp, nil, af, "apply")
}

// staleError says what changed in the engine since the plan was made.
func staleError(path string, jp *planner.JSONPlan, obs *planner.Observed) error {
	now := obs.Fingerprints()
	var lines []string
	for addr, fp := range jp.ObservedResources {
		switch cur, ok := now[addr]; {
		case !ok:
			lines = append(lines, "  "+addr+" was removed")
		case cur != fp:
			lines = append(lines, "  "+addr+" changed")
		}
	}
	for addr := range now {
		if _, ok := jp.ObservedResources[addr]; !ok {
			lines = append(lines, "  "+addr+" appeared")
		}
	}
	sort.Strings(lines)
	return fmt.Errorf("the plan in %s is stale: the %s project %q changed since it was made:\n%s\nNothing was done. Run berth plan again",
		path, jp.Backend, jp.Project, strings.Join(lines, "\n"))
}
