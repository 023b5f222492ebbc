package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// applyPlanFile performs a saved plan after checking it is not stale and,
// when it needs values it does not carry (derived from sensitive
// variables), after reading them again from its spec with the variables
// the plan records and the sensitive ones given to apply, and checking
// them against the plan's hashes.
func applyPlanFile(ctx context.Context, cmd *cobra.Command, path string, sf *specFlags, af *applyFlags) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	jp, err := planner.ReadJSON(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	needs, err := jp.NeedsValues()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sf, cleanVars, err := planFileVarFlags(path, jp, sf)
	if err != nil {
		return err // before any work against the engine
	}
	defer cleanVars()
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
	if af.specDir != "" {
		jp.SpecDir = af.specDir
	}
	var desired *planner.Desired
	var secretVars []string
	if len(needs) > 0 {
		if desired, secretVars, err = planFileValues(ctx, cmd, be, path, jp, sf); err != nil {
			return err
		}
	}
	p, contents, err := jp.PlanWith(desired)
	if err != nil {
		var ve *planner.ValuesError
		if errors.As(err, &ve) {
			return &exitError{code: ExitError, err: valuesError(path, jp, ve, secretVars)}
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	// A tag moved since the plan is refused before the plan is shown, as
	// a changed project is above (Apply checks it again).
	if pin, ok := be.(interface {
		CheckPinnedImages(context.Context, *planner.Plan) error
	}); ok {
		if err := pin.CheckPinnedImages(ctx, p); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	af.autoApprove = true // the plan file is the approval
	return confirmAndApply(ctx, cmd, be, p, jp, contents, af, "apply")
}

// planFileValues compiles the plan's spec again, from its spec_dir with
// the variables given to apply (-var, -var-file, BERTH_VAR_name) and as
// the plan did (its backend, --emulate), for the values the plan file
// does not carry. It returns them with the names of the spec's sensitive
// variables.
func planFileValues(ctx context.Context, cmd *cobra.Command, be backends.Backend, path string, jp *planner.JSONPlan, sf *specFlags) (*planner.Desired, []string, error) {
	why := fmt.Sprintf("the plan in %s needs values that a plan file does not carry (derived from sensitive variables, or a secret's value): apply reads them again from the spec in %s", path, jp.SpecDir)
	if jp.SpecDir == "" {
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("%s, but the plan does not say where its spec is. Nothing was done. Apply the spec directory instead (berth apply DIR)", strings.TrimSuffix(why, " in "))}
	}
	if _, err := os.Stat(jp.SpecDir); err != nil {
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("%s, which is not there (%v). Nothing was done. When the spec moved since berth plan (another checkout), name where it is now: berth apply --spec-dir DIR %s", why, errors.Unwrap(err), path)}
	}
	spec, _, diags, err := loadSpecDiags(jp.SpecDir, sf)
	if err != nil {
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("%s: %w. Nothing was done", why, err)}
	}
	if diags.HasErrors() {
		reportDiags(cmd, onlyErrors(diags))
		give := "the same -var, -var-file and BERTH_VAR_<name> environment as berth plan had"
		if jp.Variables != nil {
			give = "the values of the spec's sensitive variables that berth plan had (the plan file gives the others)"
		}
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("%s, which has errors (above). Nothing was done. Give apply %s", why, give)}
	}
	spec.Backend = jp.Backend
	emulate := jp.Options["emulate"] == "true"
	need := backends.NeedsEmulator(spec, emulate)
	if diags := compileFirstDiags(spec, be.Name(), emulate, need); diags.HasErrors() {
		reportDiags(cmd, onlyErrors(diags))
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("%s, which does not compile (above). Nothing was done", why)}
	}
	tg, err := be.Target(ctx, backends.TargetOptions{Emulate: emulate, NeedEmulator: need, Registry: spec.Registry})
	if err != nil {
		return nil, nil, err
	}
	desired, diags := tg.Desired(spec)
	if diags.HasErrors() {
		reportDiags(cmd, onlyErrors(diags))
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("%s, which does not compile (above). Nothing was done", why)}
	}
	if desired.Project != jp.Project {
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("%s, which is now the project %q, not %q. Nothing was done. Plan again", why, desired.Project, jp.Project)}
	}
	planner.HideSensitive(spec, desired.Resources)
	var names []string
	for name, v := range spec.Variables {
		if v.Sensitive {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return desired, names, nil
}

// valuesError says which values of the plan the spec read again does not
// give, and how to give them.
func valuesError(path string, jp *planner.JSONPlan, ve *planner.ValuesError, secretVars []string) error {
	how := "the same -var, -var-file and BERTH_VAR_<name> environment as berth plan had"
	if len(secretVars) > 0 {
		var each []string
		for _, n := range secretVars {
			each = append(each, fmt.Sprintf("%s (-var %s=... or %s%s)", n, n, lang.EnvVarPrefix, n))
		}
		if jp.Variables != nil { // the plan gives the others
			how = "the values of the spec's sensitive variables berth plan had: " + strings.Join(each, ", ")
		} else {
			how += "; the spec's sensitive variables are " + strings.Join(each, ", ")
		}
	}
	var lines []string
	for _, p := range ve.Problems {
		lines = append(lines, "  "+p.String())
	}
	return fmt.Errorf("cannot apply %s: it does not carry the values derived from sensitive variables (nor a secret's value), and the spec in %s, read again with this apply's variables, does not give the ones the plan was made with:\n%s\nNothing was done. Give apply %s, or plan again",
		path, jp.SpecDir, strings.Join(lines, "\n"), how)
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
			lines = append(lines, "  "+addr+" changed"+staleWhat(jp, obs, addr))
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

// staleWhat says what of the resource at addr differs from what the plan
// saw: " (recreated)" when the engine object is another one, else the
// attributes whose values differ (names only: a value may be sensitive).
func staleWhat(jp *planner.JSONPlan, obs *planner.Observed, addr string) string {
	var was *planner.JSONChange
	for _, jc := range jp.ResourceChanges {
		if jc.Address == addr {
			was = jc
		}
	}
	if was == nil {
		return ""
	}
	now := obs.Get(planner.Address{Type: was.Type, Name: was.Name})
	if now == nil {
		return ""
	}
	if was.ID != "" && was.ID != now.ID {
		return " (recreated)"
	}
	before, after := was.Before.Normalize(), now.Attrs.Normalize()
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	hidden, _ := was.BeforeSensitive.(map[string]any) // the plan has hashes there
	var names []string
	for k := range keys {
		if _, ok := hidden[k]; !ok && !reflect.DeepEqual(before[k], after[k]) {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return ""
	}
	return ": " + strings.Join(names, ", ")
}

// planFileModeFlags refuses --backend and --emulate given with a plan file
// when they differ from how the plan was made: the file carries its own,
// and applying it silently otherwise than asked would deploy real images
// where emulators were meant (or the reverse).
func planFileModeFlags(cmd *cobra.Command, path string, df *deployFlags) error {
	fs := cmd.Flags()
	if !fs.Changed("backend") && !fs.Changed("emulate") {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil // applyPlanFile says why
	}
	jp, err := planner.ReadJSON(f)
	f.Close()
	if err != nil {
		return nil
	}
	if fs.Changed("backend") && df.backend != jp.Backend {
		return fmt.Errorf("the plan in %s is for the %s backend, not %s (--backend): a plan file carries its own. Drop --backend, or plan again with it", path, jp.Backend, df.backend)
	}
	if planned := jp.Options["emulate"] == "true"; fs.Changed("emulate") && df.emulate != planned {
		how := "without --emulate"
		if planned {
			how = "with --emulate"
		}
		return fmt.Errorf("the plan in %s was made %s, and --emulate=%t asks otherwise: a plan file carries its own. Drop --emulate, or plan again with it", path, how, df.emulate)
	}
	return nil
}
