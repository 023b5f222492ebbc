package whatif

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/pmezard/go-difflib/difflib"
	"github.com/zclconf/go-cty/cty"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/lang"
)

// Edit is the change to make to the spec's files for a configuration, as
// a unified diff (Diff) of each file that changes, and notes on what could
// not be edited in place (a for_each service).
type Edit struct {
	Diff  string   `json:"diff"`
	Notes []string `json:"notes,omitempty"`
}

// EditFor writes the values of t into the spec's source files (files is
// lang.Loader.Files(): name → parsed file with its bytes). Each attribute
// is edited in the file's syntax tree with hclwrite, so formatting and
// comments survive. An attribute set from a variable (replicas =
// var.orders_replicas) changes the variable's default instead; a missing
// attribute or block is added.
func EditFor(spec *lang.Spec, files map[string]*hcl.File, dims []Dimension, values []float64) (*Edit, error) {
	return EditForGiven(spec, files, dims, values, nil)
}

// EditForGiven is EditFor where given names the variables whose value
// came from outside the spec (-var, BERTH_VAR_NAME, a var file), with
// where from. Such a variable's default is not what the run used, so
// editing it would change nothing: the edit leaves the files alone and
// notes the -var to pass instead. A variable whose value differs from its
// default counts as given even when it is not in given.
func EditForGiven(spec *lang.Spec, files map[string]*hcl.File, dims []Dimension, values []float64, given map[string]string) (*Edit, error) {
	e := &Edit{}
	docs := map[string]*hclwrite.File{}
	names := make([]string, 0, len(files))
	for n, f := range files {
		w, diags := hclwrite.ParseConfig(lang.EditableSource(f.Bytes, n), n, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, diags
		}
		docs[n] = w
		names = append(names, n)
	}
	sort.Strings(names)
	uses := varUses(files)
	for i, d := range dims {
		if d.current(spec) == values[i] {
			continue
		}
		if note := setValue(spec, docs, names, d, values[i], given, uses); note != "" {
			e.Notes = append(e.Notes, note)
		}
	}
	var b strings.Builder
	nameOf, note := diffNames(spec.Dir, names)
	for _, n := range names {
		before, after := files[n].Bytes, patched(lang.EditableSource(files[n].Bytes, n), docs[n])
		if bytes.Equal(before, after) {
			continue
		}
		if note != "" {
			e.Notes = append(e.Notes, note)
			note = ""
		}
		diff, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
			A: difflib.SplitLines(string(before)), B: difflib.SplitLines(string(after)),
			FromFile: "a/" + nameOf(n), ToFile: "b/" + nameOf(n), Context: 3,
		})
		if err != nil {
			return nil, err
		}
		b.WriteString(diff)
	}
	e.Diff = b.String()
	return e, nil
}

// setValue edits one dimension's attribute; it returns a note when it
// cannot.
//
// An attribute set from a variable (var.NAME) changes the variable's
// default, unless something else uses the variable too (uses counts the
// references to each): then the default would change that as well, which
// the search did not simulate, so the attribute itself is set, and a note
// says so.
func setValue(spec *lang.Spec, docs map[string]*hclwrite.File, names []string, d Dimension, v float64, given map[string]string, uses map[string]int) string {
	svc := spec.Services[d.Service]
	if svc.BlockName != "" {
		return fmt.Sprintf("%s comes from for_each block %q: set %s = %s for its instance by hand", d.Service, svc.BlockName, d.Attr, number(v))
	}
	for _, n := range names {
		blk := docs[n].Body().FirstMatchingBlock("service", []string{d.Service})
		if blk == nil {
			continue
		}
		body := blk.Body()
		switch d.Attr {
		case "workers", "queue":
			body = childBlock(body, "capacity")
		case "cpus":
			body = childBlock(body, "resources")
		}
		if varName := variableRef(body.GetAttribute(d.Attr)); varName != "" {
			if n := uses[varName]; n > 1 {
				// Neither a new default nor a -var: either would change
				// the rest too.
				body.SetAttributeValue(d.Attr, ctyNumber(v))
				return fmt.Sprintf("%s.%s came from var.%s, which the spec uses elsewhere too (%s): the diff sets it to %s in service %q and leaves var.%s alone.",
					d.Service, d.Attr, varName, words.Count(n-1, "other reference"), number(v), d.Service, varName)
			}
			if from, ok := givenVar(spec, varName, given); ok {
				return fmt.Sprintf("%s.%s comes from var.%s, set to %s by %s, not by the spec: pass -var %s=%s instead.",
					d.Service, d.Attr, varName, number(d.current(spec)), from, varName, number(v))
			}
			if setVariableDefault(docs, names, varName, v) {
				return ""
			}
			return fmt.Sprintf("%s.%s is set from var.%s, whose block was not found: pass -var %s=%s", d.Service, d.Attr, varName, varName, number(v))
		}
		body.SetAttributeValue(d.Attr, ctyNumber(v))
		return ""
	}
	return fmt.Sprintf("service %q: its block was not found", d.Service)
}

