package lang

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// % keeps cty's results but for a zero divisor, which is an error (HCL's
// own % gives the dividend back); unknown operands stay unknown.
func TestModulo(t *testing.T) {
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"u": cty.UnknownVal(cty.Number), "z": cty.Zero}}
	for _, tc := range []struct {
		expr string
		want cty.Value // cty.NilVal: an error
	}{
		{"7 % 3", cty.NumberIntVal(1)},
		{"-7 % 3", cty.NumberIntVal(-1)},
		{"7.5 % 2", cty.NumberFloatVal(1.5)},
		{"0 % 5", cty.Zero},
		{"u % 3", cty.UnknownVal(cty.Number).RefineNotNull()},
		{"5 % 0", cty.NilVal},
		{"5 % z", cty.NilVal},
		{"5 % (2 - 2)", cty.NilVal},
		{"0 % 0", cty.NilVal},
	} {
		e, diags := hclsyntax.ParseExpression([]byte(tc.expr), "m", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		got, diags := e.Value(ctx)
		if tc.want == cty.NilVal {
			if !diags.HasErrors() {
				t.Errorf("%s = %#v, want an error", tc.expr, got)
			}
			continue
		}
		if diags.HasErrors() || !got.RawEquals(tc.want) && !(got.IsKnown() && tc.want.IsKnown() && got.Equals(tc.want).True()) {
			t.Errorf("%s = %#v (%v), want %#v", tc.expr, got, diags, tc.want)
		}
	}
}
