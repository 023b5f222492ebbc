package lang

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// The functions that read the spec directory: abspath, fileexists and
// templatefile. Like file(), they resolve a relative path against the
// spec directory (not the working directory, as terraform does), and read
// through Options.FS when it is set, so `berth diff` reads a revision's
// files, not the work tree's.

// abspathFunc returns abspath(path): the path made absolute against the
// spec directory, with forward slashes. For a spec read from Options.FS
// (a git revision) it is the path inside that file system.
func abspathFunc(dir string, fsys fs.FS) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := resolvePath(dir, fsys, args[0].AsString())
			if fsys != nil {
				return cty.StringVal(path.Clean("/" + p)), nil
			}
			abs, err := filepath.Abs(p)
			if err != nil {
				return cty.NilVal, fmt.Errorf("cannot make %s absolute: %w", args[0].AsString(), err)
			}
			return cty.StringVal(filepath.ToSlash(abs)), nil
		},
	})
}

// fileExistsFunc returns fileexists(path): whether a regular file is
// there, relative to the spec directory.
func fileExistsFunc(dir string, fsys fs.FS) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(fileExists(dir, fsys, args[0].AsString())), nil
		},
	})
}

// templateFileFunc returns templatefile(path, vars): the file, relative to
// the spec directory, rendered as an HCL template with vars (a map or
// object) as its only variables and fns as its functions.
func templateFileFunc(dir string, fsys fs.FS, fns map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			name := args[0].AsString()
			src, err := readSpecRelative(dir, fsys, name, maxReadFile)
			if err != nil {
				return cty.NilVal, err
			}
			expr, diags := hclsyntax.ParseTemplate(src, name, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.NilVal, fmt.Errorf("template %s: %s", name, diags.Error())
			}
			vars, err := templateVars(args[1])
			if err != nil {
				return cty.NilVal, err
			}
			for _, tr := range expr.Variables() {
				if _, ok := vars[tr.RootName()]; !ok {
					sets := "vars sets: " + joinQuoted(keysOf(vars))
					if len(vars) == 0 {
						sets = fmt.Sprintf("vars is empty: pass it, like templatefile(%q, { %s = ... })", name, tr.RootName())
					}
					return cty.NilVal, fmt.Errorf("template %s uses %s at line %d, which vars does not set; %s",
						name, tr.RootName(), tr.SourceRange().Start.Line, sets)
				}
			}
			v, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: fns})
			if diags.HasErrors() {
				return cty.NilVal, fmt.Errorf("template %s: %s", name, diags.Error())
			}
			return v, nil
		},
	})
}

// templateVars returns the variables of a template from a map or object.
func templateVars(v cty.Value) (map[string]cty.Value, error) {
	ty := v.Type()
	if v.IsNull() || !(ty.IsMapType() || ty.IsObjectType()) {
		return nil, fmt.Errorf("the vars of templatefile must be a map or an object, like { name = \"x\" }, not %s", ty.FriendlyName())
	}
	if !v.IsWhollyKnown() {
		return nil, fmt.Errorf("the vars of templatefile must be known when the spec loads")
	}
	out := map[string]cty.Value{}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if !hclsyntax.ValidIdentifier(k.AsString()) {
			return nil, fmt.Errorf("templatefile var %q is not a valid identifier", k.AsString())
		}
		out[k.AsString()] = e
	}
	return out, nil
}