// varUses counts the references to each variable (var.NAME) in the
// spec's files, outside the variable's own block (its validation
// condition names it).
func varUses(files map[string]*hcl.File) map[string]int {
	uses := map[string]int{}
	var walk func(body *hclsyntax.Body, own string)
	walk = func(body *hclsyntax.Body, own string) {
		for _, a := range body.Attributes {
			for _, tr := range a.Expr.Variables() {
				if tr.RootName() != "var" || len(tr) < 2 {
					continue
				}
				if attr, ok := tr[1].(hcl.TraverseAttr); ok && attr.Name != own {
					uses[attr.Name]++
				}
			}
		}
		for _, b := range body.Blocks {
			inner := own
			if b.Type == "variable" && len(b.Labels) == 1 {
				inner = b.Labels[0]
			}
			walk(b.Body, inner)
		}
	}
	for _, f := range files {
		if body, ok := f.Body.(*hclsyntax.Body); ok {
			walk(body, "")
		}
	}
	return uses
}

// childBlock returns the first nested block of type typ, adding it when
// missing.
func childBlock(body *hclwrite.Body, typ string) *hclwrite.Body {
	if b := body.FirstMatchingBlock(typ, nil); b != nil {
		return b.Body()
	}
	body.AppendNewline()
	return body.AppendNewBlock(typ, nil).Body()
}

// variableRef returns NAME when the attribute's expression is exactly
// var.NAME.
func variableRef(a *hclwrite.Attribute) string {
	if a == nil {
		return ""
	}
	src := a.Expr().BuildTokens(nil).Bytes()
	expr, diags := hclsyntax.ParseExpression(src, "", hcl.InitialPos)
	if diags.HasErrors() {
		return ""
	}
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(st.Traversal) != 2 || st.Traversal.RootName() != "var" {
		return ""
	}
	if attr, ok := st.Traversal[1].(hcl.TraverseAttr); ok {
		return attr.Name
	}
	return ""
}

// givenVar reports whether the variable's value came from outside the
// spec, and from where.
func givenVar(spec *lang.Spec, name string, given map[string]string) (string, bool) {
	if from, ok := given[name]; ok {
		return from, true
	}
	v := spec.Variables[name]
	if v == nil || v.Default == cty.NilVal || v.Value == cty.NilVal || !v.Value.IsKnown() || v.Default.IsNull() {
		return "", false
	}
	if v.Value.RawEquals(v.Default) {
		return "", false
	}
	return "a -var, BERTH_VAR_" + name + " or a -var-file (its default is " + defaultText(v.Default) + ")", true
}

func defaultText(v cty.Value) string {
	if v.Type() == cty.Number {
		f, _ := v.AsBigFloat().Float64()
		return number(f)
	}
	return v.GoString()
}

func setVariableDefault(docs map[string]*hclwrite.File, names []string, name string, v float64) bool {
	for _, n := range names {
		if blk := docs[n].Body().FirstMatchingBlock("variable", []string{name}); blk != nil {
			blk.Body().SetAttributeValue("default", ctyNumber(v))
			return true
		}
	}
	return false
}

func ctyNumber(v float64) cty.Value {
	if v == math.Trunc(v) {
		return cty.NumberIntVal(int64(v))
	}
	return cty.NumberFloatVal(v)
}

func number(v float64) string { return fmt.Sprintf("%g", v) }

// diffNames returns the names of the spec's files in the diff headers:
// relative to the working directory, so that git apply or patch -p1 there
// applies the diff. A spec outside the working directory would give
// "a/../spec/main.berth.hcl", which both refuse (a path that leaves the
// tree); its names are then relative to the spec directory dir, and the
// note says to apply the diff there.
func diffNames(dir string, names []string) (func(string) string, string) {
	outside := false
	for _, n := range names {
		if r := diffName(n); r == ".." || strings.HasPrefix(r, "../") || filepath.IsAbs(filepath.FromSlash(r)) {
			outside = true
		}
	}
	if !outside || dir == "" {
		return diffName, ""
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return diffName, ""
	}
	note := fmt.Sprintf("the spec directory %s is outside the working directory, so the diff's paths are relative to it: apply it there (git -C %s apply, or patch -p1 -d %s)", dir, dir, dir)
	return func(n string) string {
		if abs, err := filepath.Abs(n); err == nil {
			if rel, err := filepath.Rel(absDir, abs); err == nil {
				return filepath.ToSlash(rel)
			}
		}
		return diffName(n)
	}, note
}

// diffName is a file's name in the diff header: relative to the working
// directory when it is absolute.
func diffName(n string) string {
	if filepath.IsAbs(n) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, n); err == nil {
				return filepath.ToSlash(rel)
			}
		}
		return strings.TrimPrefix(filepath.ToSlash(n), "/")
	}
	return filepath.ToSlash(n)
}
