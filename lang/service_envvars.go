package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// envParts returns, by key, the env values that a service's env object
// writes as literal text and variables alone (var.x, "pg://${var.x}@db"),
// split into those parts, or nil. Only an object written out is read:
// env = merge(...) says nothing by key.
func envParts(a attrs) map[string][]EnvPart {
	e, ok := a.expr("env")
	if !ok {
		return nil
	}
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	var out map[string][]EnvPart
	for _, item := range obj.Items {
		k, diags := item.KeyExpr.Value(nil)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || !k.Type().Equals(cty.String) {
			continue
		}
		if parts, ok := exprParts(item.ValueExpr); ok {
			if out == nil {
				out = map[string][]EnvPart{}
			}
			out[k.AsString()] = parts
		}
	}
	return out
}

// exprParts splits a variable (var.x) or a template of literal text and
// variables into its parts; ok is false for anything else.
func exprParts(e hclsyntax.Expression) ([]EnvPart, bool) {
	switch e := e.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return exprParts(e.Wrapped)
	case *hclsyntax.ScopeTraversalExpr:
		if tr := e.Traversal; len(tr) == 2 && tr.RootName() == "var" {
			if attr, ok := tr[1].(hcl.TraverseAttr); ok {
				return []EnvPart{{Var: attr.Name}}, true
			}
		}
	case *hclsyntax.TemplateExpr:
		var parts []EnvPart
		for _, p := range e.Parts {
			if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull() {
				parts = append(parts, EnvPart{Lit: lit.Val.AsString()})
				continue
			}
			sub, ok := exprParts(p)
			if !ok {
				return nil, false
			}
			parts = append(parts, sub...)
		}
		return parts, true
	}
	return nil, false
}
