package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/berth-dev/berth/planner"
)

// A plan file records the values of the spec's non-sensitive variables
// the plan was made with (planner.JSONVariable), as terraform's saved
// plans do: apply of the file uses them, whatever -var, -var-file and
// BERTH_VAR_name it is given. A -var or -var-file value given to apply
// that differs from the recorded one is refused (BERTH_VAR_name, which CI
// jobs share, is not: the plan's value wins). Sensitive variables are
// recorded by name only, and apply is given them as plan was.

// planFileVarFlags checks the variables given to apply of the plan file
// in path against those it records, and returns the flags to read its
// spec again with: the recorded values (as a variables file that outranks
// the environment and apply's own files; clean removes it), then apply's
// -var of the sensitive ones. A plan file of an older berth records none:
// apply's flags are used as they are.
func planFileVarFlags(path string, jp *planner.JSONPlan, sf *specFlags) (flags *specFlags, clean func(), err error) {
	clean = func() {}
	if jp.Variables == nil {
		return sf, clean, nil
	}
	if err := checkPlanFileVars(path, jp.Variables, sf); err != nil {
		return nil, clean, err
	}
	src, err := planner.VariablesFile(jp.Variables)
	if err != nil {
		return nil, clean, fmt.Errorf("%s: %w", path, err)
	}
	dir, err := os.MkdirTemp("", "berth-plan-vars-")
	if err != nil {
		return nil, clean, err
	}
	clean = func() { os.RemoveAll(dir) }
	file := filepath.Join(dir, filepath.Base(path)+".variables.hcl")
	if err := os.WriteFile(file, src, 0o600); err != nil {
		clean()
		return nil, func() {}, err
	}
	out := &specFlags{varFiles: append(append([]string(nil), sf.varFiles...), file)}
	for _, kv := range sf.vars {
		name, _, _ := strings.Cut(kv, "=")
		if v := jp.Variables[strings.TrimSpace(name)]; v != nil && v.Sensitive {
			out.vars = append(out.vars, kv)
		}
	}
	return out, clean, nil
}

// checkPlanFileVars refuses a -var or -var-file value that differs from
// the one the plan recorded, and a -var of a variable the plan's spec did
// not declare.
func checkPlanFileVars(path string, vars map[string]*planner.JSONVariable, sf *specFlags) error {
	var problems []string
	for _, kv := range sf.vars {
		name, raw, ok := strings.Cut(kv, "=")
		name = strings.TrimSpace(name)
		v := vars[name]
		switch {
		case !ok || name == "":
			return fmt.Errorf("invalid -var %q: write it as -var 'name=value'", kv)
		case v == nil:
			problems = append(problems, fmt.Sprintf("  -var %s: the spec the plan was made from declares no variable %q", kv, name))
		case v.Sensitive:
		default:
			if same, _ := v.Same(givenValue(v, raw)); !same {
				problems = append(problems, fmt.Sprintf("  -var %s: the plan was made with %s = %s", kv, name, v.Display()))
			}
		}
	}
	for _, file := range sf.varFiles {
		ps, err := checkVarFile(file, vars)
		if err != nil {
			return err
		}
		problems = append(problems, ps...)
	}
	if len(problems) == 0 {
		return nil
	}
	return &exitError{code: ExitError, err: fmt.Errorf(`cannot set variables when applying a saved plan: %s records the values of the variables it was made with, and apply uses them, but these differ:
%s
Nothing was done. Apply %s without these -var and -var-file values (they are not needed), or plan again with them`, path, strings.Join(problems, "\n"), path)}
}

// givenValue reads a -var value as the spec would for a variable whose
// recorded value has the type of v: the raw text for a string, else an
// HCL expression (or the raw text when it is not one).
func givenValue(v *planner.JSONVariable, raw string) cty.Value {
	if want, err := v.CtyValue(); err == nil && want.Type() == cty.String {
		return cty.StringVal(raw)
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), "<-var>", hcl.InitialPos)
	if diags.HasErrors() {
		return cty.StringVal(raw)
	}
	val, diags := expr.Value(nil)
	if diags.HasErrors() || !val.IsWhollyKnown() {
		return cty.StringVal(raw)
	}
	return val
}

// checkVarFile compares the recorded variables with the values of a
// -var-file. A value that needs functions to evaluate is not compared
// (the spec, when it is read again, evaluates it).
func checkVarFile(file string, vars map[string]*planner.JSONVariable) ([]string, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read the -var-file %s: %w", file, err)
	}
	f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("-var-file %s: %s", file, diags.Error())
	}
	attrs, _ := f.Body.JustAttributes()
	names := make([]string, 0, len(attrs))
	for name := range attrs {
		names = append(names, name)
	}
	sort.Strings(names)
	var problems []string
	for _, name := range names {
		v := vars[name]
		if v == nil || v.Sensitive {
			continue
		}
		val, diags := attrs[name].Expr.Value(nil)
		if diags.HasErrors() {
			continue
		}
		if same, _ := v.Same(val); !same {
			problems = append(problems, fmt.Sprintf("  -var-file %s: %s: the plan was made with %s = %s", file, name, name, v.Display()))
		}
	}
	return problems, nil
}
