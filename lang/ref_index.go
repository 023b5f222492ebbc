package lang

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// missingKey reports key of the map v, named what, when v does not have
// it: the keys it has, the closest, and that a map's element is written
// what["key"]. hcl said only "This map does not have an element with the
// key "wbe"." (or, of var.ports.wbe, "This object does not have an
// attribute named ...").
func missingKey(rng hcl.Range, what, key string, v cty.Value, secret bool) *hcl.Diagnostic {
	if v.HasIndex(cty.StringVal(key)).True() {
		return nil
	}
	if secret {
		// a sensitive map's keys are not shown
		return errorAt(rng, "Missing map key", "%s has no key %q. An element of a map is written %s[\"key\"].", what, key, what)
	}
	var keys []string
	for it := v.ElementIterator(); it.Next(); {
		k, _ := it.Element()
		keys = append(keys, k.AsString())
	}
	if len(keys) == 0 {
		return errorAt(rng, "Missing map key", "%s is an empty map, so it has no key %q.", what, key)
	}
	example, dym := keys[0], didYouMean(key, keys)
	if s := suggest(key, keys); s != "" {
		example = s
	}
	return errorAt(rng, "Missing map key", "%s is a map whose keys are %s; none is %q.%s An element of a map is written %s[%q].",
		what, joinQuoted(listed(keys)), key, dym, what, example)
}

// listed keeps the first 20 names, with how many more there are.
func listed(names []string) []string {
	if len(names) <= 20 {
		return names
	}
	return append(names[:20:20], fmt.Sprintf("and %d more", len(names)-20))
}

// badIndex reports an index step of a list or tuple v, named what, that
// names no element: a number past its end, a fraction, or a string. hcl
// said only "The given key does not identify an element in this
// collection value."
func badIndex(idx hcl.TraverseIndex, what string, v cty.Value) *hcl.Diagnostic {
	key, _ := idx.Key.UnmarkDeep()
	if !key.IsKnown() || key.IsNull() {
		return nil
	}
	n := v.LengthInt()
	valid := fmt.Sprintf("%s has %d elements, so its indexes are 0 to %d", what, n, n-1)
	switch {
	case n == 0:
		valid = what + " is empty, so it has no index at all"
	case n == 1:
		valid = what + " has 1 element, so its only index is 0"
	}
	num, err := convert.Convert(key, cty.Number)
	if err != nil {
		s := ""
		if key.Type() == cty.String {
			s = fmt.Sprintf(" index(%s, %q) is the position of the element %q.", what, key.AsString(), key.AsString())
		}
		return errorAt(idx.SrcRange, "Invalid index", "A list is indexed by number, not by %s: %s.%s", describeKey(key), valid, s)
	}
	f := num.AsBigFloat()
	if f.IsInt() && f.Sign() >= 0 && f.Cmp(big.NewFloat(float64(n))) < 0 {
		return nil
	}
	last := ""
	if n > 0 {
		last = fmt.Sprintf(" The last element is %s[%d]; length(%s) counts them.", what, n-1, what)
	}
	return errorAt(idx.SrcRange, "Invalid index", "%s, and %s is not one of them.%s", valid, f.Text('f', -1), last)
}

// describeKey says what an index that is not a number is.
func describeKey(key cty.Value) string {
	if key.Type() == cty.String {
		return fmt.Sprintf("the string %q", key.AsString())
	}
	return "a " + key.Type().FriendlyName()
}

// indexStepError reports the index step idx of v, named what, that v does
// not have, or nil.
func indexStepError(what string, idx hcl.TraverseIndex, v cty.Value) *hcl.Diagnostic {
	secret := v.IsMarked()
	v, _ = v.UnmarkDeep()
	ty := v.Type()
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	switch {
	case ty.IsListType() || ty.IsTupleType():
		return badIndex(idx, what, v)
	case ty.IsMapType():
		key, _ := idx.Key.UnmarkDeep()
		if !key.IsKnown() || key.Type() != cty.String || key.IsNull() {
			return nil
		}
		return missingKey(idx.SrcRange, what, key.AsString(), v, secret)
	}
	return nil
}

// explainIndexErrors rewrites hcl's "Invalid index" of an index whose key
// is an expression (var.names[local.i]), which checkRefs cannot see in a
// traversal, as indexStepError says it. expr is what was evaluated in ctx.
func explainIndexErrors(expr hcl.Expression, ctx *hcl.EvalContext, diags hcl.Diagnostics) {
	sx, ok := expr.(hclsyntax.Expression)
	if !ok {
		return
	}
	for _, d := range diags {
		if d.Summary != "Invalid index" || d.Subject == nil {
			continue
		}
		_ = hclsyntax.VisitAll(sx, func(n hclsyntax.Node) hcl.Diagnostics {
			ie, ok := n.(*hclsyntax.IndexExpr)
			if !ok || ie.BracketRange != *d.Subject {
				return nil
			}
			coll, cdiags := ie.Collection.Value(ctx)
			key, kdiags := ie.Key.Value(ctx)
			if cdiags.HasErrors() || kdiags.HasErrors() || key.ContainsMarked() {
				return nil // a sensitive key is not shown
			}
			what := "the list"
			if tr, ok := ie.Collection.(*hclsyntax.ScopeTraversalExpr); ok {
				what = traversalText(tr.Traversal)
			}
			if nd := indexStepError(what, hcl.TraverseIndex{Key: key, SrcRange: ie.BracketRange}, coll); nd != nil {
				d.Summary, d.Detail = nd.Summary, nd.Detail
			}
			return nil
		})
	}
}
