package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// explainOperationErrors rewrites hcl's "Operation failed: Error during
// operation: can't divide zero by zero or infinity by infinity." (and
// cty's other arithmetic that has no result: infinity minus infinity,
// zero times infinity, and berth's % by zero) as what the expression
// computes and how to avoid it. The range stays the whole expression.
func explainOperationErrors(diags hcl.Diagnostics) {
	for _, d := range diags {
		e, ok := d.Expression.(*hclsyntax.BinaryOpExpr)
		if d.Summary != "Operation failed" || !ok || !strings.HasPrefix(d.Detail, "Error during operation: can't ") {
			continue
		}
		sym, ok := operatorSymbols[e.Op]
		if !ok {
			continue
		}
		l, r := operandText(e.LHS, d.EvalContext), operandText(e.RHS, d.EvalContext)
		if e.Op == hclsyntax.OpModulo && strings.Contains(d.Detail, errModuloByZero.Error()) {
			moduloByZero(d, l, r)
			continue
		}
		why := "an infinity comes from a division by zero (1 / 0 is infinite) in the spec: find it and check its divisor first, as in D == 0 ? 0 : N / D."
		if e.Op == hclsyntax.OpDivide && l == "0" && r == "0" {
			why = "zero divided by zero is not a number. Check the divisor first, as in D == 0 ? 0 : N / D."
		}
		d.Summary = "Arithmetic without a result"
		d.Detail = fmt.Sprintf("This expression computes %s %s %s, which has no result: %s", l, sym, r, why)
	}
}

// moduloByZero words the error of a % whose divisor is zero (modulo.go).
func moduloByZero(d *hcl.Diagnostic, l, r string) {
	d.Summary = "Division by zero"
	d.Detail = fmt.Sprintf("This expression computes %s %% %s, the remainder of a division by zero, which has no result. Check the divisor first, as in D == 0 ? 0 : N %% D.", l, r)
}

var operatorSymbols = map[*hclsyntax.Operation]string{
	hclsyntax.OpAdd:      "+",
	hclsyntax.OpSubtract: "-",
	hclsyntax.OpMultiply: "*",
	hclsyntax.OpDivide:   "/",
	hclsyntax.OpModulo:   "%",
}

// operandText is an operand's number as the detail shows it: 0,
// infinity, -infinity, or "a sensitive value".
func operandText(expr hcl.Expression, ctx *hcl.EvalContext) string {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() {
		return "?"
	}
	if v.ContainsMarked() {
		return "a sensitive value"
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil {
		return "?"
	}
	f := n.AsBigFloat()
	switch {
	case f.IsInf() && f.Sign() < 0:
		return "-infinity"
	case f.IsInf():
		return "infinity"
	case f.Sign() == 0:
		return "0" // not -0
	}
	return f.Text('g', 10)
}

// infinite reports the argument name whose value is infinite, which in a
// spec only a division by zero makes (cty's 1 / 0 is infinity); it said
// "replicas must be a whole number, not +Inf." or "is too large".
func infinite(rng hcl.Range, name string) *hcl.Diagnostic {
	return errorAt(rng, "Division by zero", "%s is infinite: its expression divides by zero (1 / 0 is infinity). Check the divisor first, as in D == 0 ? 1 : N / D.", name)
}
