package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// mixedTypesWhy says which elements of the argument of toset, tolist or
// tomap differ in type, and how to make them one type, for cty's "cannot
// convert tuple to set of any single type". "" when the argument cannot
// be read again.
func mixedTypesWhy(name string, d *hcl.Diagnostic) string {
	if d.Expression == nil || !strings.Contains(d.Detail, "of any single type") {
		return ""
	}
	v, diags := d.Expression.Value(d.EvalContext)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
		return ""
	}
	secret := v.ContainsMarked()
	v, _ = v.UnmarkDeep()
	ty := v.Type()
	if !ty.IsTupleType() && !ty.IsObjectType() {
		return ""
	}
	var parts []string
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if len(parts) == 10 {
			parts = append(parts, "...")
			break
		}
		what := "element " + k.AsBigFloat().Text('f', -1)
		if ty.IsObjectType() {
			what = fmt.Sprintf("key %q", k.AsString())
		}
		parts = append(parts, what+" is "+kindOf(e, !secret))
	}
	kind := strings.TrimPrefix(name, "to")
	return fmt.Sprintf("the elements of a %s are all of one type, and these are not: %s. Make them one type: write each as a string (tostring(3) for a number or bool, jsonencode([\"b\"]) for a list or object), or make them all lists or all objects.",
		kind, strings.Join(parts, ", "))
}

// kindOf names the type of v as a spec author writes it: a string, a
// number, a bool, a list, an object, null; with a string's, number's or
// bool's value when show (not when the value is sensitive).
func kindOf(v cty.Value, show bool) string {
	ty := v.Type()
	switch {
	case v.IsNull():
		return "null"
	case !show && ty.IsPrimitiveType():
		return "a " + ty.FriendlyName()
	case ty == cty.String:
		return fmt.Sprintf("a string (%q)", v.AsString())
	case ty == cty.Number:
		return "a number (" + v.AsBigFloat().Text('f', -1) + ")"
	case ty == cty.Bool:
		return fmt.Sprintf("a bool (%t)", v.True())
	case ty.IsTupleType() || ty.IsListType():
		return "a list"
	case ty.IsSetType():
		return "a set"
	case ty.IsObjectType() || ty.IsMapType():
		return "an object"
	}
	return "a " + ty.FriendlyName()
}
