package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// envVars returns, by key, the variables that a service's env object
// writes as its values alone (PASSWORD = var.db_password), or nil. Only an
// object written out is read: env = merge(...) says nothing by key.
func envVars(a attrs) map[string]string {
	e, ok := a.expr("env")
	if !ok {
		return nil
	}
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	var out map[string]string
	for _, item := range obj.Items {
		k, diags := item.KeyExpr.Value(nil)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || !k.Type().Equals(cty.String) {
			continue
		}
		tr, diags := hcl.AbsTraversalForExpr(item.ValueExpr)
		if diags.HasErrors() || len(tr) != 2 || tr.RootName() != "var" {
			continue
		}
		if attr, ok := tr[1].(hcl.TraverseAttr); ok {
			if out == nil {
				out = map[string]string{}
			}
			out[k.AsString()] = attr.Name
		}
	}
	return out
}
