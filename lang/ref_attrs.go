package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// attrStepError reports an attribute step of tr, past the declared name
// (local.m.c, var.cfg.prot, each.value.x), that the value before it does
// not have: an object's missing attribute with the ones it has, and an
// attribute of a list (local.names.length) with how to write its length.
// hcl said only "This object does not have an attribute named "c"." or
// "This value does not have any attributes.". nil when every step is
// fine or the value is not known yet.
func attrStepError(tr hcl.Traversal, root cty.Value) *hcl.Diagnostic {
	cur := root
	for i := 1; i < len(tr); i++ {
		if attr, ok := tr[i].(hcl.TraverseAttr); ok && i >= 2 {
			if d := missingAttr(traversalText(tr[:i]), attr, cur); d != nil {
				return d
			}
		}
		if idx, ok := tr[i].(hcl.TraverseIndex); ok && i >= 2 {
			if d := indexStepError(traversalText(tr[:i]), idx, cur); d != nil {
				return d
			}
		}
		next, diags := tr[i].TraversalStep(cur)
		if diags.HasErrors() || !next.IsKnown() || next.IsNull() {
			return nil
		}
		cur = next
	}
	return nil
}

// missingAttr reports attr of v, named what, when v does not have it.
func missingAttr(what string, attr hcl.TraverseAttr, v cty.Value) *hcl.Diagnostic {
	secret := v.IsMarked()
	v, _ = v.UnmarkDeep()
	ty := v.Type()
	switch {
	case !v.IsKnown() || v.IsNull():
		return nil
	case ty.IsObjectType() && !ty.HasAttribute(attr.Name):
		names := keysOf(ty.AttributeTypes())
		has := "it has none"
		if len(names) > 0 {
			has = "it has " + joinQuoted(names)
		}
		return errorAt(attr.SrcRange, "Unsupported attribute", "%s has no attribute %q; %s.%s", what, attr.Name, has, didYouMean(attr.Name, names))
	case ty.IsMapType():
		return missingKey(attr.SrcRange, what, attr.Name, v, secret)
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		hint := fmt.Sprintf(" %s[0] is its first element", what)
		if ty.IsSetType() {
			hint = " tolist(" + what + ")[0] is an element"
		}
		if attr.Name == "length" || attr.Name == "count" || attr.Name == "size" || attr.Name == "len" {
			hint = fmt.Sprintf(" For its length write length(%s)", what)
		}
		return errorAt(attr.SrcRange, "Unsupported attribute", "%s is a list, which has no attributes, so not %q.%s.", what, attr.Name, hint)
	}
	return nil
}

// traversalText writes tr as it is written in a spec: local.m["k"].x.
func traversalText(tr hcl.Traversal) string {
	var sb strings.Builder
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			sb.WriteString(s.Name)
		case hcl.TraverseAttr:
			sb.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
				fmt.Fprintf(&sb, "[%q]", s.Key.AsString())
			} else if s.Key.Type() == cty.Number && s.Key.IsKnown() && !s.Key.IsNull() {
				sb.WriteString("[" + s.Key.AsBigFloat().Text('f', -1) + "]")
			} else {
				sb.WriteString("[...]")
			}
		default:
			sb.WriteString("[*]")
		}
	}
	return sb.String()
}
