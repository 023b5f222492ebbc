package lang

import (
	"errors"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// HCL's % is cty's Modulo, which returns the dividend when the divisor is
// zero: `5 % 0` is 5, silently, where `5 / 0` is infinity (which berth
// reports as a division by zero) and every other language fails. A spec
// that computes `replicas = var.total % var.shards` with shards = 0 would
// run 5 replicas without a word. berth's % fails instead: the operation
// error names the division by zero, and explainOperationErrors words it
// (moduloByZero) with the expression's range.
//
// The operator is hclsyntax's, shared by every expression parsed in the
// process; berth parses HCL only for its specs, so it is set once here.
func init() {
	hclsyntax.OpModulo.Impl = moduloFunc
}

// errModuloByZero is the error of a % whose divisor is zero; HCL shows it
// as "Error during operation: can't ...", which explainOperationErrors
// rewrites.
var errModuloByZero = errors.New("can't take the remainder of a division by zero")

// moduloFunc is cty's ModuloFunc that fails on a zero divisor.
var moduloFunc = function.New(&function.Spec{
	Description: stdlib.ModuloFunc.Description(),
	Params: []function.Parameter{
		{Name: "a", Type: cty.Number, AllowDynamicType: true},
		{Name: "b", Type: cty.Number, AllowDynamicType: true},
	},
	Type:         function.StaticReturnType(cty.Number),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if args[1].AsBigFloat().Sign() == 0 {
			return cty.NilVal, errModuloByZero
		}
		return stdlib.ModuloFunc.Call(args)
	},
})
